/**
 * The bin's V8 code cache (src/cli/code-cache.ts) as a user meets it: the built bin run as a child
 * process says the same with a cache, without one, with a corrupt or stale one, with a folder it
 * cannot write, and when several runs start at once with none.
 */
import { execFile } from "node:child_process";
import { chownSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { codeCacheFile } from "../../src/cli/code-cache.js";
import { deployment } from "./git-fixture.js";
import { tempDir, tree } from "./temp-tree.js";

const BIN = resolve(import.meta.dirname, "../..", "lib/bin/privilege-guard.js");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** A project with a manifest and a script, so that a scan runs the YAML reading and the shell parser. */
function project(): string {
  return tree({
    "k8s/app.yaml": deployment("app", { app: true }),
    "scripts/run.sh": "#!/bin/sh\ndocker run --privileged alpine true\n",
  });
}

const SCAN = ["scan", "--no-config", "--format", "json", "."];

describe("the bin's code cache", () => {
  it("is written by a first scan, then used as it is, and the output does not change", async () => {
    const root = project();
    const cache = tempDir("pg-cache-");
    const without = await run(SCAN, root, { PRIVILEGE_GUARD_NO_CODE_CACHE: "1" });
    expect(without.code).toBe(1);
    expect(JSON.parse(without.stdout).findings.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(cache)).toEqual([]);

    expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })).toEqual(without);
    const [file] = readdirSync(cache);
    expect(file).toMatch(/^cli-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    const written = statSync(join(cache, String(file)));
    expect(written.size).toBeGreaterThan(100_000);

    expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })).toEqual(without);
    // Used, not written again: the same file (a rewrite renames a new one into place).
    expect(statSync(join(cache, String(file))).ino).toBe(written.ino);
  });

  it("is not written by --version or the rule listing", async () => {
    const cache = tempDir("pg-cache-");
    const version = await run(["--version"], project(), { PRIVILEGE_GUARD_CACHE_DIR: cache });
    expect(version.code).toBe(0);
    expect((await run(["rules"], project(), { PRIVILEGE_GUARD_CACHE_DIR: cache })).code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });

  it("is ignored and written anew when corrupt, truncated or made from another bundle", async () => {
    const root = project();
    const cache = tempDir("pg-cache-");
    const expected = await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache });
    const [name] = readdirSync(cache);
    const file = join(cache, String(name));
    const good = readFileSync(file);
    const damaged = [
      // A byte of the data flipped.
      Buffer.concat([
        good.subarray(0, 5000),
        Buffer.from([(good[5000] ?? 0) ^ 0xff]),
        good.subarray(5001),
      ]),
      good.subarray(0, good.length - 100),
      // The bundle's checksum in the header (after the magic line) of another bundle.
      Buffer.concat([good.subarray(0, 29), Buffer.from([1, 2, 3, 4]), good.subarray(33)]),
      Buffer.from("not a cache"),
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })).toEqual(expected);
      expect(readFileSync(file).equals(bytes)).toBe(false);
      expect(readFileSync(file).length).toBeGreaterThan(100_000);
    }
  });

  it("runs without one when its folder cannot be made", async () => {
    const root = project();
    const blocked = join(tempDir("pg-cache-"), "a-file");
    writeFileSync(blocked, "");
    const expected = await run(SCAN, root, { PRIVILEGE_GUARD_NO_CODE_CACHE: "1" });
    expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: join(blocked, "cache") })).toEqual(
      expected,
    );
  });

  it("survives runs started at once with none: each says the same, one whole cache is left", async () => {
    const root = project();
    const cache = tempDir("pg-cache-");
    const expected = await run(SCAN, root, { PRIVILEGE_GUARD_NO_CODE_CACHE: "1" });
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })),
    );
    for (const r of runs) expect(r).toEqual(expected);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    const inode = statSync(join(cache, String(files[0]))).ino;
    expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })).toEqual(expected);
    expect(statSync(join(cache, String(files[0]))).ino).toBe(inode);
  });

  it("is not used when another user owns the file", async () => {
    if (process.getuid?.() !== 0) return; // Only root can give a file to another user.
    const root = project();
    const cache = tempDir("pg-cache-");
    const expected = await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache });
    const file = join(cache, String(readdirSync(cache)[0]));
    chownSync(file, 12345, 12345);
    expect(await run(SCAN, root, { PRIVILEGE_GUARD_CACHE_DIR: cache })).toEqual(expected);
    expect(statSync(file).uid).toBe(0);
  });
});

describe("codeCacheFile", () => {
  const home = () => "/home/dev";
  it("is in PRIVILEGE_GUARD_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache, per Node and architecture", () => {
    expect(codeCacheFile({}, home, "v20.1.0-x64")).toBe(
      "/home/dev/.cache/privilege-guard/cli-v20.1.0-x64.v8cache",
    );
    expect(codeCacheFile({ XDG_CACHE_HOME: "/var/cache/dev" }, home, "v20.1.0-x64")).toBe(
      "/var/cache/dev/privilege-guard/cli-v20.1.0-x64.v8cache",
    );
    expect(
      codeCacheFile(
        { XDG_CACHE_HOME: "/var/cache/dev", PRIVILEGE_GUARD_CACHE_DIR: "/tmp/pg" },
        home,
        "v22.0.0-arm64",
      ),
    ).toBe("/tmp/pg/cli-v22.0.0-arm64.v8cache");
  });

  it("ignores relative folders, and is off when asked or when there is no home", () => {
    expect(
      codeCacheFile({ XDG_CACHE_HOME: "cache", PRIVILEGE_GUARD_CACHE_DIR: "pg" }, home),
    ).toMatch(/^\/home\/dev\/\.cache\/privilege-guard\//);
    expect(codeCacheFile({ PRIVILEGE_GUARD_NO_CODE_CACHE: "1" }, home)).toBeNull();
    expect(codeCacheFile({}, () => "")).toBeNull();
    expect(
      codeCacheFile({}, () => {
        throw new Error("no home");
      }),
    ).toBeNull();
  });
});
