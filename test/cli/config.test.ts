import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { runCli } from "./run-cli.js";

const POD = (name: string, setting: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        ${setting}
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder (with `.git`, so that it is the root) holding these files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pg-config-"));
  dirs.push(root);
  mkdirSync(join(root, ".git"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function scanJson(args: string[], cwd: string) {
  const run = await runCli(["scan", "--format", "json", ...args], { cwd });
  const json = run.stdout === "" ? null : JSON.parse(run.stdout);
  return { ...run, json };
}

const CONFIG = `paths:
  exclude: ["debug/**"]
failOn: critical
exceptions:
  - rule: host-path-volumes
    name: agent
    reason: the agent reads the node's logs
`;

describe("the CLI reads the repository's configuration", () => {
  const files = {
    ".github/privilege-guard.yml": CONFIG,
    "debug/pod.yaml": POD("debug", "privileged: true"),
    "deploy/net.yaml": POD("net", "capabilities: {add: [NET_ADMIN]}"),
  };

  it("applies its paths, failOn and exceptions, from a subfolder too", async () => {
    const root = project(files);
    for (const cwd of [root, join(root, "deploy")]) {
      const { code, json } = await scanJson(["."], cwd);
      // Paths are the root's, wherever the scan starts: the globs and exceptions match them.
      expect(json.findings.map((f: { path: string }) => f.path)).toEqual(["deploy/net.yaml"]);
      expect(json.verdict).toMatchObject({ fails: false, failOn: "critical" });
      expect(code).toBe(0);
    }
  });

  it("--fail-on and --level override it; --no-config ignores it; --exit-zero never fails", async () => {
    const root = project(files);
    expect((await scanJson(["--fail-on", "high", "."], root)).code).toBe(1);
    const none = await scanJson(["--no-config", "."], root);
    expect(none.code).toBe(1);
    expect(none.json.findings.map((f: { path: string }) => f.path).sort()).toEqual([
      "debug/pod.yaml",
      "deploy/net.yaml",
    ]);
    expect(none.json.verdict.failOn).toBe("high");
    expect((await scanJson(["--no-config", "--exit-zero", "."], root)).code).toBe(0);
    const restricted = await scanJson(["--level", "restricted", "."], root);
    expect(restricted.json.level).toBe("restricted");
  });

  it("--config names another file; an invalid or missing one is a usage error", async () => {
    const root = project({
      ...files,
      "strict.yml": "failOn: low\n",
      "bad.yml": "failOn: sometimes\nlevle: baseline\n",
    });
    expect((await scanJson(["--config", "strict.yml", "."], root)).code).toBe(1);
    const bad = await scanJson(["--config", "bad.yml", "."], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid config bad.yml");
    expect(bad.stderr).toMatch(/failOn: .*\n.*levle: unknown key/);
    const missing = await scanJson(["--config", "nope.yml", "."], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the config file nope.yml");
  });
});

describe("--org-policy: the organisation's policy, as the App reads it", () => {
  const files = {
    ".github/privilege-guard.yml": CONFIG,
    "debug/pod.yaml": POD("debug", "privileged: true"),
    "deploy/net.yaml": POD("net", "capabilities: {add: [NET_ADMIN]}"),
    "deploy/agent.yaml": POD("agent", "privileged: true"),
  };

  it("is a floor the repository's file cannot lower; its lists add to the file's", async () => {
    const root = project({
      ...files,
      "policy.yml": [
        "failOn: medium",
        "level: restricted",
        "exceptions:",
        "  - rule: privileged",
        "    name: agent",
        "    reason: the node agent loads kernel modules",
        "",
      ].join("\n"),
    });
    const { code, json } = await scanJson(["--org-policy", "policy.yml", "."], root);
    // The policy's failOn (medium) and level (restricted) win over the file's critical and baseline;
    // the file's exclude still applies, and the policy's exception accepts the agent.
    expect(json.level).toBe("restricted");
    expect(json.verdict).toMatchObject({ fails: true, failOn: "medium" });
    expect(code).toBe(1);
    const paths = new Set(json.findings.map((f: { path: string }) => f.path));
    expect([...paths].sort()).toEqual(["deploy/agent.yaml", "deploy/net.yaml"]);
    expect(
      json.findings.filter(
        (f: { path: string; ruleId: string }) =>
          f.path === "deploy/agent.yaml" && f.ruleId === "privileged",
      ),
    ).toEqual([]);
    expect(json.accepted.map((a: { reason: string }) => a.reason)).toContain(
      "the node agent loads kernel modules",
    );
    // A policy laxer than the file changes nothing the file sets.
    const strictFile = project({
      ...files,
      ".github/privilege-guard.yml": "failOn: high\nlevel: restricted\n",
      "policy.yml": "failOn: critical\nlevel: baseline\n",
    });
    const lax = await scanJson(["--org-policy", "policy.yml", "."], strictFile);
    expect(lax.json.level).toBe("restricted");
    expect(lax.json.verdict.failOn).toBe("high");
  });

  it("an invalid or missing policy is a usage error that names it", async () => {
    const root = project({ ...files, "policy.yml": "failOn: sometimes\n" });
    const bad = await scanJson(["--org-policy", "policy.yml", "."], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid organisation policy policy.yml:");
    expect(bad.stderr).toContain("organisation policy (policy.yml): failOn:");
    const missing = await scanJson(["--org-policy", "nope.yml", "."], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the organisation policy nope.yml");
  });
});
