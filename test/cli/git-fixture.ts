/**
 * Real git repositories in temporary folders for the diff tests. Identity comes from `-c` flags
 * and global/system config is ignored, so the machine's git config neither matters nor changes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Environment for git in the tests and for the CLI under test. */
export const GIT_ENV: Readonly<Record<string, string | undefined>> = {
  PATH: process.env.PATH,
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

export class GitFixture {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), "pg-diff-"));
    this.git("init", "-q", "-b", "main");
  }

  git(...args: string[]): string {
    return execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
      { cwd: this.root, env: GIT_ENV, encoding: "utf8" },
    );
  }

  write(path: string, text: string): this {
    const absolute = join(this.root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    return this;
  }

  remove(path: string): this {
    unlinkSync(join(this.root, path));
    return this;
  }

  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A Deployment manifest; containers given as `name: privileged?`. */
export function deployment(name: string, containers: Record<string, boolean>): string {
  const lines = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "  namespace: shop",
    "spec:",
    "  replicas: 2",
    "  template:",
    "    spec:",
    "      containers:",
  ];
  for (const [container, privileged] of Object.entries(containers)) {
    lines.push(
      `        - name: ${container}`,
      `          image: registry.example.com/${container}:1.0`,
    );
    if (privileged) lines.push("          securityContext:", "            privileged: true");
  }
  return `${lines.join("\n")}\n`;
}
