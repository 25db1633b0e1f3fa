/**
 * The App on Probot's own HTTP server, as `probot run` and `npm start` mount it, on a free port of
 * 127.0.0.1: for the tests that speak HTTP to it (webhook deliveries, /healthz, /readyz,
 * /metrics). Its log is quiet, and nock lets requests to 127.0.0.1 through.
 */
import nock from "nock";
import { type ApplicationFunction, Probot, ProbotOctokit, Server } from "probot";
import { freePort } from "../../support/free-port.js";
import { APP_ID, testPrivateKey } from "./test-app.js";

export interface ProbotServerOptions {
  /** The webhook secret deliveries are signed with. */
  readonly secret?: string;
  /** The GitHub client; by default Probot's with retries and throttling off. */
  readonly Octokit?: typeof ProbotOctokit;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
}

/** Starts Probot's server with `app` loaded; the caller stops it (`server.stop()`). */
export async function startProbotServer(
  app: ApplicationFunction,
  options: ProbotServerOptions = {},
): Promise<RunningServer> {
  const probotOptions = {
    appId: APP_ID,
    privateKey: testPrivateKey(),
    ...(options.secret ? { secret: options.secret } : {}),
    logLevel: "fatal" as const,
    Octokit:
      options.Octokit ??
      ProbotOctokit.defaults((o: object) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
  };
  const quiet = await new Probot(probotOptions).ready();
  const port = await freePort();
  const server = new Server({
    Probot: Probot.defaults(probotOptions),
    port,
    host: "127.0.0.1",
    log: quiet.log,
  });
  await server.load(app);
  await server.start();
  nock.enableNetConnect("127.0.0.1");
  return { server, port, base: `http://127.0.0.1:${port}` };
}
