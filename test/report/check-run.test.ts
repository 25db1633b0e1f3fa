import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/schema.js";
import type { Finding } from "../../src/core/types.js";
import { applyExceptions } from "../../src/evaluation/exceptions.js";
import {
  type Annotation,
  buildCheckRun,
  buildConfigErrorCheckRun,
  buildErrorCheckRun,
  type CheckRunOutput,
  MAX_ANNOTATIONS_PER_REQUEST,
} from "../../src/report/check-run.js";
import {
  BROKEN_POD,
  byRule,
  change,
  HOST_NAMESPACES_POD,
  PRIVILEGED,
  privilegedAgents,
  tcpdumpDeployment,
} from "../diff/scenarios.js";
import { type EvaluationParts, evaluationOf } from "../support/evaluation.js";
import { validateRequestBody } from "../support/openapi.js";

const HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Sends the output as the App does: create with the first 50 annotations, then PATCH batches. */
function expectAcceptedByGitHub(output: CheckRunOutput): void {
  const batches: Annotation[][] = [];
  for (let i = 0; i < output.annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) {
    batches.push(output.annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  }
  const text = output.text === undefined ? {} : { text: output.text };
  const create = {
    name: "Privilege Guard",
    head_sha: HEAD_SHA,
    status: "completed",
    conclusion: output.conclusion,
    completed_at: "2025-01-01T00:00:00Z",
    output: {
      title: output.title,
      summary: output.summary,
      ...text,
      annotations: batches[0] ?? [],
    },
  };
  expect(validateRequestBody("POST", "/repos/{owner}/{repo}/check-runs", create)).toEqual([]);
  for (const batch of batches.slice(1)) {
    const update = { output: { title: output.title, summary: output.summary, annotations: batch } };
    expect(
      validateRequestBody("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", update),
    ).toEqual([]);
  }
  expect(output.summary.length).toBeLessThanOrEqual(65_535);
  expect(bytes(output.summary)).toBeLessThanOrEqual(65_535);
  if (output.text !== undefined) expect(bytes(output.text)).toBeLessThanOrEqual(65_535);
  for (const a of output.annotations) {
    expect(a.title.length).toBeLessThanOrEqual(255);
    expect(bytes(a.message)).toBeLessThanOrEqual(64 * 1024);
    if (a.raw_details !== undefined) expect(bytes(a.raw_details)).toBeLessThanOrEqual(64 * 1024);
    if (a.start_column !== undefined) expect(a.start_line).toBe(a.end_line);
  }
}

function input(parts: EvaluationParts & { introduced?: readonly Finding[] }) {
  const { introduced, ...rest } = parts;
  return evaluationOf({ ...rest, reported: introduced ?? rest.reported ?? [] });
}

describe("buildCheckRun", () => {
  const debug = change([
    { path: "k8s/debug.yaml", head: HOST_NAMESPACES_POD },
    { path: "k8s/sniffer.yaml", base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) },
  ]);

  it("fails on new findings at or above failOn and annotates each", () => {
    const out = buildCheckRun(
      input({ introduced: debug.result.introduced, headTexts: debug.headTexts }),
    );
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("3 new privileged settings");
    expect(out.annotations).toHaveLength(3);
    const privileged = byRule(debug.result.introduced, "privileged");
    const annotation = out.annotations.find((a) => a.path === "k8s/sniffer.yaml");
    expect(annotation).toMatchObject({
      path: "k8s/sniffer.yaml",
      start_line: privileged.line,
      end_line: privileged.endLine,
      start_column: privileged.column,
      end_column: privileged.endColumn,
      annotation_level: "failure",
      title: "Privileged container (critical, rule privileged)",
    });
    expect(annotation?.message).toContain(privileged.message);
    expect(annotation?.raw_details).toContain(privileged.fix?.text);
    expect(out.summary).toContain("| Rule | File:line | Resource | Container | Severity |");
    expect(out.summary).toContain(
      "| Privileged container (`privileged`) | `k8s/sniffer.yaml:26` | `Deployment netops/sniffer` | `tcpdump` | **critical** (fails) |",
    );
    expect(out.summary).toContain("| 3 | 3 | 0 | 0 | 0 |");
    expect(out.summary).toContain("### How to fix or justify");
    expect(out.text).toContain(privileged.explanation);
    expect(out.text).toContain("```diff\n@@ -26,1 +26,");
    expectAcceptedByGitHub(out);
  });

  it("warns without failing on findings below failOn", () => {
    const out = buildCheckRun(input({ introduced: debug.result.introduced, failOn: "critical" }));
    const hostNetwork = debug.result.introduced.find((f) => f.severity === "high");
    expect(hostNetwork).toBeDefined();
    expect(out.conclusion).toBe("failure");
    const levels = out.annotations.map((a) => a.annotation_level).sort();
    expect(levels).toEqual(["failure", "failure", "warning"]);
    const highOnly = debug.result.introduced.filter((f) => f.severity === "high");
    const lenient = buildCheckRun(input({ introduced: highOnly, failOn: "critical" }));
    expect(lenient.conclusion).toBe("success");
    expect(lenient.annotations.map((a) => a.annotation_level)).toEqual(["warning"]);
    expect(lenient.summary).toContain("| high |");
    expectAcceptedByGitHub(lenient);
  });

  it("applies the severity order critical > high > medium > low to failOn", () => {
    const restricted = change(
      [{ path: "k8s/debug.yaml", head: HOST_NAMESPACES_POD }],
      "restricted",
    );
    const medium = restricted.result.introduced.filter((f) => f.severity === "medium");
    expect(medium.length).toBeGreaterThan(0);
    const conclusion = (failOn: Finding["severity"]) =>
      buildCheckRun(input({ introduced: medium, failOn, level: "restricted" })).conclusion;
    expect(conclusion("critical")).toBe("success");
    expect(conclusion("high")).toBe("success");
    expect(conclusion("medium")).toBe("failure");
    expect(conclusion("low")).toBe("failure");
  });

  it("never fails on pre-existing findings", () => {
    const c = change([
      {
        path: "k8s/sniffer.yaml",
        base: tcpdumpDeployment(PRIVILEGED),
        head: tcpdumpDeployment(PRIVILEGED).replace("replicas: 1", "replicas: 2"),
      },
    ]);
    expect(c.result.introduced).toEqual([]);
    const out = buildCheckRun(input({ existing: c.result.existing }));
    expect(out.conclusion).toBe("success");
    expect(out.title).toBe("No new privileged settings");
    expect(out.annotations).toEqual([]);
    expect(out.summary).toContain("### Pre-existing findings");
    expect(out.summary).toContain("| 0 | 0 | 1 | 0 | 0 |");
    expect(out.text).toBeUndefined();
    expectAcceptedByGitHub(out);
  });

  it("never fails on accepted findings and flags exceptions requested in this PR", () => {
    const annotated = tcpdumpDeployment(PRIVILEGED).replace(
      "  labels:\n    app: sniffer\nspec:",
      '  labels:\n    app: sniffer\n  annotations:\n    privilege-guard.io/allow-privileged: "captures node traffic for the network team"\nspec:',
    );
    const c = change([{ path: "k8s/sniffer.yaml", base: tcpdumpDeployment(), head: annotated }]);
    const { reported, accepted } = applyExceptions(c.result.introduced, defaultConfig(), []);
    expect(reported).toEqual([]);
    const out = buildCheckRun(input({ introduced: reported, accepted }));
    expect(out.conclusion).toBe("success");
    expect(out.title).toBe("No new privileged settings, 1 new exception");
    expect(out.summary).toContain("### Accepted exceptions");
    expect(out.summary).toContain(
      "**exception requested in this PR** · captures node traffic for the network team (annotation)",
    );
    expect(out.annotations).toEqual([
      expect.objectContaining({ annotation_level: "notice", path: "k8s/sniffer.yaml" }),
    ]);
    expectAcceptedByGitHub(out);
  });

  it("fails on files that could not be read, naming each at its line", () => {
    const c = change([{ path: "k8s/broken.yaml", head: BROKEN_POD }]);
    const problem = c.result.problems[0];
    expect(problem).toMatchObject({ code: "parse-error", line: 10 });
    const out = buildCheckRun(input({ problems: c.result.problems }));
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("No new privileged settings, 1 file not read");
    expect(out.annotations).toEqual([
      expect.objectContaining({
        path: "k8s/broken.yaml",
        start_line: 10,
        end_line: 10,
        annotation_level: "failure",
        title: "Could not scan: parse-error",
      }),
    ]);
    expect(out.summary).toContain("### Files that could not be read in full");
    expect(out.summary).toContain(
      "`k8s/broken.yaml:10` (`parse-error`): Flow sequence in block collection must be sufficiently indented and end with a \\]",
    );
    expect(out.summary).toContain("`onUnreadable: failure`");
    expectAcceptedByGitHub(out);
  });

  it("is neutral, never success, on unread files when onUnreadable is neutral", () => {
    const c = change([{ path: "k8s/broken.yaml", head: BROKEN_POD }]);
    const out = buildCheckRun(input({ problems: c.result.problems, onUnreadable: "neutral" }));
    expect(out.conclusion).toBe("neutral");
    expect(out.annotations.map((a) => a.annotation_level)).toEqual(["warning"]);
    expect(out.summary).toContain("`onUnreadable: neutral`");
    const failing = change([{ path: "k8s/debug.yaml", head: HOST_NAMESPACES_POD }]);
    const both = buildCheckRun(
      input({
        introduced: failing.result.introduced,
        problems: c.result.problems,
        onUnreadable: "neutral",
      }),
    );
    expect(both.conclusion).toBe("failure");
    expectAcceptedByGitHub(out);
  });

  it("annotates every one of hundreds of findings; the caller sends 50 per request", () => {
    const c = change([{ path: "k8s/agents.yaml", head: privilegedAgents(130) }], "baseline", false);
    const out = buildCheckRun(input({ introduced: c.result.introduced }));
    expect(out.annotations).toHaveLength(130);
    expect(MAX_ANNOTATIONS_PER_REQUEST).toBe(50);
    expectAcceptedByGitHub(out);
    const tooMany = {
      name: "Privilege Guard",
      head_sha: HEAD_SHA,
      output: { title: out.title, summary: out.summary, annotations: out.annotations.slice(0, 51) },
    };
    expect(validateRequestBody("POST", "/repos/{owner}/{repo}/check-runs", tooMany)).toEqual([
      "/output/annotations must NOT have more than 50 items",
    ]);
  });

  it("keeps summary and text within 65,535 characters and UTF-8 bytes with multi-byte names", () => {
    // Four files of 100 containers with Japanese and emoji names: rows of many bytes each.
    const files = Array.from({ length: 4 }, (_, i) => ({
      path: `k8s/エージェント-${i}.yaml`,
      head: privilegedAgents(100, "ダンプ-🐛-", `エージェント-🐛-${i}`),
    }));
    const c = change(files, "baseline", false);
    expect(c.result.introduced).toHaveLength(400);
    const out = buildCheckRun(
      input({ introduced: c.result.introduced, existing: c.result.introduced }),
    );
    expect(bytes(out.summary)).toBeGreaterThan(50_000);
    expect(out.summary).toMatch(/_… and \d+ more \(see the annotations\)\._/);
    expect(out.summary).toContain("### How to fix or justify");
    expect(out.summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(out.text).toMatch(/_\d+ more findings are listed in the annotations\._$/);
    expect(out.annotations).toHaveLength(400);
    expectAcceptedByGitHub(out);
  });

  it("cuts an annotation message over 64 KB at a character boundary", () => {
    const name = "é".repeat(40_000);
    const head = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: "${name}"\n      image: busybox\n      securityContext:\n        privileged: true\n`;
    const c = change([{ path: "k8s/long.yaml", head }], "baseline", false);
    const finding: Finding = byRule(c.result.introduced, "privileged");
    expect(bytes(finding.message)).toBeGreaterThan(65_536);
    const out = buildCheckRun(input({ introduced: [finding] }));
    const message = out.annotations[0]?.message ?? "";
    expect(bytes(message)).toBeLessThanOrEqual(65_535);
    expect(message.endsWith("(cut to GitHub's 64 KB annotation limit)")).toBe(true);
    expectAcceptedByGitHub(out);
  });
});

describe("buildErrorCheckRun and buildConfigErrorCheckRun", () => {
  it("reports a failed scan with the chosen conclusion", () => {
    const failed = buildErrorCheckRun(
      "GET /repos/o/r/contents/k8s/a.yaml: 502 Bad Gateway",
      "failure",
    );
    expect(failed).toMatchObject({ conclusion: "failure", title: "Scan failed", annotations: [] });
    expect(failed.summary).toContain("502 Bad Gateway");
    expect(failed.summary).toContain("`/privilege-guard rescan`");
    expectAcceptedByGitHub(failed);
    const neutral = buildErrorCheckRun("x".repeat(70_000), "neutral");
    expect(neutral.conclusion).toBe("neutral");
    expectAcceptedByGitHub(neutral);
  });

  it("lists config errors in a neutral run", () => {
    const out = buildConfigErrorCheckRun([
      "exceptions[0].reason: a reason is required: say why this workload needs the setting (line 4)",
      'failOn: invalid option: expected one of "critical"|"high"|"medium"|"low" (line 1)',
    ]);
    expect(out.conclusion).toBe("neutral");
    expect(out.title).toBe("Invalid configuration");
    expect(out.summary).toContain("has 2 errors");
    expect(out.summary).toContain("- `exceptions[0].reason: a reason is required");
    expectAcceptedByGitHub(out);
  });
});
