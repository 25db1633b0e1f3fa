/**
 * Machine-readable output of an evaluation: `findings` (reported, the engine's `Finding`s
 * unchanged), `accepted` (with reason and source), `problems`, `files`, the `verdict`, and for a
 * diff the `existing` and `resolved` counts and the revisions compared.
 */
import type { RunReport } from "./review-data.js";

/** Pieces are gathered up to about this many characters before they are handed out. */
const PIECE = 64 * 1024;

export function renderJson(report: RunReport): string {
  return [...renderJsonPieces(report)].join("");
}

/**
 * The JSON text of `renderJson` in pieces of about 64 KiB, built one array item at a time, so
 * that no single string holds the whole report: a large scan's report (tens of thousands of
 * findings, each with its rule's texts) would exceed the longest string V8 allows. Joined, the
 * pieces are exactly `JSON.stringify(report, null, 2)` and a line break.
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

function jsonObject({ evaluation, diff }: RunReport): Record<string, unknown> {
  return {
    findings: evaluation.reported,
    accepted: evaluation.accepted,
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
  };
}

/**
 * `JSON.stringify(object, null, 2)` of a top-level object of plain data, a non-empty array's items
 * one part each. Members `JSON.stringify` leaves out (undefined) are left out.
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
    if (Array.isArray(value) && value.length > 0) {
      yield "[\n";
      for (const [j, item] of value.entries())
        yield `    ${indented(item, "    ")}${j < value.length - 1 ? "," : ""}\n`;
      yield "  ]";
    } else yield indented(value, "  ");
    yield i < members.length - 1 ? ",\n" : "\n";
  }
  yield "}\n";
}

/** A value's JSON at a depth: the line breaks `JSON.stringify` puts between tokens, indented. */
function indented(value: unknown, pad: string): string {
  // An array item JSON cannot hold (undefined) is `null`, as `JSON.stringify` writes it.
  return (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${pad}`);
}
