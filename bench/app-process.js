/**
 * The App as production runs it (`npm start`: lib/app/main.js, so worker threads, the in-process
 * queue or Redis with `REDIS_URL`, Probot's write spacing, JSON logs at `info`), as a child
 * process pointed at a GitHub stand-in, plus signed webhook deliveries for it and a Redis server
 * for several processes to share.
 */
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { createServer } from "node:net";

export const WEBHOOK_SECRET = "bench-secret";

const require = createRequire(import.meta.url);
const examples = JSON.parse(
  readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
);
const opened = examples
  .find((g) => g.name === "pull_request")
  .examples.find((e) => e.action === "opened");

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node lib/app/main.js` against the stand-in at `githubPort`; resolves once `/readyz`
 * answers 200. `nodeArgs` go to Node (e.g. `--cpu-prof`), `env` adds to its environment.
 */
export async function startApp({ githubPort, redisUrl, nodeArgs = [], env = {} }) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "lib/app/main.js"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      GHE_HOST: `127.0.0.1:${githubPort}`,
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      ...env,
    },
    // JSON logs are written as in production, then dropped; errors are kept for the report.
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the App exited at start: ${stderr}`);
    const ready = await fetch(`${url}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid: child.pid,
    /** Peak resident set size of the process so far (VmHWM), in bytes. */
    peakRss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = /VmHWM:\s+(\d+) kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : Number.NaN;
    },
    /** Kills the process with `signal` (no shutdown, as a crash or an OOM kill); resolves on exit. */
    async kill(signal = "SIGKILL") {
      child.kill(signal);
      await exited;
    },
    /** SIGTERM (a graceful shutdown, which also writes a `--cpu-prof` profile); resolves on exit. */
    async stop() {
      child.kill("SIGTERM");
      await exited;
      return stderr;
    },
  };
}

/** A signed `pull_request.opened` delivery (GitHub's example payload) for `owner/repo#number`. */
export function pullRequestDelivery({ id, installationId, owner, repo, number, headSha }) {
  const payload = structuredClone(opened);
  payload.installation = { id: installationId };
  payload.number = number;
  payload.pull_request.number = number;
  payload.repository.owner.login = owner;
  payload.repository.name = repo;
  payload.repository.full_name = `${owner}/${repo}`;
  payload.pull_request.head.sha = headSha;
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`,
    },
  };
}

/**
 * Posts a delivery; resolves to the milliseconds until the App's answer arrived (throws unless
 * 200). Through node:http rather than fetch, whose per-request cost on the sending side (web
 * streams) otherwise dominates what a burst measures.
 */
export function deliver(appUrl, { body, headers }) {
  const payload = Buffer.from(body);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${appUrl}/api/github/webhooks`,
      { method: "POST", headers: { ...headers, "content-length": payload.length } },
      (res) => {
        res.resume();
        res.once("end", () => {
          if (res.statusCode !== 200) reject(new Error(`webhook answered ${res.statusCode}`));
          else resolve(performance.now() - start);
        });
      },
    );
    req.once("error", reject);
    req.end(payload);
  });
}

/**
 * The bare webhook receiver of `bare-webhook-server.js` as a child process (the yardstick: what
 * answering a delivery costs on this machine without the App). Resolves to `{ url, pid, stop }`.
 */
export async function startBareServer() {
  const child = spawn(
    process.execPath,
    [new URL("./bare-webhook-server.js", import.meta.url).pathname],
    {
      env: { PATH: process.env.PATH, WEBHOOK_SECRET },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve(Number(String(chunk).trim())));
    child.once("exit", (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * How long a process's main thread has run on a CPU and waited for one (runnable, while other
 * processes had the cores), in ms, from Linux's `/proc/<pid>/task/<pid>/schedstat`; null
 * elsewhere.
 */
export function mainThreadTimes(pid) {
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8")
      .split(" ")
      .map(Number);
    return { ranMs: ran / 1e6, waitedMs: waited / 1e6 };
  } catch {
    return null;
  }
}

/**
 * `redis-server` on a free port of 127.0.0.1 without persistence (as the tests start theirs), or
 * null when it is not installed.
 */
export async function startRedis() {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const started = await new Promise((resolve) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) resolve(true);
    });
    child.once("error", () => resolve(false));
    child.once("exit", () => resolve(false));
  });
  if (!started) return null;
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The App's own view of acknowledgement (its `privilege_guard_webhook_ack_seconds` histogram at
 * `/metrics`: from the request reaching its handler to the answer written): the bucket bound
 * under which 99% of the answers fell, in ms.
 */
export async function serverAckP99(appUrl) {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  const buckets = new Map();
  for (const m of text.matchAll(
    /^privilege_guard_webhook_ack_seconds_bucket\{.*le="([^"]+)".*\} (\d+)$/gm,
  )) {
    const le = m[1] === "+Inf" ? Number.POSITIVE_INFINITY : Number(m[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  const bound = sorted.find(([, n]) => n >= 0.99 * total)?.[0];
  return bound === undefined ? Number.NaN : bound * 1000;
}
