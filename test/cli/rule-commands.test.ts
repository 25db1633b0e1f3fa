import { describe, expect, it } from "@jest/globals";
import { rules } from "../../src/catalogue/index.js";
import { rulesTable } from "../../src/report/rules-table.js";
import { runCli } from "./run-cli.js";

const cwd = process.cwd();

describe("privilege-guard explain", () => {
  it("explains a rule by its id", async () => {
    const run = await runCli(["explain", "privileged"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const rule = rules.find((r) => r.id === "privileged");
    expect(rule).toBeDefined();
    expect(run.stdout).toContain("privileged: Privileged container");
    expect(run.stdout).toContain(
      "PSS control:  privileged (Pod Security Standards, baseline level)",
    );
    expect(run.stdout).toContain("Severity:     critical");
    expect(run.stdout).toContain(rule?.rationale ?? "-");
    expect(run.stdout).toContain(rule?.remediation ?? "-");
    expect(run.stdout).toContain('privilege-guard.io/allow-privileged: "<reason>"');
  });

  it("explains a container rule with its file kinds and the inline exception", async () => {
    const run = await runCli(["explain", "container-host-mounts"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("File kinds:   compose");
    expect(run.stdout).toContain("`privilege-guard: allow container-host-mounts -- <reason>`");
    expect(run.stdout).not.toContain("privilege-guard.io/allow-container-host-mounts");
  });

  it("says why a rule maps to no PSS control", async () => {
    const policy = await runCli(["explain", "pod-security-exemption"], { cwd });
    expect(policy.stdout).toContain(
      "PSS control:  none: the standards say what a pod may set; this setting decides whether Pod Security admission enforces them in a namespace",
    );
    const devices = await runCli(["explain", "container-devices"], { cwd });
    expect(devices.stdout).toContain(
      "PSS control:  none: Kubernetes has no field that gives a pod a host device",
    );
    for (const rule of rules) {
      if (rule.pss) continue;
      const run = await runCli(["explain", rule.id], { cwd });
      expect(run.stdout).not.toContain("none (outside the Pod Security Standards)");
    }
  });

  it("explains every rule by its PSS control id too", async () => {
    for (const rule of rules) {
      const byId = await runCli(["explain", rule.id], { cwd });
      expect(byId.code).toBe(0);
      expect(byId.stdout).toContain(`${rule.id}: ${rule.title}`);
      if (!rule.pss) continue;
      const byPss = await runCli(["explain", rule.pss.control], { cwd });
      expect(byPss.code).toBe(0);
      expect(byPss.stdout).toContain(`${rule.id}: ${rule.title}`);
    }
  });

  it("exits 2 on an unknown rule", async () => {
    const run = await runCli(["explain", "root-everything"], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "privilege-guard: unknown rule: root-everything (run `privilege-guard rules` to list them)\n",
    });
  });

  it("exits 2 without a rule", async () => {
    const run = await runCli(["explain"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("privilege-guard: error: missing required argument 'rule'\n");
  });
});

describe("privilege-guard rules", () => {
  it("lists every rule as text", async () => {
    const run = await runCli(["rules"], { cwd });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+PSS CONTROL\s+FILE KINDS\s+TITLE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(rules.map((r) => r.id));
    expect(lines.find((l) => l.startsWith("container-privileged "))).toMatch(
      /container-privileged\s+critical\s+privileged\s+compose,devcontainer,github-actions,gitlab-ci,makefile,shell\s+Privileged container \(runtime\)$/,
    );
    expect(lines.find((l) => l.startsWith("privileged "))).toMatch(/\skubernetes\s/);
  });

  it("prints the README table as markdown", async () => {
    const run = await runCli(["rules", "--format", "markdown"], { cwd });
    expect(run).toEqual({ code: 0, stdout: rulesTable(rules), stderr: "" });
  });

  it("prints the catalogue as JSON", async () => {
    const run = await runCli(["rules", "--format", "json"], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(rules)));
  });

  it("exits 2 on an unknown format", async () => {
    const run = await runCli(["rules", "--format", "sarif"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'sarif' is invalid");
  });
});
