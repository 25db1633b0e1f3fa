/**
 * The CLI given what an attacker (or an accident) can put in a tree: a named pipe, a link to an
 * endless device, a folder too large for a recursive spread, a folder that cannot be listed,
 * terminal escapes in names and values, bytes that are not UTF-8. Each ends in a report, never a
 * hang, a crash or a lost scan.
 */
import { execFileSync } from "node:child_process";
import { type Dirent, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { collectFiles } from "../../src/cli/collect-files.js";
import { FileNotRead, readBoundedText } from "../../src/cli/read-bounded.js";
import { runCli } from "./run-cli.js";

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: busybox
      securityContext:
        privileged: true
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), "pg-hostile-"));
  roots.push(root);
  return root;
}

interface JsonReport {
  findings: { path: string; ruleId: string }[];
  problems: { path: string; code: string; message: string }[];
}

async function scanJson(args: string[], cwd: string) {
  const run = await runCli(["scan", "--format", "json", ...args], { cwd });
  return { ...run, json: JSON.parse(run.stdout) as JsonReport };
}

describe("files that are not regular files", () => {
  it("reports a named pipe given as a path instead of waiting for a writer", async () => {
    const root = folder();
    execFileSync("mkfifo", [join(root, "fifo.yaml")]);
    const { code, json } = await scanJson(["fifo.yaml"], root);
    expect(code).toBe(1);
    expect(json.problems).toEqual([
      expect.objectContaining({
        path: "fifo.yaml",
        code: "unreadable",
        message: "not a regular file (a named pipe); not read",
      }),
    ]);
  });

  it("reports a link to /dev/zero, named or found in a folder, without reading it", async () => {
    const root = folder();
    symlinkSync("/dev/zero", join(root, "z.yaml"));
    writeFileSync(join(root, "pod.yaml"), PRIVILEGED_POD);
    for (const args of [["z.yaml"], ["."]]) {
      const { json } = await scanJson(args, root);
      expect(json.problems).toEqual([
        expect.objectContaining({
          path: "z.yaml",
          message: "not a regular file (a device); not read",
        }),
      ]);
    }
    const { json } = await scanJson(["."], root);
    expect(json.findings.map((f) => f.ruleId)).toEqual(["privileged"]);
  });

  it("stops reading a file past the byte bound, before and while reading", async () => {
    const root = folder();
    const path = join(root, "big.yaml");
    writeFileSync(path, "a: b\n".repeat(1000));
    await expect(readBoundedText(path, 100)).rejects.toEqual(
      new FileNotRead(
        "too-large",
        "file of 5000 bytes or more, over the limit of 100 bytes; not scanned",
      ),
    );
    await expect(readBoundedText(path, 5000)).resolves.toHaveLength(5000);
  });
});

describe("folders", () => {
  it("walks a folder of 130,000 entries without overflowing the stack", async () => {
    const root = folder();
    mkdirSync(join(root, "crowded"));
    writeFileSync(join(root, "crowded", "pod.yaml"), PRIVILEGED_POD);
    // The listing of "crowded" is 130,000 entries (a spread of them into an array once threw
    // "Maximum call stack size exceeded"); made up rather than written to disk, to keep this fast.
    const crowdedEntry = (name: string) =>
      ({ name, isDirectory: () => false, isSymbolicLink: () => false }) as Dirent;
    const listing = [
      ...Array.from({ length: 130_000 }, (_, i) => crowdedEntry(`${i}.txt`)),
      crowdedEntry("pod.yaml"),
    ];
    const collected = await collectFiles(
      ["."],
      root,
      root,
      (p) => p.endsWith(".yaml"),
      (dir) =>
        dir.endsWith("crowded") ? Promise.resolve(listing) : readdir(dir, { withFileTypes: true }),
    );
    expect(collected.files.map((f) => f.path)).toEqual(["crowded/pod.yaml"]);
    expect(collected.problems).toEqual([]);
  });

  it("reports a folder it cannot list and scans the rest", async () => {
    const root = folder();
    mkdirSync(join(root, "locked"));
    mkdirSync(join(root, "open"));
    writeFileSync(join(root, "locked", "pod.yaml"), PRIVILEGED_POD);
    writeFileSync(join(root, "open", "pod.yaml"), PRIVILEGED_POD);
    // Running as root, permissions cannot make a folder unreadable: the listing fails instead.
    const collected = await collectFiles(
      ["."],
      root,
      root,
      (p) => p.endsWith(".yaml"),
      (dir) =>
        dir.endsWith("locked")
          ? Promise.reject(
              Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }),
            )
          : readdir(dir, { withFileTypes: true }),
    );
    expect(collected.files.map((f) => f.path)).toEqual(["open/pod.yaml"]);
    expect(collected.problems).toEqual([
      {
        path: "locked",
        code: "unreadable",
        message:
          "could not read the folder; the files in it were not checked: EACCES: permission denied",
        line: 1,
        column: 1,
      },
    ]);
  });

  it("keeps depth-first name order across files and folders", async () => {
    const root = folder();
    mkdirSync(join(root, "a"));
    mkdirSync(join(root, "c"));
    for (const p of ["a/x.yaml", "b.yaml", "c/y.yaml", "d.yaml"]) writeFileSync(join(root, p), "");
    const collected = await collectFiles(["."], root, root, () => true);
    expect(collected.files.map((f) => f.path)).toEqual([
      "a/x.yaml",
      "b.yaml",
      "c/y.yaml",
      "d.yaml",
    ]);
  });
});

describe("what reaches the terminal", () => {
  it("shows escape sequences from file names and YAML values as visible escapes", async () => {
    const root = folder();
    const name = "evil\u001b]0;owned\u0007.yaml";
    writeFileSync(join(root, name), PRIVILEGED_POD.replace("name: c", 'name: "c\\e[2J"'));
    const run = await runCli(["scan", "."], { cwd: root, tty: false });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("evil\\x1b]0;owned\\x07.yaml");
    expect(run.stdout).toContain("c\\x1b[2J");
    const controls = [...run.stdout].filter((ch) => ch < " " && ch !== "\n" && ch !== "\t");
    expect(controls).toEqual([]);
  });

  it("makes an error message about a given path terminal-safe too", async () => {
    const root = folder();
    const run = await runCli(["scan", "gone\u001b[2J.yaml"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("privilege-guard: path not found: gone\\x1b[2J.yaml\n");
  });
});

describe("bytes that are not UTF-8", () => {
  it("says so, with the offset, rather than calling the file binary", async () => {
    const root = folder();
    const bytes = Buffer.concat([
      Buffer.from("apiVersion: v1\nkind: Pod\n# caf"),
      Buffer.from([0xe9, 0x0a]),
    ]);
    writeFileSync(join(root, "latin1.yaml"), bytes);
    const { code, json } = await scanJson(["latin1.yaml"], root);
    expect(code).toBe(1);
    expect(json.problems).toEqual([
      expect.objectContaining({
        path: "latin1.yaml",
        code: "encoding",
        message: "not UTF-8 text (invalid byte sequence at byte offset 30); not scanned",
      }),
    ]);
  });

  it("finds where the bad sequence starts, whether a byte or a broken sequence", async () => {
    const root = folder();
    const cases: [number[], number][] = [
      [[0x61, 0xff], 1],
      [[0xc3, 0xa9, 0xff], 2],
      [[0x61, 0xe2, 0x98, 0x41], 1],
      [[0x61, 0xe2, 0x98], 1],
    ];
    for (const [bytes, offset] of cases) {
      const path = join(root, "x.yaml");
      writeFileSync(path, Buffer.from(bytes));
      await expect(readBoundedText(path)).rejects.toThrow(`at byte offset ${offset})`);
    }
  });

  it("keeps a byte order mark and reads UTF-8 text beyond ASCII", async () => {
    const root = folder();
    const path = join(root, "bom.yaml");
    writeFileSync(path, `\ufeff# café ☕ 𝄞\n${PRIVILEGED_POD}`);
    const text = await readBoundedText(path);
    expect(text.startsWith("\ufeff# café ☕ 𝄞\n")).toBe(true);
  });
});
