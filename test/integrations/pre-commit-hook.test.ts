/**
 * The pre-commit hook (.pre-commit-hooks.yaml). Its manifest is checked against the fields and
 * types pre-commit's manifest schema accepts (pre_commit/clientlib.py, MANIFEST_HOOK_DICT), and the
 * hook is run as pre-commit runs it: the entry, with the bin resolved from package.json, on the
 * staged file names, in the repository being committed to.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { z } from "zod";

const ROOT = resolve(import.meta.dirname, "../..");

/** pre-commit's manifest hook keys and their types (required: id, name, entry, language). */
const manifestHook = z.strictObject({
  id: z.string(),
  name: z.string(),
  entry: z.string(),
  language: z.enum(["node"]),
  alias: z.string().optional(),
  files: z.string().optional(),
  exclude: z.string().optional(),
  types: z.array(z.string()).optional(),
  types_or: z.array(z.string()).optional(),
  exclude_types: z.array(z.string()).optional(),
  additional_dependencies: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  always_run: z.boolean().optional(),
  fail_fast: z.boolean().optional(),
  pass_filenames: z.boolean().optional(),
  description: z.string().optional(),
  language_version: z.string().optional(),
  log_file: z.string().optional(),
  minimum_pre_commit_version: z
    .string()
    .regex(/^\d+(\.\d+)*$/)
    .optional(),
  require_serial: z.boolean().optional(),
  stages: z.array(z.string()).optional(),
  verbose: z.boolean().optional(),
});

const hooks = z
  .array(manifestHook)
  .parse(parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")));

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox
      securityContext:
        privileged: true
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A git repository with `files` staged, as pre-commit sees it when the hook runs. */
function stagedRepository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pg-pre-commit-"));
  roots.push(root);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "pipe" });
  git("init", "-q");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  git("add", "--", ...Object.keys(files));
  return root;
}

/** Runs the hook's entry as pre-commit does: the bin it names, the entry's words, the file names. */
function runHook(
  cwd: string,
  files: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [hook] = hooks;
  const [command, ...words] = (hook?.entry ?? "").split(/\s+/);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  const bin = pkg.bin[command ?? ""];
  expect(bin).toBeDefined();
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, bin ?? ""), ...words, ...(hook?.args ?? []), ...files],
      { cwd, env: { PATH: process.env.PATH } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("the pre-commit hook", () => {
  it("is one node hook whose entry runs the package's bin on the files pre-commit passes", () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: "privilege-guard",
      language: "node",
      entry: "privilege-guard scan",
      types: ["text"],
    });
    expect(hooks[0]?.pass_filenames).not.toBe(false);
  });

  it("fails a commit that stages a privileged pod, naming the file and the rule", async () => {
    const root = stagedRepository({ "deploy/debug.yaml": PRIVILEGED_POD, "README.md": "# app\n" });
    const run = await runHook(root, ["deploy/debug.yaml", "README.md"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("deploy/debug.yaml");
    expect(run.stdout).toContain("privileged");
  });

  it("lets a clean commit through", async () => {
    const clean = PRIVILEGED_POD.replace("privileged: true", "privileged: false");
    const root = stagedRepository({ "deploy/debug.yaml": clean, "notes.txt": "hello\n" });
    const run = await runHook(root, ["deploy/debug.yaml", "notes.txt"]);
    expect(run.code).toBe(0);
  });

  it("is what README's snippet installs", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const snippet = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const config = z
      .strictObject({
        repos: z.array(
          z.strictObject({
            repo: z.string().url(),
            rev: z.string(),
            hooks: z.array(z.object({ id: z.string() })),
          }),
        ),
      })
      .parse(parse(snippet ?? ""));
    expect(config.repos[0]?.repo).toBe("https://github.com/privilege-guard/privilege-guard");
    expect(config.repos[0]?.hooks.map((h) => h.id)).toEqual([hooks[0]?.id]);
  });
});
