/**
 * Markdown pieces shared by the review and the check run: rule titles, locations, resources, and
 * a fix rendered as a diff. Every text GitHub shows is built from these escaped parts: a name
 * from a pull request (resource, container, file, reason, parser message) goes in a code span
 * (`inlineCode`) or through `escapeText`, so it can never mention a user or team, link an issue,
 * inject HTML or Markdown, or close a code span or fence early.
 */

import { rules } from "../catalogue/index.js";
import { codeSpan } from "../core/code-span.js";
import type { Finding, Fix, ResourceRef } from "../core/types.js";
import { fencedBlock } from "./code-fence.js";

/** The rule's title from the engine's catalogue, or its id when the catalogue does not know it. */
export function ruleTitle(ruleId: string): string {
  return rules.find((r) => r.id === ruleId)?.title ?? ruleId;
}

/** `path:line` or `path:line-endLine`. */
export function locationOf(finding: Pick<Finding, "path" | "line" | "endLine">): string {
  return finding.endLine > finding.line
    ? `${finding.path}:${finding.line}-${finding.endLine}`
    : `${finding.path}:${finding.line}`;
}

/** `Deployment netops/sniffer`, `Pod web`, or `(fragment)` for a document that is no object. */
export function resourceLabel(resource: ResourceRef | null): string {
  if (!resource) return "(fragment)";
  const name = resource.name ?? "(unnamed)";
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ""}${name}`;
}

/** The resource as Markdown: its label in a code span (kind, namespace and name are the PR's). */
export function resourceCode(resource: ResourceRef | null): string {
  return resource ? inlineCode(resourceLabel(resource)) : "(fragment)";
}

/** The container as Markdown: its name in a code span, or `(pod)` for a pod-level setting. */
export function containerCode(container: string | null): string {
  return container === null ? "(pod)" : inlineCode(container);
}

/** Inline code that holds any text literally (any backtick run, no mention, link or HTML). */
export function inlineCode(text: string): string {
  return codeSpan(text);
}

/** Word joiner: invisible, and breaks GitHub's `@mention`, `#123` and `GH-123` references. */
const JOINER = "\u2060";

/**
 * Prose from a pull request (an exception's reason, a parser's message) as Markdown that shows it
 * literally: the characters that make inline Markdown or HTML (`` \ ` * _ [ ] < > ~ & ``)
 * backslash-escaped (on one line, nothing else starts a construct), line breaks as spaces, and a
 * word joiner after `@`, `#` and `GH-` so that GitHub links no user, team, issue or pull request,
 * and inside `://` and `www.` so that no bare address becomes a link.
 */
export function escapeText(text: string): string {
  const escaped = text.replace(/\r\n|\r|\n/g, " ").replace(/[\\`*_[\]<>~&]/g, "\\$&");
  return unlinked(escaped);
}

/**
 * A rule's Markdown (a finding's message, a fix's description) shown on GitHub: its code spans
 * are kept as CommonMark reads them (a backtick run opens a span that the next run of the same
 * length closes; an unmatched run is text), and outside them anything a pull request's names could
 * smuggle in is neutralised: `<` and `>` (HTML), `[` and `]` (links) are escaped, and a word joiner
 * follows `@`, `#` and `GH-` (and sits inside `://` and `www.`) so no user, team, issue, pull
 * request or address is linked. Line breaks become spaces. Emphasis the rule writes (`**`) stays.
 * Inert, but not the structure a rule meant if it wrote a name with backticks raw: rules put names
 * in code spans with `codeSpan` (`renderMessage` does it for message placeholders).
 */
export function ruleMarkdown(markdown: string): string {
  const text = markdown.replace(/\r\n|\r|\n/g, " ");
  let out = "";
  let i = 0;
  while (i < text.length) {
    let open = text.indexOf("`", i);
    if (open < 0) break;
    // A backslash before a backtick makes that one backtick literal (CommonMark's escapes).
    if (escaped(text, open)) open++;
    let run = open;
    while (text[run] === "`") run++;
    const ticks = run - open;
    if (ticks === 0) {
      out += neutralise(text.slice(i, open));
      i = open;
      continue;
    }
    const close = closingRun(text, run, ticks);
    if (close < 0) {
      out += neutralise(text.slice(i, run));
      i = run;
      continue;
    }
    out += neutralise(text.slice(i, open)) + text.slice(open, close + ticks);
    i = close + ticks;
  }
  return out + neutralise(text.slice(i));
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && text[at - slashes - 1] === "\\") slashes++;
  return slashes % 2 === 1;
}

/** Where the next run of exactly `ticks` backticks after `from` starts, or -1. */
function closingRun(text: string, from: number, ticks: number): number {
  let at = text.indexOf("`", from);
  while (at >= 0) {
    let end = at;
    while (text[end] === "`") end++;
    if (end - at === ticks) return at;
    at = text.indexOf("`", end);
  }
  return -1;
}

function neutralise(text: string): string {
  return unlinked(text.replace(/[<>[\]]/g, "\\$&"));
}

/**
 * The text with a word joiner after `@`, `#` and `GH-` and inside `://` and `www.`, so that GitHub
 * links no user, team, issue, pull request or bare address in it.
 */
function unlinked(text: string): string {
  return text
    .replace(/[@#]/g, `$&${JOINER}`)
    .replace(/\b(GH)-/gi, `$1${JOINER}-`)
    .replace(/:\/\//g, `:${JOINER}//`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`);
}

/**
 * Markdown (already escaped) as one cell of a GFM table: line breaks become spaces and pipes are
 * escaped, inside code spans too (GFM splits cells before it reads code spans).
 */
export function tableCell(markdown: string): string {
  return markdown.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|");
}

/** The head lines [start, end] of a file's text, without line endings; null when unknown. */
export function headLines(
  headTexts: ReadonlyMap<string, string> | undefined,
  path: string,
  start: number,
  end: number,
): string[] | null {
  const text = headTexts?.get(path);
  if (text === undefined) return null;
  const lines = text.split(/\r\n|\r|\n/);
  if (end > lines.length) return null;
  return lines.slice(start - 1, end);
}

/**
 * The fix as a fenced ```diff hunk when the lines it replaces are known; otherwise the new lines
 * in a ```yaml block, introduced by the line range they replace.
 */
export function fixAsDiff(fix: Fix, current: readonly string[] | null): string {
  const added = fix.text === "" ? [] : fix.text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
  const count = fix.endLine - fix.line + 1;
  const range = count > 1 ? `lines ${fix.line}-${fix.endLine}` : `line ${fix.line}`;
  if (!current || current.length !== count) {
    const block = added.length === 0 ? "" : fencedBlock("yaml", `${added.join("\n")}\n`);
    return added.length === 0 ? `Delete ${range}.` : `Replace ${range} with:\n\n${block}`;
  }
  const newStart = added.length === 0 ? fix.line - 1 : fix.line;
  const hunk = [
    `@@ -${fix.line},${count} +${newStart},${added.length} @@`,
    ...current.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
  ];
  return fencedBlock("diff", `${hunk.join("\n")}\n`);
}

/**
 * How to keep a finding as a justified exception with Privilege Guard: an annotation on the
 * object (when the repository allows them) or an entry in the App's config.
 */
export function exceptionHowTo(ruleId: string): string {
  const kinds = rules.find((r) => r.id === ruleId)?.kinds ?? ["kubernetes"];
  if (!kinds.includes("kubernetes")) {
    return [
      `To accept it here, write the comment \`privilege-guard: allow ${ruleId} -- <why this container needs it>\` on the line above the setting, or add an entry under \`exceptions\` in \`.github/privilege-guard.yml\` with \`rule: ${ruleId}\`, a \`reason\` and selectors (path, service).`,
      "A reviewer sees every new exception in the check run.",
    ].join(" ");
  }
  return [
    `To accept it here, add the annotation \`privilege-guard.io/allow-${ruleId}: "<why this workload needs it>"\` to the object's (or its pod template's) metadata, or an entry under \`exceptions\` in \`.github/privilege-guard.yml\` with \`rule: ${ruleId}\`, a \`reason\` and selectors (namespace, kind, name, container, path).`,
    "A reviewer sees every new exception in the check run.",
  ].join(" ");
}
