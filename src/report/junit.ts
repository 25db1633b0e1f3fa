/**
 * JUnit XML for CI systems that display test reports (GitLab's `artifacts:reports:junit`, Jenkins'
 * `junit` step, Azure Pipelines, CircleCI).
 *
 * One test suite per rule, not per file. GitLab lists test cases with their `classname` as the
 * "Suite" column and the `file` attribute as "Filename"; Jenkins groups test cases into packages
 * and classes by splitting `classname` at its dots, so a file path as classname
 * (`deploy/app.yaml`) would be shown as a class `yaml` of a package `deploy/app`. With
 * `classname="privilege-guard.<rule-id>"` (rule ids hold no dots) both show one group per rule,
 * which is how findings are triaged and fixed; each test case is named by its place
 * (`path:line:col`) and carries the path in `file`.
 *
 * A finding at or above `failOn` is a `<failure>`; one below it, and an accepted exception, is
 * `<skipped>` with the reason (reported, but it does not fail the change); a file that could not
 * be checked is an `<error>` (a `<skipped>` when `onUnreadable` is `neutral`). One more test case,
 * `privilege-guard.verdict`, fails exactly when the change fails (the CLI's exit code, the App's
 * check run), so the report is never empty and also says when an exception awaits approval.
 *
 * Every text is XML-escaped, and characters XML 1.0 does not allow (most C0 controls, lone
 * surrogates, U+FFFE and U+FFFF) are removed.
 */
import { isAtLeast } from "../core/severity-order.js";
import type { Finding, Problem } from "../core/types.js";
import type { Accepted } from "../evaluation/evaluation.js";
import type { RunReport } from "./review-data.js";
import { summaryLine } from "./text.js";

const PREFIX = "privilege-guard";

type Outcome =
  | { readonly kind: "passed" }
  | { readonly kind: "failure" | "error"; readonly message: string; readonly type: string }
  | { readonly kind: "skipped"; readonly message: string };

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly outcome: Outcome;
  /** The case's details: the `<failure>`/`<error>` body, or `<system-out>`. */
  readonly details: string;
}

export function renderJunit(report: RunReport): string {
  const { evaluation } = report;
  const suites = new Map<string, TestCase[]>();
  const add = (suite: string, testCase: TestCase) => {
    const list = suites.get(suite) ?? [];
    list.push(testCase);
    suites.set(suite, list);
  };
  for (const f of evaluation.reported)
    add(`${PREFIX}.${f.ruleId}`, findingCase(f, evaluation.failOn));
  for (const a of evaluation.accepted) add(`${PREFIX}.${a.finding.ruleId}`, acceptedCase(a));
  for (const p of evaluation.problems)
    add(`${PREFIX}.unchecked`, problemCase(p, evaluation.onUnreadable));
  const ordered = [...suites].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const summary = summaryLine(report);
  ordered.push([
    `${PREFIX}.verdict`,
    [
      {
        name: "verdict",
        classname: `${PREFIX}.verdict`,
        outcome: evaluation.verdict.fails
          ? { kind: "failure", message: summary, type: evaluation.verdict.conclusion }
          : { kind: "passed" },
        details: summary,
      },
    ],
  ]);
  const all = ordered.flatMap(([, cases]) => cases);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${PREFIX}"${counts(all)}>`,
    ...ordered.flatMap(([name, cases]) => suiteLines(name, cases)),
    "</testsuites>",
  ];
  return `${out.join("\n")}\n`;
}

function findingCase(f: Finding, failOn: Finding["severity"]): TestCase {
  const details = findingDetails(f);
  return {
    ...placed(f),
    outcome: isAtLeast(f.severity, failOn)
      ? { kind: "failure", message: f.message, type: f.severity }
      : { kind: "skipped", message: `${f.severity}, below fail-on ${failOn}: ${f.message}` },
    details,
  };
}

function acceptedCase(a: Accepted): TestCase {
  return {
    ...placed(a.finding),
    outcome: {
      kind: "skipped",
      message: `accepted exception (${a.source}): ${a.reason}`,
    },
    details: findingDetails(a.finding),
  };
}

function problemCase(p: Problem, onUnreadable: "failure" | "neutral"): TestCase {
  const message = `${p.code}: ${p.message}`;
  return {
    name: `${p.path}:${p.line}:${p.column}`,
    classname: `${PREFIX}.unchecked`,
    file: p.path,
    outcome:
      onUnreadable === "failure"
        ? { kind: "error", message, type: p.code }
        : { kind: "skipped", message },
    details: `${message}\nThis file could not be checked; fix it so that it can be.`,
  };
}

function placed(f: Finding): Pick<TestCase, "name" | "classname" | "file"> {
  return {
    name: `${f.path}:${f.line}:${f.column}`,
    classname: `${PREFIX}.${f.ruleId}`,
    file: f.path,
  };
}

function findingDetails(f: Finding): string {
  const r = f.resource;
  return [
    `${f.severity} ${f.ruleId}: ${f.message}`,
    ...(r ? [`in ${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name ?? "(unnamed)"}`] : []),
    `Remediation: ${f.remediation}`,
    ...(f.fix ? [`Fix: ${f.fix.description}`] : []),
  ].join("\n");
}

function counts(cases: readonly TestCase[]): string {
  const n = (kind: Outcome["kind"]) => cases.filter((c) => c.outcome.kind === kind).length;
  return ` tests="${cases.length}" failures="${n("failure")}" errors="${n("error")}" skipped="${n("skipped")}"`;
}

function suiteLines(name: string, cases: readonly TestCase[]): string[] {
  return [
    `  <testsuite name="${attr(name)}"${counts(cases)}>`,
    ...cases.flatMap(caseLines),
    "  </testsuite>",
  ];
}

function caseLines(c: TestCase): string[] {
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}"${
    c.file !== undefined ? ` file="${attr(c.file)}"` : ""
  }>`;
  const o = c.outcome;
  const inner =
    o.kind === "failure" || o.kind === "error"
      ? `      <${o.kind} message="${attr(o.message)}" type="${attr(o.type)}">${text(c.details)}</${o.kind}>`
      : o.kind === "skipped"
        ? `      <skipped message="${attr(o.message)}"/>\n      <system-out>${text(c.details)}</system-out>`
        : `      <system-out>${text(c.details)}</system-out>`;
  return [open, inner, "    </testcase>"];
}

/** Characters XML 1.0 allows (its `Char` production); the rest is removed. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Character data: `&`, `<` and `>` escaped, characters XML does not allow removed. */
export function text(value: string): string {
  return value
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * An attribute value in double quotes: also `"` and `'` escaped, and tab, line feed and carriage
 * return as character references, which attribute-value normalisation would otherwise turn into
 * spaces.
 */
export function attr(value: string): string {
  return text(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}
