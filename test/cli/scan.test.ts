import { symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";
import { fileSideReader } from "../../src/cli/read-files.js";
import { runCli } from "./run-cli.js";
import { tree } from "./temp-tree.js";
import { PRIVILEGED_POD } from "../support/manifests.js";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

const CLEAN_POD = PRIVILEGED_POD.replace("privileged: true", "allowPrivilegeEscalation: false");

interface ScanJson {
  findings: Record<string, unknown>[];
  accepted: Record<string, unknown>[];
  problems: { path: string; code: string; line: number; column: number; message: string }[];
  files: number;
  rules: Record<string, Record<string, string>>;
}

async function scanJson(args: string[], cwd: string) {
  const run = await runCli(["scan", "--format", "json", ...args], { cwd });
  return { ...run, json: JSON.parse(run.stdout) as ScanJson };
}

describe("privilege-guard scan", () => {
  it("prints a readable review of the examples and exits 1", async () => {
    const run = await runCli(["scan", "examples/"], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    // Grouped by file, each finding with line, severity, rule, message, remediation and fix diff.
    expect(run.stdout).toContain(
      "examples/tcpdump-debug-deployment.yaml\n  26:13   critical privileged",
    );
    expect(run.stdout).toContain("Remediation: Remove `privileged: true`");
    expect(run.stdout).toMatch(
      /-\s+privileged: true\n.*\+\s+capabilities:\n.*\+\s+add:\n.*NET_RAW\n.*NET_ADMIN/,
    );
    // The CNI DaemonSet's annotated exceptions are listed as accepted, with their reasons.
    expect(run.stdout).toMatch(/examples\/cni-daemonset\.yaml\n(?:.*\n)*?.*accepted privileged/);
    expect(run.stdout).toContain("exception (annotation): CNI node agent");
    // The invalid file is reported with its line; the others are still scanned.
    expect(run.stdout).toContain("examples/invalid.yaml\n  10:14   error    parse-error");
    expect(run.stdout).not.toContain("examples/hardened-deployment.yaml");
    expect(run.stdout).toMatch(
      /\d+ findings \(\d+ critical.*\), \d+ accepted exceptions, 1 file could not be checked \(1 problem\); 11 files scanned; fails \(\d+ at high or above, 1 file unchecked\)\.\n$/,
    );
    // No colour when stdout is not a terminal.
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("scans folders recursively, skipping .git and node_modules and files no kind reads", async () => {
    const root = tree({
      "deploy/app.yaml": PRIVILEGED_POD,
      "deploy/nested/more/app.yml": PRIVILEGED_POD,
      "deploy/app.json": JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "j" },
        spec: { containers: [{ name: "c", securityContext: { privileged: true } }] },
      }),
      "deploy/notes.txt": "privileged: true\n",
      ".git/config.yaml": PRIVILEGED_POD,
      "node_modules/pkg/pod.yaml": PRIVILEGED_POD,
      "deploy/node_modules/pod.yaml": PRIVILEGED_POD,
    });
    const { code, json } = await scanJson(["."], root);
    expect(code).toBe(1);
    expect(json.files).toBe(3);
    expect(json.findings.map((f) => f.path)).toEqual([
      "deploy/app.json",
      "deploy/app.yaml",
      "deploy/nested/more/app.yml",
    ]);
  });

  it("prints each finding's fields in JSON, the engine's Finding with its rule's texts in rules", async () => {
    const root = tree({ "pod.yaml": PRIVILEGED_POD });
    const { code, json } = await scanJson(["pod.yaml"], root);
    expect(code).toBe(1);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: "privileged",
        pss: "privileged",
        severity: "critical",
        path: "pod.yaml",
        line: 10,
        endLine: 10,
        column: 9,
        endColumn: 24,
        message: expect.stringContaining("`shell` runs privileged"),
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        resource: { apiVersion: "v1", kind: "Pod", name: "debug", namespace: null },
        fix: expect.objectContaining({
          line: expect.any(Number),
          endLine: expect.any(Number),
          text: expect.any(String),
          description: expect.any(String),
        }),
      }),
    ]);
    // Every field of the engine's Finding, its rule's texts given once in `rules`.
    const engine = scan([{ path: "pod.yaml", text: PRIVILEGED_POD }]).flatMap((r) => r.findings);
    expect(json.findings[0]).not.toHaveProperty("explanation");
    expect(json.findings.map((f) => ({ ...json.rules[String(f.ruleId)], ...f }))).toEqual(
      JSON.parse(JSON.stringify(engine)),
    );
    expect(json.problems).toEqual([]);
  });

  it("exits 0 on clean files", async () => {
    const root = tree({ "pod.yaml": CLEAN_POD });
    const run = await runCli(["scan"], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: "No findings; 1 file scanned; passes (fails on high or above).\n",
      stderr: "",
    });
  });

  it("checks the restricted level only when asked", async () => {
    const root = tree({ "pod.yaml": CLEAN_POD });
    const baseline = await scanJson(["--level", "baseline", "pod.yaml"], root);
    expect(baseline.code).toBe(0);
    // The restricted level's findings on this Pod are medium: reported, failing only when asked.
    const restricted = await scanJson(["--level", "restricted", "pod.yaml"], root);
    expect(restricted.code).toBe(0);
    expect(restricted.json.findings.length).toBeGreaterThan(0);
    expect(restricted.json.findings.every((f) => f.ruleId !== "privileged")).toBe(true);
    const medium = await scanJson(
      ["--level", "restricted", "--fail-on", "medium", "pod.yaml"],
      root,
    );
    expect(medium.code).toBe(1);
  });

  it("reports an invalid YAML file with its line among valid files, and still scans those", async () => {
    const root = tree({
      "a.yaml": PRIVILEGED_POD,
      "b.yaml":
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: y\n        securityContext: {privileged: true}\n",
      "c.yaml": CLEAN_POD,
    });
    const { code, json } = await scanJson(["."], root);
    expect(code).toBe(1);
    expect(json.files).toBe(3);
    expect(json.findings.map((f) => f.path)).toEqual(["a.yaml"]);
    expect(json.problems).toEqual([
      expect.objectContaining({ path: "b.yaml", code: "parse-error", line: 6 }),
    ]);
    const clean = await scanJson(["c.yaml"], root);
    expect(clean.code).toBe(0);
    const invalidOnly = await scanJson(["b.yaml"], root);
    expect(invalidOnly.code).toBe(1);
    expect(invalidOnly.json.findings).toEqual([]);
  });

  it("honours annotated exceptions unless --no-exceptions", async () => {
    const annotated = PRIVILEGED_POD.replace(
      "  name: debug\n",
      '  name: debug\n  annotations:\n    privilege-guard.io/allow-privileged: "node debugger, reviewed"\n',
    );
    const root = tree({ "pod.yaml": annotated });
    const honoured = await scanJson(["pod.yaml"], root);
    expect(honoured.code).toBe(0);
    expect(honoured.json.findings).toEqual([]);
    expect(honoured.json.accepted).toEqual([
      expect.objectContaining({
        finding: expect.objectContaining({ ruleId: "privileged" }),
        reason: "node debugger, reviewed",
        source: "annotation",
      }),
    ]);
    const strict = await scanJson(["--no-exceptions", "pod.yaml"], root);
    expect(strict.code).toBe(1);
    expect(strict.json.findings).toHaveLength(1);
    expect(strict.json.accepted).toEqual([]);
  });

  it("follows links to files but not to folders", async () => {
    const root = tree({ "real/pod.yaml": PRIVILEGED_POD });
    symlinkSync(join(root, "real/pod.yaml"), join(root, "link.yaml"));
    symlinkSync(join(root, "real"), join(root, "linked-dir"));
    const { json } = await scanJson(["."], root);
    expect(json.findings.map((f) => f.path)).toEqual(["link.yaml", "real/pod.yaml"]);
  });

  it("notes an explicitly named file that no file kind reads", async () => {
    const root = tree({ "notes.txt": "privileged: true\n" });
    const run = await runCli(["scan", "notes.txt"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "privilege-guard: skipped notes.txt: not included by the config or no file kind reads it\n",
    );
  });

  it("reports a file it cannot read as a problem, not as a pass", async () => {
    const root = tree({ "pod.yaml": PRIVILEGED_POD, "folder.yaml/x.txt": "" });
    const reader = fileSideReader(
      [
        { absolute: join(root, "pod.yaml"), path: "pod.yaml" },
        { absolute: join(root, "folder.yaml"), path: "folder.yaml" },
        { absolute: join(root, "gone.yaml"), path: "gone.yaml" },
      ],
      root,
    );
    const read = await reader.read(
      ["pod.yaml", "folder.yaml", "gone.yaml"].map((path) => ({ side: "head", path })),
    );
    expect(read).toEqual([
      { kind: "text", text: PRIVILEGED_POD },
      {
        kind: "unreadable",
        code: "unreadable",
        message: "not a regular file (a folder); not read",
      },
      { kind: "unreadable", code: "unreadable", message: expect.stringContaining("ENOENT") },
    ]);
  });

  describe("colour", () => {
    it("colours a terminal's output", async () => {
      const root = tree({ "pod.yaml": PRIVILEGED_POD });
      const run = await runCli(["scan"], { cwd: root, tty: true, env: {} });
      expect(run.stdout).toContain("\u001b[31m");
    });

    it("does not colour when NO_COLOR is set", async () => {
      const root = tree({ "pod.yaml": PRIVILEGED_POD });
      const run = await runCli(["scan"], { cwd: root, tty: true, env: { NO_COLOR: "1" } });
      expect(run.stdout).not.toContain("\u001b[");
    });
  });

  describe("usage and I/O errors exit 2 with one line on stderr", () => {
    it.each([
      [
        ["scan", "--level", "strict", "."],
        "privilege-guard: error: option '--level <level>' argument 'strict' is invalid. Allowed choices are baseline, restricted.\n",
      ],
      [
        ["scan", "--format", "xml", "."],
        "privilege-guard: error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, compact, github, json, sarif, junit.\n",
      ],
      [["scan", "--bogus"], "privilege-guard: error: unknown option '--bogus'\n"],
      [["scan", "does-not-exist"], "privilege-guard: path not found: does-not-exist\n"],
      [["frobnicate"], "privilege-guard: error: unknown command 'frobnicate'\n"],
    ])("%j", async (argv, stderr) => {
      const run = await runCli(argv, { cwd: tree({}) });
      expect(run).toEqual({ code: 2, stdout: "", stderr });
    });

    it("explains a typo in one line", async () => {
      const run = await runCli(["scan", "--formt", "json"], { cwd: tree({}) });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "privilege-guard: error: unknown option '--formt' (Did you mean --format?)\n",
      );
    });

    it("shows help with exit 0 when asked, and exit 2 when no command is given", async () => {
      const help = await runCli(["scan", "--help"], { cwd: tree({}) });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Usage: privilege-guard scan [options] [paths...]");
      expect(help.stdout).toContain("Exit codes:");
      const none = await runCli([], { cwd: tree({}) });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("Usage: privilege-guard");
    });

    it("prints the package version", async () => {
      const run = await runCli(["--version"], { cwd: tree({}) });
      expect(run).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
    });
  });
});
