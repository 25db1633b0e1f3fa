/**
 * Machine-readable output of an evaluation: `findings` (reported), `accepted` (with reason and
 * source), `problems`, `files`, the `verdict`, for a diff the `existing` and `resolved` counts and
 * the revisions compared, and `rules`: the texts findings share with every finding of their rule.
 *
 * A finding is the engine's `Finding` with its rule's texts (`explanation`, `exception`) given
 * once in `rules`, as SARIF gives a rule's descriptions once in `tool.driver.rules`: a finding
 * keeps such a text only where it differs from its rule's entry, so a reader takes
 * `finding.explanation ?? rules[finding.ruleId].explanation`. Repeated in every finding, they
 * made up most of a large scan's report.
 */
import type { Finding } from "../core/types.js";
import type { RunReport } from "./review-data.js";

/** Pieces are gathered up to about this many characters before they are handed out. */
const PIECE = 64 * 1024;

/** The texts of a finding that are its rule's, given once per rule in the report's `rules`. */
const RULE_TEXTS = ["explanation", "exception"] as const;

type RuleTexts = Record<(typeof RULE_TEXTS)[number], string>;

export function renderJson(report: RunReport): string {
  return [...renderJsonPieces(report)].join("");
}

/**
 * The JSON text of `renderJson` in pieces of about 64 KiB, built one array item at a time, so
 * that no single string holds the whole report: a large scan's report (tens of thousands of
 * findings) would exceed the longest string V8 allows. Joined, the pieces are
 * `JSON.stringify` of the report object (indented by 2) and a line break.
 */
export function* renderJsonPieces(report: RunReport): Generator<string> {
  let buffer = "";
  for (const part of jsonParts(jsonObject(report))) {
    buffer += part;
    if (buffer.length >= PIECE) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer;
}

/** The report as one object; arrays of findings are mapped one item at a time as they are written. */
function jsonObject({ evaluation, diff }: RunReport): Record<string, unknown> {
  const rules = ruleTable([...evaluation.reported, ...evaluation.accepted.map((a) => a.finding)]);
  return {
    findings: mapped(evaluation.reported, (f) => withoutRuleTexts(f, rules)),
    accepted: mapped(evaluation.accepted, (a) => ({
      ...a,
      finding: withoutRuleTexts(a.finding, rules),
    })),
    problems: evaluation.problems,
    files: evaluation.files,
    level: evaluation.level,
    verdict: {
      conclusion: evaluation.verdict.conclusion,
      fails: evaluation.verdict.fails,
      failOn: evaluation.failOn,
      onUnreadable: evaluation.onUnreadable,
      failing: evaluation.verdict.failing.length,
      unreadFiles: evaluation.verdict.unreadFiles,
    },
    ...(diff
      ? {
          existing: evaluation.existing.length,
          resolved: evaluation.resolved.length,
          base: diff.base,
          head: diff.head,
          mergeBase: diff.mergeBase,
        }
      : {}),
    rules: Object.fromEntries(rules),
  };
}

/**
 * Each rule's texts as its first finding gives them, by rule id in the order rules first occur.
 */
function ruleTable(findings: readonly Finding[]): Map<string, RuleTexts> {
  const rules = new Map<string, RuleTexts>();
  for (const f of findings)
    if (!rules.has(f.ruleId))
      rules.set(f.ruleId, { explanation: f.explanation, exception: f.exception });
  return rules;
}

/** A finding without the texts its rule's entry in `rules` gives alike. */
function withoutRuleTexts(f: Finding, rules: ReadonlyMap<string, RuleTexts>): object {
  const texts = rules.get(f.ruleId);
  if (!texts) return f;
  const out: Record<string, unknown> = { ...f };
  for (const key of RULE_TEXTS) if (out[key] === texts[key]) delete out[key];
  return out;
}

/** An array written item by item, each item mapped just before it is written. */
class Mapped<T> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}
}

function mapped<T>(items: readonly T[], map: (item: T) => unknown): Mapped<T> {
  return new Mapped(items, map);
}

/**
 * `JSON.stringify(object, null, 2)` of a top-level object of plain data (a `Mapped` array as the
 * array of its mapped items), a non-empty array's items one part each. Members `JSON.stringify`
 * leaves out (undefined) are left out.
 */
function* jsonParts(object: Record<string, unknown>): Generator<string> {
  const members = Object.entries(object).filter(([, v]) => v !== undefined);
  if (members.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{\n";
  for (const [i, [key, value]] of members.entries()) {
    yield `  ${JSON.stringify(key)}: `;
    const items: readonly unknown[] | null =
      value instanceof Mapped ? value.items : Array.isArray(value) ? value : null;
    const map = value instanceof Mapped ? value.map : (item: unknown) => item;
    if (items && items.length > 0) {
      yield "[\n";
      for (const [j, item] of items.entries())
        yield `    ${indented(map(item), "    ")}${j < items.length - 1 ? "," : ""}\n`;
      yield "  ]";
    } else yield indented(items ?? value, "  ");
    yield i < members.length - 1 ? ",\n" : "\n";
  }
  yield "}\n";
}

/** A value's JSON at a depth: the line breaks `JSON.stringify` puts between tokens, indented. */
function indented(value: unknown, pad: string): string {
  // An array item JSON cannot hold (undefined) is `null`, as `JSON.stringify` writes it.
  return (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${pad}`);
}
