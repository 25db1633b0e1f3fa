/**
 * The JUnit report read back with saxes, a conforming XML parser (it rejects characters XML does not
 * allow, unescaped markup and unbalanced tags), as GitLab and Jenkins read it.
 */
import { describe, expect, it } from "@jest/globals";
import { SaxesParser } from "saxes";
import { attr, renderJunit, text } from "../../src/report/junit.js";
import type { RunReport } from "../../src/report/review-data.js";
import { summaryLine } from "../../src/report/text.js";
import { evaluateFiles, evaluationOf } from "../support/evaluation.js";

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/** Parses the document into elements; a well-formedness error throws. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(
        Object.entries(tag.attributes).map(([k, v]) => [k, String(v)]),
      ),
      children: [],
      text: "",
    };
    stack.at(-1)?.children.push(element);
    if (!root) root = element;
    stack.push(element);
  });
  parser.on("text", (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const cases = (suite: XmlElement) => suite.children.filter((c) => c.name === "testcase");
const child = (element: XmlElement | undefined, name: string) =>
  element?.children.find((c) => c.name === name);

describe("renderJunit", () => {
  it("is one suite per rule with a failure per finding at or above failOn, and a verdict case", () => {
    const evaluation = evaluateFiles(
      { "k8s/a.yaml": POD, "k8s/b.yaml": POD },
      { failOn: "critical" },
    );
    const report: RunReport = { evaluation };
    const root = parseXml(renderJunit(report));
    expect(root.name).toBe("testsuites");
    const suites = root.children;
    const ruleIds = [...new Set(evaluation.reported.map((f) => f.ruleId))].sort();
    expect(suites.map((s) => s.attributes.name)).toEqual([
      ...ruleIds.map((id) => `privilege-guard.${id}`),
      "privilege-guard.verdict",
    ]);
    for (const suite of suites.slice(0, -1)) {
      const ruleId = suite.attributes.name?.replace("privilege-guard.", "");
      const findings = evaluation.reported.filter((f) => f.ruleId === ruleId);
      expect(cases(suite).map((c) => c.attributes)).toEqual(
        findings.map((f) => ({
          name: `${f.path}:${f.line}:${f.column}`,
          classname: `privilege-guard.${ruleId}`,
          file: f.path,
        })),
      );
      expect(suite.attributes.tests).toBe(String(findings.length));
      const failure = child(cases(suite)[0], "failure");
      expect(failure?.attributes).toEqual({ message: findings[0]?.message, type: "critical" });
      expect(failure?.text).toContain(`Remediation: ${findings[0]?.remediation}`);
    }
    const verdict = child(cases(suites.at(-1) as XmlElement)[0], "failure");
    expect(verdict?.attributes.message).toBe(summaryLine(report));
    expect(root.attributes).toEqual({
      name: "privilege-guard",
      tests: String(evaluation.reported.length + 1),
      failures: String(evaluation.reported.length + 1),
      errors: "0",
      skipped: "0",
    });
  });

  it("skips findings below failOn and accepted exceptions, with the reason, and passes the verdict", () => {
    const evaluation = evaluateFiles(
      { "k8s/a.yaml": POD },
      {
        failOn: "critical",
        exceptions: [{ rule: "privileged", reason: "kernel debugger" }],
      },
    );
    const root = parseXml(renderJunit({ evaluation }));
    const privileged = root.children.find(
      (s) => s.attributes.name === "privilege-guard.privileged",
    );
    expect(child(cases(privileged as XmlElement)[0], "skipped")?.attributes.message).toBe(
      "accepted exception (config): kernel debugger",
    );
    const below = evaluateFiles(
      { "k8s/b.yaml": POD.replace("hostPID", "hostNetwork") },
      {
        failOn: "critical",
        exceptions: [{ rule: "privileged", reason: "kernel debugger" }],
      },
    );
    const belowRoot = parseXml(renderJunit({ evaluation: below }));
    const network = belowRoot.children.find(
      (s) => s.attributes.name === "privilege-guard.host-namespaces",
    );
    expect(child(cases(network as XmlElement)[0], "skipped")?.attributes.message).toMatch(
      /^high, below fail-on critical: Pod shares the node's network namespace/,
    );
    const verdict = belowRoot.children.at(-1);
    expect(verdict?.attributes).toMatchObject({ name: "privilege-guard.verdict", failures: "0" });
    expect(child(cases(verdict as XmlElement)[0], "failure")).toBeUndefined();
  });

  it("reports a file that could not be read as an error", () => {
    const evaluation = evaluateFiles({ "k8s/broken.yaml": "spec:\n  containers: [\n" });
    const root = parseXml(renderJunit({ evaluation }));
    const unchecked = root.children.find((s) => s.attributes.name === "privilege-guard.unchecked");
    const error = child(cases(unchecked as XmlElement)[0], "error");
    expect(error?.attributes.type).toBe("parse-error");
    expect(root.attributes.errors).toBe("1");
  });

  it("is a well-formed report for an empty run: a passing verdict", () => {
    const root = parseXml(renderJunit({ evaluation: evaluationOf({}) }));
    expect(root.attributes).toMatchObject({ tests: "1", failures: "0" });
  });

  it("escapes markup and drops characters XML does not allow, from every text", () => {
    const [finding] = evaluateFiles({ "k8s/a.yaml": POD }).reported;
    if (!finding) throw new Error("no finding");
    const evil = `<x a="1" b='2'>&amp; ]]> \u0000\u0001\u0008\u000b\u001b[31m\ud800\ufffe\uffff\t\r\n€😀`;
    const evaluation = evaluationOf({
      reported: [
        {
          ...finding,
          path: `k8s/${evil}.yaml`,
          message: evil,
          remediation: evil,
          ...(finding.fix ? { fix: { ...finding.fix, description: evil } } : {}),
        },
      ],
    });
    const xml = renderJunit({ evaluation });
    const root = parseXml(xml);
    const kept = `<x a="1" b='2'>&amp; ]]> [31m\t\r\n€😀`;
    const testCase = cases(root.children[0] as XmlElement)[0];
    expect(testCase?.attributes.file).toBe(`k8s/${kept}.yaml`);
    expect(child(testCase, "failure")?.attributes.message).toBe(kept);
    // Character data: a parser normalises CR LF to LF.
    expect(child(testCase, "failure")?.text).toContain(
      `Remediation: ${kept.replace("\r\n", "\n")}`,
    );
  });

  it("reads with a parser that rejects what the renderer must avoid", () => {
    expect(() => parseXml("<a>\u0001</a>")).toThrow();
    expect(() => parseXml('<a b="<"/>')).toThrow();
    expect(() => parseXml("<a>&</a>")).toThrow();
  });

  it("text and attr escape what XML requires", () => {
    expect(text("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(attr(`"'\t\n\r`)).toBe("&quot;&apos;&#9;&#10;&#13;");
  });
});
