import { afterEach, describe, expect, it } from "@jest/globals";
import { AGENT_CHART_YAML, AGENT_TEMPLATE } from "../support/chart-case.js";
import { GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";
import { tree } from "./temp-tree.js";

const repos: GitFixture[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

const VALUES = "image: example/agent:1.0\nagent:\n  privileged: true\nprivileged: true\n";

interface Json {
  findings: { path: string; ruleId: string; line: number; remediation: string }[];
  problems: unknown[];
}

async function run(args: string[], cwd: string, env?: Record<string, string | undefined>) {
  const result = await runCli([...args, "--format", "json"], { cwd, ...(env ? { env } : {}) });
  return { code: result.code, json: JSON.parse(result.stdout) as Json };
}

describe("privilege-guard scan on a chart", () => {
  it("judges values.yaml through the chart's templates, read but not reported", async () => {
    const cwd = tree({
      "deploy/agent/Chart.yaml": AGENT_CHART_YAML,
      "deploy/agent/values.yaml": VALUES,
      "deploy/agent/templates/daemonset.yaml": AGENT_TEMPLATE,
    });
    const { code, json } = await run(["scan", "deploy/agent/values.yaml"], cwd);
    expect(code).toBe(1);
    expect(json.problems).toEqual([]);
    // `agent.privileged` feeds `privileged:`; the top-level `privileged` key feeds nothing.
    expect(json.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ["deploy/agent/values.yaml", "privileged", 3],
    ]);
  });

  it("reads the files under templates/ as templates, with no problem", async () => {
    const cwd = tree({
      "agent/Chart.yaml": AGENT_CHART_YAML,
      "agent/values.yaml": "image: example/agent:1.0\n",
      "agent/templates/daemonset.yaml": AGENT_TEMPLATE.replace(
        "privileged: {{ .Values.agent.privileged }}",
        "privileged: true",
      ),
      "agent/templates/_helpers.tpl":
        '{{- define "agent.name" -}}\n{{ .Chart.Name }}\n{{- end }}\n',
    });
    const { json } = await run(["scan", "."], cwd);
    expect(json.problems).toEqual([]);
    expect(json.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ["agent/templates/daemonset.yaml", "privileged", 12],
    ]);
  });
});

describe("privilege-guard diff on a chart", () => {
  function repoWith(files: Record<string, string>): GitFixture {
    const repo = new GitFixture();
    repos.push(repo);
    for (const [path, text] of Object.entries(files)) repo.write(path, text);
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    return repo;
  }

  const base = {
    "charts/agent/Chart.yaml": AGENT_CHART_YAML,
    "charts/agent/templates/daemonset.yaml": AGENT_TEMPLATE,
    "charts/agent/values.yaml": VALUES.replace("  privileged: true", "  privileged: false"),
  };

  it.each([
    ["a commit", ["--head", "feature"]],
    ["the working tree", []],
  ])(
    "a change to values.yaml alone introduces the setting it turns on (head: %s)",
    async (_, head) => {
      const repo = repoWith(base);
      repo.write("charts/agent/values.yaml", VALUES);
      if (head.length > 0) repo.commit("turn privileged on");
      const { code, json } = await run(["diff", "--base", "main", ...head], repo.root, GIT_ENV);
      expect(code).toBe(1);
      expect(json.problems).toEqual([]);
      expect(json.findings.map((f) => [f.path, f.ruleId, f.line])).toEqual([
        ["charts/agent/values.yaml", "privileged", 3],
      ]);
      expect(json.findings[0]?.remediation).not.toContain("Judged by key name");
    },
  );
});
