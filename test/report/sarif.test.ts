import { resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import type { Log, Region, Result } from "sarif";
import { applyLineFix, type Finding, rules } from "../../src/catalogue/index.js";
import type { RunReport } from "../../src/report/review-data.js";
import { artifactUri, buildSarif, FINGERPRINT_KEY } from "../../src/report/sarif.js";
import { SECURITY_SEVERITY } from "../../src/report/sarif-rules.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { runCli } from "../cli/run-cli.js";
import { evaluateFiles, evaluationOf } from "../support/evaluation.js";
import { sarifSchemaErrors } from "./sarif-validator.js";
import { PRIVILEGED_POD as POD } from "../support/manifests.js";

const TOOL = {
  name: "privilege-guard",
  version: "1.2.3",
  informationUri: "https://example.com/pg",
};

/** A scan of the files; with `accept`, each privileged finding accepted by a config exception. */
function review(files: Record<string, string>, accept = false): RunReport {
  const exceptions = accept ? [{ rule: "privileged", reason: "node debugger" }] : [];
  return { evaluation: evaluateFiles(files, { exceptions }) };
}

const findingsOf = (data: RunReport) => data.evaluation.reported;

function sarif(data: RunReport, _texts?: Record<string, string>): Log {
  return buildSarif(data, { tool: TOOL, rules, srcRoot: "file:///repo/" });
}

function firstResult(log: Log): Result {
  const result = log.runs[0]?.results?.[0];
  if (!result) throw new Error("no result");
  return result;
}

/** Offset of a SARIF (line, column) in a text: lines split at \n or \r\n, columns in UTF-16 units. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl === -1) throw new Error(`no line ${line}`);
    offset = nl + 1;
  }
  return offset + column - 1;
}

/** The text a region covers, with SARIF's defaults for absent columns. */
function regionText(text: string, r: Region): string {
  const start = offsetOf(text, r.startLine ?? 1, r.startColumn ?? 1);
  const endLine = r.endLine ?? r.startLine ?? 1;
  const lineStart = offsetOf(text, endLine, 1);
  const lineEnd = text.slice(lineStart).search(/\r?\n|$/) + lineStart;
  const end = r.endColumn === undefined ? lineEnd : offsetOf(text, endLine, r.endColumn);
  return text.slice(start, end);
}

/** Applies a result's first fix the way a SARIF consumer would. */
function applySarifFix(text: string, result: Result): string {
  const replacement = result.fixes?.[0]?.artifactChanges[0]?.replacements[0];
  if (!replacement) throw new Error("no fix");
  const r = replacement.deletedRegion;
  const start = offsetOf(text, r.startLine ?? 1, r.startColumn ?? 1);
  const end = start + regionText(text, r).length;
  return text.slice(0, start) + (replacement.insertedContent?.text ?? "") + text.slice(end);
}

function engineFix(text: string, finding: Finding | undefined): string {
  if (!finding?.fix) throw new Error("no engine fix");
  return applyLineFix(text, new LineIndex(text), finding.fix);
}

describe("buildSarif", () => {
  it("is valid against the SARIF 2.1.0 schema, for findings, fixes, suppressions and notifications", () => {
    const files = {
      "k8s/pod.yaml": POD,
      "bad.yaml": "spec:\n  containers:\n    - name: a\n      image: x\n        privileged: true\n",
    };
    expect(sarifSchemaErrors(sarif(review(files), files))).toEqual([]);
    expect(sarifSchemaErrors(sarif(review(files, true), files))).toEqual([]);
    expect(sarifSchemaErrors(sarif({ evaluation: evaluationOf({}) }))).toEqual([]);
  });

  it("the schema check catches what GitHub would reject", () => {
    const log = sarif(review({ "pod.yaml": POD }), { "pod.yaml": POD });
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].results[0].message;
    broken.runs[0].tool.driver.informationUri = "not a uri";
    expect(sarifSchemaErrors(broken)).toEqual([
      '/runs/0/tool/driver/informationUri: must match format "uri"',
      "/runs/0/results/0: must have required property 'message'",
    ]);
  });

  it("describes every engine rule for code scanning", () => {
    const driver = sarif(review({}), {}).runs[0]?.tool.driver;
    expect(driver).toMatchObject(TOOL);
    expect(driver?.rules?.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    rules.forEach((rule, i) => {
      const d = driver?.rules?.[i];
      expect(d?.shortDescription?.text).toBe(rule.title);
      expect(d?.fullDescription?.text).toBe(rule.rationale);
      expect(d?.help?.text).toContain(rule.remediation);
      expect(d?.help?.markdown).toContain(`**Remediation:** ${rule.remediation}`);
      expect(d?.properties).toMatchObject({
        tags: ["security", "kubernetes"],
        "security-severity": SECURITY_SEVERITY[rule.severity],
        precision: "high",
      });
      expect(Number(d?.properties?.["security-severity"])).toBeGreaterThan(0);
    });
    expect(SECURITY_SEVERITY).toEqual({ critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" });
  });

  it("gives each result its rule, level, exclusive end column, relative uri and fingerprint", () => {
    const data = review({ "deploy/my app.yaml": POD });
    const log = sarif(data, { "deploy/my app.yaml": POD });
    const result = firstResult(log);
    const finding = findingsOf(data)[0];
    expect(result.ruleId).toBe("privileged");
    expect(rules[result.ruleIndex ?? -1]?.id).toBe("privileged");
    expect(result.level).toBe("error");
    expect(result.message.text).toBe(finding?.message);
    const location = result.locations?.[0]?.physicalLocation;
    expect(location?.artifactLocation).toEqual({
      uri: "deploy/my%20app.yaml",
      uriBaseId: "%SRCROOT%",
    });
    expect(location?.region).toEqual({ startLine: 10, startColumn: 9, endLine: 10, endColumn: 25 });
    expect(regionText(POD, location?.region ?? {})).toBe("privileged: true");
    expect(result.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: finding?.fingerprint });
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
  });

  it.each([
    ["a file ending in a newline", POD],
    ["a last line without a newline", POD.trimEnd()],
    ["CRLF line endings", POD.replace(/\n/g, "\r\n")],
    [
      "a fix in the middle of a file",
      POD.replace(
        "    - name: shell",
        "    - name: tcpdump\n      command: [tcpdump, -i, any]",
      ).concat("  restartPolicy: Never\n"),
    ],
  ])("expresses the fix as a replacement that gives the engine's fixed text (%s)", (_, text) => {
    const data = review({ "pod.yaml": text });
    const result = firstResult(sarif(data, { "pod.yaml": text }));
    expect(result.fixes?.[0]?.description?.text).toBe(findingsOf(data)[0]?.fix?.description);
    expect(applySarifFix(text, result)).toBe(engineFix(text, findingsOf(data)[0]));
  });

  it("maps severities to levels", () => {
    const data = review({ "pod.yaml": POD });
    const base = findingsOf(data)[0];
    if (!base) throw new Error("no finding");
    const levels = (["critical", "high", "medium", "low"] as const).map(
      (severity) =>
        firstResult(sarif({ evaluation: evaluationOf({ reported: [{ ...base, severity }] }) }))
          .level,
    );
    expect(levels).toEqual(["error", "error", "warning", "note"]);
  });

  it("marks accepted exceptions as suppressions with their reason: in source or external", () => {
    const annotated = POD.replace(
      "  name: debug\n",
      "  name: debug\n  annotations:\n    privilege-guard.io/allow-privileged: node debugger\n",
    );
    const result = firstResult(sarif(review({ "pod.yaml": annotated })));
    expect(result.suppressions).toEqual([
      { kind: "inSource", status: "accepted", justification: "node debugger" },
    ]);
    const byConfig = firstResult(sarif(review({ "pod.yaml": POD }, true)));
    expect(byConfig.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "node debugger" },
    ]);
  });

  it("reports files that could not be checked as tool execution notifications", () => {
    const bad = "spec:\n  containers:\n    - name: a\n      image: x\n        privileged: true\n";
    const log = sarif(review({ "bad.yaml": bad }), {});
    const notifications = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications;
    expect(notifications).toEqual([
      expect.objectContaining({
        level: "error",
        descriptor: { id: "parse-error" },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "bad.yaml", uriBaseId: "%SRCROOT%" },
              region: { startLine: 4, startColumn: expect.any(Number) },
            },
          },
        ],
      }),
    ]);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it("writes forward-slash, percent-encoded relative URIs", () => {
    expect(artifactUri("a/b c/#1.yaml")).toBe("a/b%20c/%231.yaml");
    expect(artifactUri("a\\b.yaml")).toBe("a/b.yaml");
  });
});

describe("privilege-guard scan --format sarif", () => {
  it("writes a valid log for the examples, with the package's name and version", async () => {
    const root = resolve(import.meta.dirname, "../..");
    const run = await runCli(["scan", "--format", "sarif", "examples"], { cwd: root });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.tool.driver).toMatchObject({ name: "privilege-guard", version: "0.1.0" });
    expect(log.runs[0]?.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`file://${root}/`);
    const uris = log.runs[0]?.results?.map(
      (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    expect(uris).toContain("examples/tcpdump-debug-deployment.yaml");
    expect(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications).toHaveLength(1);
  });
});
