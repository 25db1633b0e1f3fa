/**
 * A real Redis server for a test file: `redis-server` (Debian's package; `.ci/run` installs it) on
 * a free port on 127.0.0.1, without persistence, stopped after the tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../../support/free-port.js";

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** A client as the App makes it (`maxRetriesPerRequest: null`); closed by `stop()`. */
  client(): Redis;
  stop(): Promise<void>;
}

/** Starts a server on a free port, or on `port` (a restart of a stopped one). */
export async function startRedis(port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout?.on("data", onData);
    child.once("error", (error) =>
      reject(
        new Error(`could not start redis-server (apt-get install redis-server): ${error.message}`),
      ),
    );
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  const clients: Redis[] = [];
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client() {
      const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
