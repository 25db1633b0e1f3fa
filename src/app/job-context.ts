import type { GitHubPort } from "./github-port.js";

/** Pino-style logging, as Probot's `context.log` offers it. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Everything a job needs from outside: the GitHub port, a logger, a clock, the App's login. */
export interface JobContext {
  readonly port: GitHubPort;
  readonly log: JobLogger;
  readonly now: () => Date;
  /** `<app-slug>[bot]`: the author of the App's own reviews and comments. */
  readonly appLogin: () => Promise<string>;
}
