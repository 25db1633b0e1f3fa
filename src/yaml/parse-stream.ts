import { Composer, type Document, isMap, isNode, isPair, isScalar, isSeq, visit } from "yaml";
import type { Limits, ProblemCode } from "../core/types.js";
import { type AliasGraph, buildAliasGraph } from "./alias-graph.js";
import { cstDepth, textNestingExceeds } from "./depth-guard.js";
import { includedTemplateName } from "./go-template-expr.js";
import {
  firstBranchView,
  gluedConditionalsView,
  keyConditionals,
  lineConditionalsView,
  type ScalarConditional,
  scalarConditionalsView,
  type TemplateView,
  templateView,
  wholeConditionalsView,
  withoutConditionals,
} from "./go-template.js";
import {
  actionQuote,
  lexTemplate,
  type TemplateAction,
  templateBlocks,
} from "./go-template-lexer.js";
import {
  blanked,
  cutQuotedScalars,
  type LenientQuoted,
  lenientQuotes,
  restoreQuoted,
} from "./lenient-quotes.js";
import type { LineIndex } from "./line-index.js";
import type { DocumentChunk } from "./split-documents.js";
import { TokenParser } from "./token-parser.js";
import { YamlDoc } from "./yaml-doc.js";

/** A problem found while parsing, before it is tied to a file path. */
export interface ParseProblem {
  readonly code: ProblemCode;
  readonly message: string;
  /** Offset in the whole file text. */
  readonly offset: number;
}

export interface ParsedChunk {
  readonly docs: YamlDoc[];
  readonly problems: ParseProblem[];
}

/**
 * YAML as kubectl reads it (go-yaml v2, YAML 1.1): `yes`, `on`, `y`, `True` are booleans, `0777`
 * is octal, merge keys (`<<`) merge. Duplicate keys are found by our own linear walk (the `yaml`
 * package's check is quadratic in the size of a mapping). Nothing is printed: `logLevel` error.
 */
export const COMPOSE_OPTIONS = {
  version: "1.1",
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  logLevel: "error",
  keepSourceTokens: false,
} as const;

/**
 * Parses one document chunk. Errors become problems; nothing throws and nothing runs unbounded:
 * nesting is bounded before the recursive composer runs (see `depth-guard.ts`), and aliases are
 * measured as kubectl's decoder measures them before anything walks the document (see
 * `alias-graph.ts`).
 */
export function parseChunk(
  chunk: DocumentChunk,
  limits: Limits,
  reading: ChunkReading = {},
): ParsedChunk {
  const fail = (code: ProblemCode, message: string, offset: number): ParsedChunk => ({
    docs: [],
    problems: [{ code, message, offset: chunk.start + offset }],
  });
  const deep = `document nests more than ${limits.maxDepth} levels deep; not scanned`;
  const textDeep = textNestingExceeds(chunk.text, limits.maxDepth);
  if (textDeep >= 0) return fail("too-deep", deep, textDeep);
  const yaml11 = asYaml11(chunk.text);
  if (!chunk.template && !yaml11.includes("{{")) return readYaml(chunk, yaml11, limits, null);
  if (!chunk.template) {
    // An ordinary manifest: `{{` inside a string (a `sed` expression, a `--format` argument) is
    // text. Only actions the YAML cannot hold as text make it a template.
    const literal = readYaml(chunk, yaml11, limits, null);
    if (!literalNeedsTemplate(literal, yaml11)) return literal;
  }
  const view = templateView(yaml11);
  if (view.error) {
    return fail(
      "template-not-checked",
      `template not checked: Go's template lexer stops here (${view.error.message}); Helm would not render it either`,
      view.error.offset,
    );
  }
  const read = readYaml(chunk, view.text, limits, view);
  const unread = read.problems.some((p) => p.code === "parse-error");
  // Asked only of a document that does not read, and once.
  const inert = unread && reading.documentHoldsNoSetting?.(chunk.text) === true;
  const keep = inert ? startsAnotherObject : reading.branchHoldsSettings;
  // A chart template's chunks come from a template whose blocks nest (see `templateChunks`).
  const nests = () => chunk.template === true || templateBlocks(view.actions).nested;
  if (keep && unread && nests()) {
    // Conditionals written whole on one line read as their empty rendering, then conditionals
    // that render one scalar as that scalar, then (two branches of a conditional that do not
    // read as one text: a mapping, else `{}`) the first branches alone, then conditionals that
    // span whole lines as their empty rendering, each when what it leaves out cannot hold a
    // setting that must be read.
    const lines = lineConditionalsView(view, yaml11, keep);
    const scalars = reading.scalarMayBeSetting
      ? scalarConditionalsView(lines ?? view, yaml11)
      : null;
    const first = firstBranchView(lines ?? view, yaml11, keep);
    const both = scalars && firstBranchView(scalars, yaml11, keep);
    const whole = wholeConditionalsView(both ?? first ?? scalars ?? lines ?? view, yaml11, keep);
    for (const alternative of [lines, scalars, first, both, whole]) {
      const again = alternative ? readYaml(chunk, alternative.text, limits, alternative) : null;
      if (!again || again.problems.some((p) => p.code === "parse-error")) continue;
      const scalarsAt = alternative?.scalarConditionals ?? [];
      if (!scalarsMayHoldSetting(again, scalarsAt, reading.scalarMayBeSetting)) return again;
    }
    // Then conditionals Helm glues onto the line before them, as their empty rendering.
    const glued = gluedConditionalsView(view, yaml11);
    const gluedRead = glued ? readYaml(chunk, glued.text, limits, glued) : null;
    if (gluedRead && !gluedRead.problems.some((p) => p.code === "parse-error")) return gluedRead;
    // Last, conditionals Helm cannot render, whatever they hold, as the empty rendering.
    const misplaced = misplacedConditionalsView(view, yaml11, limits);
    const again = misplaced ? readYaml(chunk, misplaced.text, limits, misplaced) : null;
    if (again && !again.problems.some((p) => p.code === "parse-error")) return again;
  }
  if (unread) {
    // A file a template includes after an indentation of its own (`{{ tpl (.Files.Get …) . }}`).
    const included = readIndentedInclusion(chunk, view, limits);
    if (included) return included;
  }
  if (
    chunk.define &&
    reading.fragmentMayHoldSetting &&
    unread &&
    !reading.fragmentMayHoldSetting(view.text, writesBlock(view, chunk.stringDefines))
  ) {
    // A named template that is no YAML and can write no setting: a message, not a manifest.
    return { docs: [], problems: [] };
  }
  if (inert) {
    // An object that holds nothing a rule reads, by its literal kind (cluster-autoscaler's
    // PodDisruptionBudget, its `apiVersion:` glued after an `{{- end }}`): what it renders is
    // not this scan's to check.
    return { docs: [], problems: [] };
  }
  return {
    docs: read.docs,
    problems: read.problems.map((p) => asTemplateProblem(p, view, yaml11, chunk.start)),
  };
}

/**
 * Whether an action of the view writes YAML of its own: output read as a block where a block
 * stands (alone on its line, after `key:`), unless it includes a named template of the file that
 * renders a string (`stringDefines`). Output read as part of a scalar
 * (`url: "{{ include "x.fullname" . }}"`) writes text.
 */
function writesBlock(view: TemplateView, stringDefines: ReadonlySet<string> | undefined): boolean {
  const valueEnds = new Set(view.values.map(([, end]) => end));
  return view.actions.some(
    (a) =>
      a.role === "block" &&
      !valueEnds.has(a.end) &&
      !stringDefines?.has(includedTemplateName(a.body) ?? ""),
  );
}

/**
 * Whether a conditional read as one unknown scalar (see `scalarConditionalsView`) may be a
 * setting: it does not read as a value, or `mayBe` says so from the keys above it (the pairs' keys
 * from the root, a sequence item's being its sequence's) and its branches' literal text.
 */
function scalarsMayHoldSetting(
  read: ParsedChunk,
  scalars: readonly ScalarConditional[],
  mayBe: ChunkReading["scalarMayBeSetting"],
): boolean {
  if (scalars.length === 0) return false;
  if (!mayBe) return true;
  const pending = new Map(scalars.map((c) => [c.at, c.literal]));
  let may = false;
  for (const doc of read.docs) {
    visit(doc.doc, {
      Scalar: (key, node, path) => {
        const at = node.range?.[0];
        const literal = at === undefined ? undefined : pending.get(at);
        if (at === undefined || literal === undefined) return undefined;
        pending.delete(at);
        const keys = path.flatMap((p) =>
          isPair(p) && isScalar(p.key) ? [String(p.key.value)] : [],
        );
        may ||= key === "key" || mayBe(keys, literal);
        return may ? visit.BREAK : undefined;
      },
    });
  }
  return may || pending.size > 0;
}

/**
 * `view` with each conditional that renders YAML no reader accepts, whatever the values, read as
 * its empty rendering, the only one Helm renders: a literal key at a column where no key can
 * stand (Bitnami kuberay's head container: `livenessProbe:` at column 10, where the dashes of the
 * `containers` entries stand, rendered only when `customLivenessProbe` is set; envoy-gateway's
 * certgen Job: `volumes:` at column 8 inside the containers list, two columns right of the pod
 * spec's keys, when `extraVolumes` is set). With every conditional that starts with a literal key
 * (see `keyConditionals`) blanked and every other branch in place, the document must read; a
 * conditional is then misplaced when, where its `if` stands (and where each output listed with
 * it starts), no block mapping open has the key's column and the key stands left of the deepest
 * node open there, and the conditionals it needs are misplaced too. Null when none is.
 */
function misplacedConditionalsView(
  view: TemplateView,
  text: string,
  limits: Limits,
): TemplateView | null {
  const found = keyConditionals(view, text);
  const maybe = found.flatMap((f) => (f.needs === null ? [] : [f.span]));
  if (maybe.length === 0) return null;
  const without = withoutConditionals(view, maybe);
  let composed: ReturnType<typeof composeText>;
  try {
    composed = composeText(without.text, limits);
  } catch {
    return null;
  }
  if (typeof composed === "number") return null;
  const { docs } = composed;
  if (docs.some((d) => d.errors.length > 0)) return null;
  const cannotStand = (at: number, column: number) => {
    const doc = docs.find((d) => d.range[0] <= at && at <= d.range[2]);
    return doc !== undefined && !keyMayStand(doc, at, column, without.text);
  };
  let misplaced = found.map(
    (f) => f.needs !== null && [f.span[0], ...f.alsoAt].every((at) => cannotStand(at, f.column)),
  );
  // A conditional needing another that may stand is not misplaced whatever the values.
  for (let changed = true; changed; ) {
    const next = found.map(
      (f, i) => misplaced[i] === true && (f.needs ?? []).every((n) => misplaced[n]),
    );
    changed = next.some((m, i) => m !== misplaced[i]);
    misplaced = next;
  }
  const spans = found.flatMap((f, i) => (misplaced[i] ? [f.span] : []));
  return spans.length === 0 ? null : withoutConditionals(view, spans);
}

/**
 * Whether a key at `column` may stand at `at` (the start of a line) in a document read without it:
 * a block mapping open there (the last entry before `at` at each level, from the root) has that
 * column, or the key stands right of the deepest node open there (it may be that node's value or
 * text).
 */
function keyMayStand(doc: Document.Parsed, at: number, column: number, text: string): boolean {
  const columnOf = (offset: number) => offset - text.lastIndexOf("\n", offset - 1) - 1;
  let node: unknown = doc.contents;
  let deepest = -1;
  for (let depth = 0; depth < MAX_KEY_WALK; depth++) {
    const block = (isMap(node) || isSeq(node)) && !node.flow ? node : null;
    if (!block?.range) break;
    deepest = columnOf(block.range[0]);
    if (isMap(block) && deepest === column) return true;
    // The last entry before `at`: a pair's value, or a sequence's item.
    let last: unknown = null;
    for (const item of block.items) {
      const key = isPair(item) ? item.key : item;
      const start = isNode(key) ? key.range?.[0] : undefined;
      if (start === undefined) return true;
      if (start >= at) break;
      last = isPair(item) ? item.value : item;
    }
    node = last;
  }
  return column > deepest;
}

/** Whether template text could start another object: a document marker or a `kind:` line. */
function startsAnotherObject(branch: string): boolean {
  return /^(?:---|kind:)/m.test(branch);
}

/** The walk of `keyMayStand` stops this deep (the depth guard bounds documents further). */
const MAX_KEY_WALK = 1000;

/** How `parseChunk` may read a chart template beyond its text. */
export interface ChunkReading {
  /**
   * Whether the text of a template's `else` branch may hold a setting a rule looks at. When it
   * may not, a template that does not read with every branch in place is read with only the first
   * branch of each conditional (see `firstBranchView`).
   */
  readonly branchHoldsSettings?: (branch: string) => boolean;
  /**
   * Whether a scalar written by a conditional (its branches' literal text `text`, under the mapping
   * keys `keys` from the root) may be a setting a rule looks at. When it may not, a template that
   * does not read otherwise reads the conditional as that one scalar, unknown (see
   * `scalarConditionalsView`).
   */
  readonly scalarMayBeSetting?: (keys: readonly string[], text: string) => boolean;
  /**
   * Whether a named template's body that does not read as YAML may still write a setting where
   * it is included, from its text with the actions replaced (`literal`) and whether an action of
   * it writes a block (`include`, `toYaml`, `nindent`…). When it may not, it is not read: it writes
   * only its text and scalar values, a message for `fail` rather than a manifest fragment.
   */
  readonly fragmentMayHoldSetting?: (literal: string, writesBlocks: boolean) => boolean;
  /**
   * Whether a document holds nothing a rule reads, whatever its branches write (by its literal
   * kind: an Ingress, a Service). A template of it that does not read with every branch in place
   * is read with only the first branch of each conditional, unless a branch could start another
   * object (a `---` or a `kind:` line); one that does not read even so has nothing to report.
   */
  readonly documentHoldsNoSetting?: (text: string) => boolean;
}

/** A parse error in a template's reading is about what this scan could not read, not a broken file. */
function asTemplateProblem(
  p: ParseProblem,
  view: TemplateView,
  text: string,
  base: number,
): ParseProblem {
  if (p.code !== "parse-error") return p;
  const at = p.offset - base;
  let near: TemplateAction | undefined;
  for (const a of view.actions) {
    if (a.start > at) break;
    near = a;
  }
  const construct = near ? ` (the template action \`${actionQuote(text, near)}\` before it)` : "";
  return {
    code: "template-not-checked",
    message: `template not checked: with its template actions replaced, the YAML does not read: ${p.message}${construct}`,
    offset: p.offset,
  };
}

/**
 * Whether a manifest read as plain YAML holds template actions the YAML could not take as text:
 * it does not parse, or an action opens a flow collection (`key: {{ .Values.x }}`).
 */
function literalNeedsTemplate(read: ParsedChunk, text: string): boolean {
  const { actions, error } = lexTemplate(text);
  if (error || actions.length === 0) return false;
  if (read.problems.some((p) => p.code === "parse-error")) return true;
  const starts = new Set(actions.map((a) => a.start));
  for (const doc of read.docs) {
    let structural = false;
    visit(doc.doc, {
      Map: (_, node) => {
        if (node.flow && node.range && starts.has(node.range[0])) structural = true;
        return structural ? visit.BREAK : undefined;
      },
    });
    if (structural) return true;
  }
  return false;
}

/** Parses YAML text (a template's placeholders in place of its actions when `view` is given). */
function readYaml(
  chunk: DocumentChunk,
  text: string,
  limits: Limits,
  view: TemplateView | null,
): ParsedChunk {
  const problems: ParseProblem[] = [];
  const fail = (code: ProblemCode, message: string, offset: number): ParsedChunk => ({
    docs: [],
    problems: [...problems, { code, message, offset: chunk.start + offset }],
  });
  const deep = `document nests more than ${limits.maxDepth} levels deep; not scanned`;
  let composed: Document.Parsed[];
  try {
    const parsed = composeText(text, limits);
    if (typeof parsed === "number") return fail("too-deep", deep, parsed);
    composed = parsed.docs;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail("parse-error", `the YAML parser failed: ${message}`, 0);
  }
  const docs: YamlDoc[] = [];
  for (const doc of composed) {
    const read = readComposed(doc, chunk, problems, { view });
    if (!read) continue;
    if (view) unknownPlaceholderValues(doc, view.values, text, chunk.text);
    docs.push(read);
  }
  return { docs, problems };
}

/**
 * A chart's file written to be included after an indentation of the template's
 * (Kubescape's `assets/kubescape-cronjob-full.yaml`, output by `cronjobTemplate: |-` then
 * `    {{ tpl (.Files.Get "assets/kubescape-cronjob-full.yaml") . }}`): its first line stands at
 * column 0, since the template writes the indentation before it, and every other line at that
 * indentation or deeper. Read in place, YAML refuses the second line. Read as included, the
 * first line's pair belongs to the mapping the other lines make: each part is parsed with the
 * other blanked (every offset kept), and the first line's pair is put first in that mapping.
 * Null when the text is not so written or the parts do not read.
 */
function readIndentedInclusion(
  chunk: DocumentChunk,
  view: TemplateView,
  limits: Limits,
): ParsedChunk | null {
  const text = view.text;
  const firstEnd = text.indexOf("\n");
  const first = text.slice(0, firstEnd);
  if (firstEnd < 0 || !/^[A-Za-z_][\w.-]*:[ \t]+\S/.test(first)) return null;
  const rest = text.slice(firstEnd + 1);
  const indents = rest
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^[ \t]*#/.test(l))
    .map((l) => l.length - l.trimStart().length);
  if (indents.length === 0 || Math.min(...indents) === 0) return null;
  const head = composeText(`${first}\n${blanked(rest)}`, limits);
  const body = composeText(`${blanked(first)}\n${rest}`, limits);
  if (typeof head === "number" || typeof body === "number") return null;
  const [pairDoc] = head.docs;
  const [doc] = body.docs;
  if (head.docs.length !== 1 || body.docs.length !== 1 || !pairDoc || !doc) return null;
  if (pairDoc.errors.length > 0 || doc.errors.length > 0) return null;
  const pair = isMap(pairDoc.contents) ? pairDoc.contents.items[0] : undefined;
  if (!pair || !isMap(doc.contents)) return null;
  doc.contents.items.unshift(pair);
  const problems: ParseProblem[] = [];
  const read = readComposed(doc, chunk, problems, { view });
  if (!read) return null;
  unknownPlaceholderValues(doc, view.values, text, chunk.text);
  return { docs: [read], problems };
}

/** At most this many rounds of `lenientQuotes` (each cut scalar can hide the next). */
const LENIENT_ROUNDS = 16;

/**
 * The documents of `text`, composed, or the offset of a document nested deeper than the limit.
 * Quoted scalars whose continuation lines are indented less than the specification requires are
 * read as go-yaml reads them (see `lenient-quotes.ts`); when that does not make them read, the
 * first reading's errors stand. May throw (the parser's own failure).
 */
function composeText(text: string, limits: Limits): { docs: Document.Parsed[] } | number {
  let source = text;
  const restored: LenientQuoted[] = [];
  let first: Document.Parsed[] | null = null;
  for (let round = 0; ; round++) {
    const tokens = Array.from(new TokenParser().parse(source));
    for (const token of tokens) {
      if (token.type === "document" && cstDepth(token, limits.maxDepth) > limits.maxDepth)
        return token.offset;
    }
    const docs = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens)) as Document.Parsed[];
    for (const doc of docs) dropLongKeyMiscounts(doc, source);
    first ??= docs;
    const cut = round < LENIENT_ROUNDS ? cutQuotedScalars(tokens, docs) : [];
    const lenient = cut.length > 0 ? lenientQuotes(source, cut) : null;
    if (!lenient) {
      if (docs.some((doc) => doc.errors.length > 0)) return { docs: first };
      if (restored.length > 0) for (const doc of docs) restoreQuoted(doc, restored);
      return { docs };
    }
    source = lenient.text;
    restored.push(...lenient.scalars);
  }
}

/**
 * YAML bounds an implicit key: its `:` at most 1,024 characters past the key's start. go-yaml, as
 * kubectl and Helm read, measures from the key's first character (`yaml_parser_stale_simple_keys`
 * in https://github.com/go-yaml/yaml/blob/v2/scannerc.go); the `yaml` package (2.9) measures from
 * the start of the key's leading tokens, the blank lines before it included, so a key after an
 * empty value and 1,024 characters of blank lines (a chart template's lines of control actions,
 * read as blanks) is refused. Such an error is dropped when the key's own `:` (past the blanks
 * after the key, on its line) stands within 1,024 characters of the key's start.
 */
function dropLongKeyMiscounts(doc: Document.Parsed, text: string): void {
  const keep = doc.errors.filter((e) => {
    if (e.code !== "KEY_OVER_1024_CHARS") return true;
    let colon = e.pos[1];
    while (text[colon] === " " || text[colon] === "\t") colon++;
    return colon - e.pos[0] > IMPLICIT_KEY_LIMIT;
  });
  if (keep.length < doc.errors.length) doc.errors.splice(0, doc.errors.length, ...keep);
}

/** The longest span, in characters, from an implicit key's start to its `:`, as YAML allows. */
const IMPLICIT_KEY_LIMIT = 1024;

/** How `readComposed` reads a document beyond its text. */
export interface ComposedReading {
  /** The template view, when the document is a template read with its actions replaced. */
  readonly view?: TemplateView | null;
  /** The document a fix made this one from, whose derived values it shares (`YamlDoc`). */
  readonly derivedFrom?: YamlDoc | null;
  /**
   * The document's alias graph, when the caller knows it without walking the document (a fixed
   * document whose only new nodes are in one mapping, see `verify-graft.ts`).
   */
  readonly graph?: AliasGraph;
}

/**
 * A composed document as the scan reads it, its aliases measured as kubectl's decoder measures
 * them (see `alias-graph.ts`); null when it cannot be read, with the reason added to `problems`.
 */
export function readComposed(
  doc: Document.Parsed,
  chunk: DocumentChunk,
  problems: ParseProblem[],
  reading: ComposedReading = {},
): YamlDoc | null {
  const view = reading.view ?? null;
  const first = doc.errors[0];
  if (first) {
    problems.push({
      code: "parse-error",
      message: first.message.split("\n")[0] ?? first.message,
      offset: chunk.start + (first.pos[0] ?? 0),
    });
    return null;
  }
  const graph = reading.graph ?? buildAliasGraph(doc);
  if (graph.broken) {
    problems.push({
      code: "parse-error",
      message: `${graph.broken.message}; not scanned`,
      offset: chunk.start + graph.broken.offset,
    });
    return null;
  }
  if (graph.excessiveAliasing) {
    problems.push({
      code: "alias-limit",
      message: `${graph.excessiveAliasing.message}: kubectl refuses this document as an alias bomb; not scanned`,
      offset: chunk.start + graph.excessiveAliasing.offset,
    });
    return null;
  }
  // In a template a key set twice is mostly set in two branches (`if`/`else`) of which one
  // renders: not a problem; the last one is read.
  if (graph.duplicate && !view) {
    problems.push({
      code: "parse-error",
      message: `${graph.duplicate.message}: kubectl's strict validation rejects this; other readers take the last value, and so does this scan`,
      offset: chunk.start + graph.duplicate.offset,
    });
  }
  const source = view ? chunk.text : null;
  return new YamlDoc(
    doc,
    chunk.start,
    chunk.index,
    graph,
    view !== null,
    reading.derivedFrom,
    source,
  );
}

/**
 * A value a template renders from an action is unknown here: each scalar value (not a key) that
 * holds a placeholder reads as null, as if left out, so no rule judges the placeholder's text. A
 * key that holds one reads as written in the template (`…/{{ .Chart.Name }}`), for messages.
 */
function unknownPlaceholderValues(
  doc: Document.Parsed,
  spans: TemplateView["values"],
  view: string,
  original: string,
): void {
  if (spans.length === 0) return;
  visit(doc, {
    Scalar: (key, node) => {
      if (!node.range || !overlapsAny(spans, node.range[0], node.range[1])) return;
      if (key !== "key") node.value = null;
      else if (
        typeof node.value === "string" &&
        view.slice(node.range[0], node.range[1]).includes(node.value)
      ) {
        node.value = original.slice(node.range[0], node.range[1]).replace(/^["']|["']$/g, "");
      }
    },
  });
}

/** Whether `[start, end)` overlaps one of the sorted, disjoint `spans`. */
function overlapsAny(spans: TemplateView["values"], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.[1] ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const span = spans[lo];
  return span !== undefined && span[0] < end;
}

/**
 * go-yaml v2, which kubectl and Helm decode with, knows only YAML 1.1 (it refuses a `%YAML 1.2`
 * directive), so a 1.2 directive must not turn `yes` into a string here: it is read as 1.1. The
 * replacement keeps every offset.
 */
function asYaml11(text: string): string {
  if (!text.includes("%YAML")) return text;
  return text.replace(/^(%YAML[ \t]+)1\.2(?=[ \t\r\n#]|$)/gm, (_, head: string) => `${head}1.1`);
}

/** Line and column for a problem's offset. */
export function problemPosition(
  index: LineIndex,
  offset: number,
): { line: number; column: number } {
  const s = index.span(offset, offset + 1);
  return { line: s.line, column: s.column };
}
