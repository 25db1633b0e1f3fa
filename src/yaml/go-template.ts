/**
 * Helm chart templates are Go templates that render to YAML: `{{ .Values.image }}`,
 * `{{- if .Values.enabled }}`. To read one as YAML, each action (found as Go's lexer finds them,
 * see `go-template-lexer.ts`) is replaced by a placeholder of its own width, line breaks kept, so
 * every offset, line and column stays that of the file and a setting written literally in a
 * template (`privileged: true`) is found where it stands:
 * - an action that stands for a value (`name: {{ .Values.name }}`, `"{{ .a }}:{{ .b }}"`, a key)
 *   becomes a plain scalar of underscores (numbered, so that two placeholder keys never collide);
 *   the reading then takes such a value as unknown (null), left to the chart's values;
 * - control flow (`if`, `range`, `with`, `end`…), `define`, comments, variable assignments, and
 *   output that is a block of YAML (`include`, `toYaml`, `nindent`) where a block stands (alone on
 *   its line, or right after `key:` or `- `) become spaces;
 * - inside a block scalar (`|`, `>`) an action alone on its line is content: underscores when it is
 *   indented past the line that opened the scalar, so that a scalar opening with `{{- if }}` still
 *   reads. Before the scalar's first line of text, output at or left of that indentation (`{{ toYaml
 *   .x | indent 4 }}` at the start of a line) is text just inside it, and a line of control actions
 *   trimming the break before it (`{{- if }}` at column 0) renders as nothing, as Helm renders it:
 *   its line break moves to its end, so the line is empty rather than a blank line indented deeper
 *   than the text, which YAML refuses. A scalar opened in a sequence entry (`- expr: |`) ends at
 *   the entry's next key.
 */
import { outputIndent, parsePipeline } from "./go-template-expr.js";
import {
  lexTemplate,
  type TemplateAction,
  type TemplateBlock,
  type TemplateLexError,
  templateBlocks,
  trimsLeftAt,
  trimsRightAt,
} from "./go-template-lexer.js";

export interface TemplateView {
  /** The text with every action replaced; the same length and line breaks as the original. */
  readonly text: string;
  readonly actions: readonly TemplateAction[];
  /** Spans `[start, end)` of placeholders that stand for a value, in order. */
  readonly values: readonly (readonly [number, number])[];
  readonly error: TemplateLexError | null;
  /**
   * Conditionals read as one unknown scalar (see `scalarConditionalsView`): where the placeholder
   * starts and the literal text of their branches, to be judged by the keys the reading puts
   * above that scalar.
   */
  readonly scalarConditionals?: readonly ScalarConditional[];
}

/** A conditional read as one unknown scalar: its placeholder's offset and its branches' text. */
export interface ScalarConditional {
  readonly at: number;
  readonly literal: string;
}

const BLOCK_INDICATOR = /(?:^|[ \t]|:|-)[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/;

/** The text with its Go template actions replaced by position-keeping placeholders. */
export function templateView(text: string): TemplateView {
  const { actions, error } = lexTemplate(text);
  if (actions.length === 0) return { text, actions, values: [], error };
  const out = text.split("");
  const values: [number, number][] = [];
  const lines = lineStarts(text);
  // Lines holding nothing but actions and white space, by line number (0-based).
  const actionOnly = actionOnlyLines(text, actions, lines);
  const { inside: inBlockScalar, leading } = blockScalarLines(text, actions, lines, actionOnly);
  // Lines of a block scalar that hold only control actions trimming the line break before them.
  const trimmedAway: number[] = [];
  let line = 0;
  let n = 0;
  let previousLine = -1;
  for (const [ai, a] of actions.entries()) {
    while (line + 1 < lines.length && (lines[line + 1] ?? Infinity) <= a.start) line++;
    const firstOnLine = line !== previousLine;
    previousLine = line;
    const scalar = inBlockScalar.get(line);
    let value: boolean;
    if (scalar !== undefined && actionOnly.has(line)) {
      const lineStart = lines[line] ?? 0;
      value = a.start - lineStart > scalar;
      const output = a.role === "value" || a.role === "block";
      // Before the scalar's first line of text, its indentation is still to be set (see below).
      const first = leading.has(line) && firstOnLine;
      if (!value && output && first && !text.slice(a.start, a.end).includes("\n")) {
        // Output at or left of the opening line's indentation (`{{ toYaml .x | indent 4 }}` at
        // the start of a line) renders as the scalar's content: a placeholder just inside it.
        const from = lineStart + scalar + 1;
        if (a.end - from >= 2) {
          fill(out, a.start, from, null);
          fill(out, from, a.end, placeholder(n++, a.end - from, text, from));
          values.push([from, a.end]);
          continue;
        }
      }
      if (!value && !output && first && trimsLeftAt(text, a.start)) {
        // With the lines it spans (a comment over several lines): Helm joins it all to the line
        // before.
        for (let l = line; l < lines.length && (lines[l] ?? Infinity) < a.end; l++) {
          if (leading.has(l)) trimmedAway.push(l);
        }
      } else if (!value && first && rendersNothing(text, actions, ai, lineStart, lines[line + 1])) {
        // `{{ $vals := pick .Values "a" -}}` at the start of a line (Istio's sidecar injector
        // values): Helm renders nothing of the line.
        trimmedAway.push(line);
      }
    } else if (a.role === "value" || a.role === "block") {
      value = !(
        actionOnly.has(line) ||
        (a.role === "block" && (afterIndicator(text, actions, ai) || gluedBreak(text, a)))
      );
    } else value = false;
    if (value) {
      fill(out, a.start, a.end, placeholder(n++, a.end - a.start, text, a.start));
      values.push([a.start, a.end]);
    } else fill(out, a.start, a.end, null);
  }
  for (const [first, last] of runs(trimmedAway)) moveBreakPast(out, lines, first, last);
  const keyed = keyedBlocks(out, text, actions, lines, actionOnly, inBlockScalar);
  for (const { start, end, keyAt } of keyed) {
    // `_n` and padding, then the colon that makes it a key.
    fill(out, start, keyAt, null);
    fill(out, keyAt, end - 1, placeholder(n++, end - 1 - keyAt, text, keyAt));
    out[end - 1] = ":";
    values.push([keyAt, end - 1]);
  }
  if (keyed.length > 0) values.sort((x, y) => x[0] - y[0]);
  return { text: out.join(""), actions, values, error };
}

/**
 * Whether the line holding action `ai` first renders as nothing: it holds only actions that output
 * nothing (`ai` to the line's end), and either the first starts the line (it leaves an empty line)
 * or the last trims the white space after it, line break included (`-}}`; the next line then starts
 * where this one did). `nextLine` is where the next line starts (undefined on the last line).
 */
function rendersNothing(
  text: string,
  actions: readonly TemplateAction[],
  ai: number,
  lineStart: number,
  nextLine: number | undefined,
): boolean {
  const end = nextLine ?? text.length + 1;
  let last: TemplateAction | undefined;
  for (let i = ai; i < actions.length; i++) {
    const a = actions[i];
    if (!a || a.start >= end) break;
    if (!SILENT.has(a.role) || a.end >= end) return false;
    last = a;
  }
  if (!last) return false;
  return actions[ai]?.start === lineStart || trimsRightAt(text, last.end);
}

/**
 * Blocks written alone at the start of their line through `indent N` (no `nindent`, no `{{-`),
 * between a mapping's entry whose key is at column N and lines indented deeper: csi-driver-nfs's
 * `namespace: {{ .Release.Namespace }}`, then `{{ include "nfs.labels" . | indent 2 }}` (which
 * writes `labels:` and its first entries), then `    app: csi-nfs-controller`. Helm renders the
 * entries the block writes at column N, and the deeper lines after them are the value of its last
 * key. Left blank they would be a second value of the entry before, which YAML refuses; read as a
 * key of their own whose name is unknown (a placeholder at column N ending in `:`) they parse, and
 * the deeper lines stay where Helm puts them: under a key the template writes.
 */
function keyedBlocks(
  out: readonly string[],
  text: string,
  actions: readonly TemplateAction[],
  lines: readonly number[],
  actionOnly: ReadonlySet<number>,
  inBlockScalar: ReadonlyMap<number, number>,
): { start: number; end: number; keyAt: number }[] {
  const found: { start: number; end: number; keyAt: number }[] = [];
  const lineOf = (l: number): string =>
    out
      .slice(lines[l] ?? 0, (lines[l + 1] ?? out.length + 1) - 1)
      .join("")
      .replace(/\r$/, "");
  const content = (l: number): boolean => {
    const t = lineOf(l).trim();
    return t !== "" && !t.startsWith("#");
  };
  // The line of each action (they are in order), and how many that output something each holds.
  const lineOfAction: number[] = [];
  const outputs = new Map<number, number>();
  let at = 0;
  for (const b of actions) {
    while (at + 1 < lines.length && (lines[at + 1] ?? Infinity) <= b.start) at++;
    lineOfAction.push(at);
    if (!SILENT.has(b.role)) outputs.set(at, (outputs.get(at) ?? 0) + 1);
  }
  for (const [ai, a] of actions.entries()) {
    if (a.role !== "block" || trimsLeftAt(text, a.start)) continue;
    if (text.slice(a.start, a.end).includes("\n")) continue;
    const line = lineOfAction[ai] ?? 0;
    if (a.start !== lines[line] || !actionOnly.has(line) || inBlockScalar.has(line)) continue;
    const indent = outputIndent(parsePipeline(a.body)?.pipeline ?? []);
    if (!indent || indent.fromLineStart) continue;
    const column = indent.column - 1;
    // Room for `_n:` after the N columns, and this the only output on its line.
    if (a.end - a.start < column + 3 || lineOf(line).trim() !== "") continue;
    if (outputs.get(line) !== 1) continue;
    let before = line - 1;
    while (before >= 0 && !content(before)) before--;
    let after = line + 1;
    while (after < lines.length && !content(after)) after++;
    if (before < 0 || after >= lines.length) continue;
    const previous = lineOf(before);
    const next = lineOf(after);
    if (next.length - next.trimStart().length <= column || !MAPPING_ENTRY.test(next)) continue;
    // The entry before is a mapping's with a value on its line, its key at column N (after any
    // `- ` of a sequence entry): blank, the block would leave the deeper entries as a second
    // value of that entry, which YAML refuses, so only a text that does not read is read anew.
    const entry = SCALAR_ENTRY.exec(previous);
    if (!entry || entry[1]?.length !== column) continue;
    found.push({ start: a.start, end: a.end, keyAt: a.start + column });
  }
  return found;
}

/** A line holding a mapping's entry: `key:` then a space or nothing. */
const MAPPING_ENTRY = /^[ \t]*[^\s#\-?:][^:]*:(?:[ \t]|$)/;

/** A mapping's entry with a value on its line (not a block scalar's header); group 1 its key's indent. */
const SCALAR_ENTRY = /^((?:[ \t]*-[ \t]+)*[ \t]*)[^\s#\-?:][^:]*:[ \t]+[^\s#|>]/;

/**
 * A line of a block scalar holding only control actions, the first of which trims the line break
 * before it, renders as nothing (Helm joins it to the line before), and so do the lines a comment
 * over several lines spans. Read as blanks they would be leading empty lines indented deeper than
 * the scalar's content, which YAML refuses. So the line breaks before lines `first` to `last` move
 * to the end of `last`: the line before them ends in blanks and they are empty, with every offset
 * and the number of lines kept.
 */
function moveBreakPast(out: string[], lines: readonly number[], first: number, last: number): void {
  const start = lines[first] ?? 0;
  if (first === 0 || start === 0) return;
  const from = out[start - 2] === "\r" ? start - 2 : start - 1;
  const to = lines[last + 1] ?? out.length;
  const breaks: string[] = [];
  let blanks = 0;
  for (let i = from; i < to; i++) {
    const c = out[i] ?? "";
    if (c === "\n" || c === "\r") breaks.push(c);
    else if (c === " " || c === "\t") blanks++;
    else return;
  }
  for (let i = from; i < to; i++)
    out[i] = i < from + blanks ? " " : (breaks[i - from - blanks] ?? " ");
}

/** Runs of consecutive numbers, `[first, last]`, in order. */
function runs(numbers: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of [...new Set(numbers)].sort((x, y) => x - y)) {
    const run = out.at(-1);
    if (run && run[1] + 1 === n) run[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * The placeholder of value number `n`: `_` and `n` in base 36, padded with `_` to `width`. An
 * action over several lines keeps its line breaks; past the first, its lines become spaces.
 */
function placeholder(n: number, width: number, text: string, at: number): string[] {
  const id = `_${n.toString(36)}`;
  const chars: string[] = [];
  let firstLine = true;
  for (let i = 0; i < width; i++) {
    const c = text[at + i] ?? "";
    if (c === "\n" || c === "\r") {
      chars.push(c);
      firstLine = false;
    } else if (!firstLine) chars.push(" ");
    else chars.push(width >= id.length ? (id[i] ?? "_") : "_");
  }
  return chars;
}

function fill(out: string[], start: number, end: number, with_: string[] | null): void {
  for (let i = start; i < end; i++) {
    const c = out[i];
    if (with_) out[i] = with_[i - start] ?? "_";
    else if (c !== "\n" && c !== "\r") out[i] = " ";
  }
}

/**
 * Only spaces (at least one) between action number `ai` and what stands before it on its line,
 * or spaces and actions that output nothing (`key: {{- if .x }} {{ toYaml .x | indent 4 }}`:
 * where the block renders, it renders after the key): by `after`, a `key:`, a `- ` or a block
 * scalar's header (`key: |-`, whose text the action then is) for `block`; a `key:` or a `- ` for
 * `value`; a `key:` alone for `key`.
 */
function afterIndicator(
  text: string,
  actions: readonly TemplateAction[],
  ai: number,
  after: "block" | "value" | "key" = "block",
): boolean {
  let i = (actions[ai]?.start ?? 0) - 1;
  let spaced = false;
  for (let k = ai - 1; ; k--) {
    const from = i;
    while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
    spaced ||= i < from;
    const before = actions[k];
    if (!before || before.end !== i + 1 || !SILENT.has(before.role)) break;
    i = before.start - 1;
  }
  if (!spaced) return false;
  const c = text[i];
  if (c === ":") return true;
  if (after === "key") return false;
  if (c === "-" && (i === 0 || /[ \t\n]/.test(text[i - 1] ?? "\n"))) return true;
  if (after === "value") return false;
  const lineStart = text.lastIndexOf("\n", i) + 1;
  return BLOCK_HEADER_END.test(text.slice(lineStart, i + 1));
}

/** Actions that output nothing where they stand. */
const SILENT: ReadonlySet<TemplateAction["role"]> = new Set(["control", "comment", "assign"]);

/**
 * Output that starts with a line break (its pipeline ends in `nindent`) written right after a
 * `key:` or a block scalar's header, with no space between (`updateStrategy:{{ toYaml .s |
 * nindent 4 }}`, `ca.crt: |-{{ .pem | nindent 4 }}`): the key's block value, as after a space.
 */
function gluedBreak(text: string, a: TemplateAction): boolean {
  if (!/(?:^|\|)\s*nindent\s[^|]*$/.test(a.body.trim())) return false;
  const lineStart = text.lastIndexOf("\n", a.start - 1) + 1;
  const before = text.slice(lineStart, a.start);
  return /\S:$/.test(before) || BLOCK_HEADER_END.test(before);
}

/** A line that ends in a block scalar's header: `|` or `>` and its indicators after `key:` or `- `. */
const BLOCK_HEADER_END = /(?:^|[ \t])[|>][1-9+-]{0,2}$/;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Line numbers whose every non-blank character belongs to an action. */
function actionOnlyLines(
  text: string,
  actions: readonly TemplateAction[],
  lines: readonly number[],
): Set<number> {
  const covered = new Set<number>();
  const bare = new Set<number>();
  let line = 0;
  let pos = 0;
  let ai = 0;
  while (pos < text.length) {
    const a = actions[ai];
    if (a && pos === a.start) {
      pos = a.end;
      ai++;
      continue;
    }
    const nextAction = a ? a.start : text.length;
    while (pos < nextAction) {
      while (line + 1 < lines.length && (lines[line + 1] ?? Infinity) <= pos) line++;
      const c = text[pos];
      if (c !== " " && c !== "\t" && c !== "\r" && c !== "\n") bare.add(line);
      pos++;
    }
  }
  line = 0;
  for (const a of actions) {
    while (line + 1 < lines.length && (lines[line + 1] ?? Infinity) <= a.start) line++;
    covered.add(line);
  }
  for (const l of bare) covered.delete(l);
  return covered;
}

/**
 * Lines inside a block scalar (after a line ending in `|` or `>`), mapped to the indentation of
 * the line that opened it, and which of them come before the scalar's first line of text (its
 * leading lines, which YAML requires to be indented no deeper than that text). Judged on the text
 * outside actions, line by line, the way YAML ends a block scalar: at the first non-blank line
 * indented no deeper than the opening line.
 */
function blockScalarLines(
  text: string,
  actions: readonly TemplateAction[],
  lines: readonly number[],
  actionOnly: ReadonlySet<number>,
): { inside: Map<number, number>; leading: Set<number> } {
  const inside = new Map<number, number>();
  const leading = new Set<number>();
  const bare = withoutActions(text, actions);
  const startsAt = new Map(actions.map((a) => [a.start, a]));
  let open: number | null = null;
  let started = false;
  for (let l = 0; l < lines.length; l++) {
    const from = lines[l] ?? 0;
    const to = (lines[l + 1] ?? text.length + 1) - 1;
    const line = bare.slice(from, to).replace(/\r$/, "");
    const indent = line.length - line.trimStart().length;
    const written = text.slice(from, to);
    const writtenIndent = written.length - written.trimStart().length;
    const blank = line.trim() === "";
    if (open !== null) {
      if (blank || actionOnly.has(l) || indent > open) {
        inside.set(l, open);
        // An action alone on its line past the opening line's indentation reads as text.
        const isText = !blank || (actionOnly.has(l) && writtenIndent > open);
        if (!started && !isText) leading.add(l);
        started ||= isText;
        continue;
      }
      open = null;
    }
    if (!blank && BLOCK_INDICATOR.test(line) && !line.trimStart().startsWith("#")) {
      // A key written as an action (`{{ .Values.key }}: |`) is indented where the action starts.
      const key = startsAt.get(from + writtenIndent);
      open =
        key && (key.role === "value" || key.role === "block") ? writtenIndent : nodeIndent(line);
      started = false;
    }
  }
  return { inside, leading };
}

/**
 * The indentation a block scalar opened on `line` must pass: that of the line, or in a sequence
 * entry (`- expr: |`) that of the key after the dashes; for a scalar that is itself the entry
 * (`- |`), that of the last dash.
 */
function nodeIndent(line: string): number {
  const entry = /^[ \t]*(?:-[ \t]+)+/.exec(line);
  if (!entry) return line.length - line.trimStart().length;
  const after = entry[0].length;
  return /^[|>]/.test(line.slice(after)) ? entry[0].trimEnd().length - 1 : after;
}

function withoutActions(text: string, actions: readonly TemplateAction[]): string {
  if (actions.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const a of actions) {
    out += text.slice(pos, a.start);
    out += text.slice(a.start, a.end).replace(/[^\r\n]/g, " ");
    pos = a.end;
  }
  return out + text.slice(pos);
}

/**
 * `view` with its `else` branches blanked (each from its `{{ else }}`, `{{ else if … }}` or `{{
 * else with … }}` to the block's next `else` or its `{{ end }}`) but those `keep` says hold text
 * that must be read (a setting a rule looks at), so that only the first branch of those
 * conditionals reads, with those other branches that must be read: for a template whose
 * branches hold two shapes of one value (a mapping, else `{}`; Bitnami kube-prometheus's
 * `alertmanagers`: a block, else if a list of mappings, else `[]`) that do not read as one YAML
 * text. Null when no branch is blanked. The caller makes sure that the blocks nest in the whole
 * template (`view` may be a document of it, see `templateBlocks`).
 */
export function firstBranchView(
  view: TemplateView,
  original: string,
  keep: (branch: string) => boolean,
): TemplateView | null {
  const { blocks } = templateBlocks(view.actions);
  const ranges: [number, number][] = [];
  for (const b of blocks) {
    b.elses.forEach((e, i) => {
      const from = view.actions[e]?.start;
      const to = view.actions[b.elses[i + 1] ?? b.end]?.start;
      if (from !== undefined && to !== undefined && !keep(original.slice(from, to)))
        ranges.push([from, to]);
    });
  }
  return ranges.length === 0 ? null : blanked(view, ranges);
}

/**
 * `view` with each conditional written whole on one line read as its empty rendering, when what it
 * renders cannot hold a setting: `{{ if .Values.role }}iam.amazonaws.com/role: {{ .Values.role
 * }}{{ end }}` (the CloudWatch exporters' pod annotations). Helm renders either the line with the
 * key where the `if` stands or a line of blanks; read in place, the key stands past the `if`,
 * at a column no other key of its mapping has, and cannot be moved there without changing every
 * offset after it. The empty rendering is one Helm gives, and it hides nothing only when the text
 * inside could not be a setting, so a conditional is read as empty only when:
 * - it is an `if` or `with` with no `else`, the first thing on its line and its `end` the last;
 * - its literal text is `key: …` and `keep` says that text (actions left out) holds no setting;
 * - every action inside is a value output in place after that key (no block, include, variable,
 *   nested control): it renders that key's scalar value, never a key of its own.
 * Null when no conditional is read so. As for `firstBranchView`, the caller makes sure that the
 * blocks nest.
 */
export function lineConditionalsView(
  view: TemplateView,
  original: string,
  keep: (text: string) => boolean,
): TemplateView | null {
  const ranges: [number, number][] = [];
  for (const { open, end, inner } of standaloneConditionals(view, original)) {
    const literal = textBetween(original, open.end, end.start, inner);
    const key = /^[^\s:#][^:\r\n]*:[ \t]/.exec(literal);
    if (!key || original.slice(open.start, end.end).includes("\n") || keep(literal)) continue;
    const valueFrom = open.end + key[0].length;
    if (inner.some((a) => a.role !== "value" || a.start < valueFrom)) continue;
    ranges.push([open.start, end.end]);
  }
  return ranges.length === 0 ? null : blanked(view, ranges);
}

/** A conditional's opening and `end` actions, the actions between them, and the first one's index. */
interface StandaloneConditional {
  readonly open: TemplateAction;
  readonly end: TemplateAction;
  readonly inner: TemplateAction[];
  readonly first: number;
}

/**
 * The `if` and `with` conditionals with no `else` whose `if` is the first thing on its line and
 * whose `end` is the last on its own: those whose empty rendering is a line (or lines) of blanks.
 */
function standaloneConditionals(view: TemplateView, original: string): StandaloneConditional[] {
  const out: StandaloneConditional[] = [];
  for (const b of templateBlocks(view.actions).blocks) {
    const open = view.actions[b.open];
    const end = view.actions[b.end];
    if (!open || !end || b.else !== null || (open.keyword !== "if" && open.keyword !== "with"))
      continue;
    if (!firstOnLine(original, open.start)) continue;
    if (!/^[ \t]*\r?$/.test(original.slice(end.end, lineEndOf(original, end.end)))) continue;
    out.push({ open, end, inner: view.actions.slice(b.open + 1, b.end), first: b.open + 1 });
  }
  return out;
}

/**
 * `view` with each conditional that spans whole lines read as its empty rendering, when what it
 * renders cannot hold a setting: Falco Talon's ClusterRole ends with `{{- if
 * .Values.podSecurityPolicy.create }}` around one more rule written at column 0, two columns left
 * of the rules before it, which is YAML only when it is not rendered (PodSecurityPolicy is gone
 * since Kubernetes 1.25). Read with it in place, the template does not read; the empty rendering
 * is the one Helm gives that Kubernetes accepts, and it hides nothing only when what is left out
 * cannot be a setting, so a conditional is read as empty only when:
 * - it is an `if` or `with` with no `else`, the first thing on its line, its `end` the last thing
 *   on its own, later line;
 * - its literal text (actions left out) is one `keep` says holds no setting (the same wide words
 *   as for an `else` branch: a setting's name, `container`, `spec`, `template`, `values`…);
 * - every action inside is control flow, a comment, an assignment or output written inline after
 *   text on its line (`- {{ template "name" . }}`, `verbs: {{ .v }}`) with no indent function:
 *   what it writes lands in place, as that node's value, never as a block of keys of its own; or
 *   through an indent function right after a `key:` (kube-prometheus-stack's Services per
 *   replica: `ipFamilies: {{ toYaml .ipFamilies | nindent 4 }}`, four columns left of the key,
 *   YAML only when not rendered): the key is in the literal text `keep` judged, and what the
 *   output writes is no literal text of this template but values or a named template's text,
 *   read there (the values map ties an output after a key to that key only).
 * Null when no conditional is read so. As for `firstBranchView`, the caller makes sure that the
 * blocks nest.
 */
export function wholeConditionalsView(
  view: TemplateView,
  original: string,
  keep: (text: string) => boolean,
): TemplateView | null {
  const ranges: [number, number][] = [];
  for (const { open, end, inner, first } of standaloneConditionals(view, original)) {
    if (!firstOnLine(original, end.start) || !original.slice(open.end, end.start).includes("\n"))
      continue;
    if (keep(textBetween(original, open.end, end.start, inner))) continue;
    const inPlace = (a: TemplateAction, i: number) =>
      a.role === "control" ||
      a.role === "comment" ||
      a.role === "assign" ||
      ((a.role === "value" || a.role === "block") &&
        !firstOnLine(original, a.start) &&
        (!INDENTS.test(a.body) || afterIndicator(original, view.actions, first + i, "key")));
    if (!inner.every(inPlace)) continue;
    ranges.push([open.start, end.end]);
  }
  return ranges.length === 0 ? null : blanked(view, ranges);
}

/** A conditional whose text starts with a literal `key:` line (see `keyConditionals`). */
export interface KeyConditional {
  /** From its `if` to past its `end`. */
  readonly span: readonly [number, number];
  /** The key's column (0-based). */
  readonly column: number;
  /**
   * Offsets before the `if` where a key at `column` must not be able to stand either for the
   * key to be misplaced whatever the values: those of the outputs since the last line that
   * closes what stood further right (see `keyConditionals`) whose lines start at `column`.
   */
  readonly alsoAt: readonly number[];
  /**
   * The other conditionals listed (by index) that write a line at or left of the key's column
   * since that line: this one is misplaced whatever the values only if they are too (a rendering
   * holding one of them then fails anyway). Null when what is open where the key stands depends on
   * the values (see `keyConditionals`).
   */
  readonly needs: readonly number[] | null;
}

/**
 * The conditionals whose empty rendering is a line (or lines) of blanks (an `if` or `with` with
 * no `else`, the first thing on its line, its `end` the last on its own later line) and whose text
 * starts with a literal key on a line of its own after the `if`'s (`livenessProbe: {{- include …
 * | nindent 12 }}`), only control actions and comments before it: where Helm renders the
 * conditional, that key stands at its column whatever the values. What is open where it stands
 * is that of the reading with every branch in place when nothing since the last line of literal
 * text at or left of that column (one every rendering writes: in no block that does not hold the
 * conditional too, and within any loop that holds it) can open a mapping there in some rendering
 * only: no such line of a block, no output alone on its line without an indent function, none
 * indented left of the key; an output indented at the key's column is listed (`alsoAt`), for the
 * caller to check that a key cannot stand there either. Outputs written inline after text with no
 * indent function are read as that node's value, on its line, as everywhere in this reading.
 */
export function keyConditionals(view: TemplateView, original: string): KeyConditional[] {
  const candidates: { open: TemplateAction; end: TemplateAction; column: number }[] = [];
  for (const { open, end, inner } of standaloneConditionals(view, original)) {
    const next = original.indexOf("\n", open.end) + 1;
    if (next === 0 || next > end.start || original.slice(open.end, next).trim() !== "") continue;
    const line = KEY_LINE.exec(view.text.slice(next, end.start));
    if (!line) continue;
    const key = next + line.index + (line[1]?.length ?? 0);
    if (inner.some((a) => a.start < key && !SILENT.has(a.role))) continue;
    if (inner.some((a) => a.start <= key && key < a.end)) continue;
    candidates.push({ open, end, column: key - lineStartOf(original, key) });
  }
  const { blocks } = templateBlocks(view.actions);
  const spanOf = (b: TemplateBlock) =>
    [view.actions[b.open]?.start ?? 0, view.actions[b.end]?.end ?? 0] as const;
  const out: KeyConditional[] = [];
  for (const { open, end, column } of candidates) {
    // Blocks that do not hold the conditional: what they write is there in some renderings only.
    const holds = ([s, e]: readonly [number, number]) => s < open.start && open.end <= e;
    const optional = blocks.map(spanOf).filter((span) => !holds(span));
    const inOptional = (at: number) => optional.some(([s, e]) => s <= at && at < e);
    const others = candidates.filter((c) => c.open !== open && !holds([c.open.start, c.end.end]));
    const needs = new Set<number>();
    let since = -1;
    let sure = true;
    for (let to = lineStartOf(original, open.start); to > 0 && since < 0; ) {
      const from = lineStartOf(original, to - 1);
      const text = view.text.slice(from, to).replace(/\r?\n$/, "");
      const indent = text.length - text.trimStart().length;
      const at = from + indent;
      if (text.trim() !== "" && indent <= column) {
        const other = others.find((c) => c.open.start <= at && at < c.end.end);
        if (other) needs.add(candidates.indexOf(other));
        else if (!inOptional(at)) since = from;
        else sure = false;
      }
      to = from;
    }
    // In a loop, what stands before it from the second time round is the loop's own text.
    const loops = blocks.filter((b) => view.actions[b.open]?.keyword === "range").map(spanOf);
    if (since < 0 || loops.some((span) => holds(span) && since < span[0])) sure = false;
    const alsoAt: number[] = [];
    for (const a of view.actions) {
      if (a.start < since || a.start >= open.start || (a.role !== "value" && a.role !== "block"))
        continue;
      const placed = INDENTS.test(a.body)
        ? outputIndent(parsePipeline(a.body)?.pipeline ?? [])
        : null;
      if (!placed) {
        if (firstOnLine(original, a.start)) sure = false;
        continue;
      }
      const from = placed.column - 1;
      if (from < column) sure = false;
      else if (from === column) alsoAt.push(a.start);
    }
    // One holding another is left in place, so that the other's surroundings read.
    if (
      candidates.some((c) => c.open !== open && open.start < c.open.start && c.end.end <= end.end)
    )
      sure = false;
    out.push({ span: [open.start, end.end], column, alsoAt, needs: sure ? [...needs] : null });
  }
  return out;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The first line that is not blank: a plain key, then `:` and a space or the line's end. */
const KEY_LINE = /^(?:[ \t]*\r?\n)*([ \t]*)[A-Za-z_][\w./-]*:(?=[ \t]|\r?\n|$)/;

/** `view` with the conditionals of `spans` (see `keyConditionals`) read as their empty rendering. */
export function withoutConditionals(
  view: TemplateView,
  spans: readonly (readonly [number, number])[],
): TemplateView {
  return blanked(view, spans);
}

/** Output functions that write a block of lines at an indentation of their own. */
const INDENTS = /(?:^|[\s|(])n?indent(?=[\s)]|$)/;

/** Whether only blanks stand before `at` on its line. */
function firstOnLine(text: string, at: number): boolean {
  return /^[ \t]*$/.test(text.slice(text.lastIndexOf("\n", at - 1) + 1, at));
}

/** `view` with the `ranges` blanked, and the placeholders in them no longer values. */
function blanked(view: TemplateView, ranges: readonly (readonly [number, number])[]): TemplateView {
  const out = view.text.split("");
  for (const [s, e] of ranges) fill(out, s, e, null);
  const values = view.values.filter(([s, e]) => !ranges.some(([rs, re]) => s < re && rs < e));
  return { ...view, text: out.join(""), values };
}

/** The text of `[from, to)` with the `actions` in it (in order) left out. */
function textBetween(
  text: string,
  from: number,
  to: number,
  actions: readonly TemplateAction[],
): string {
  let out = "";
  let pos = from;
  for (const a of actions) {
    out += text.slice(pos, a.start);
    pos = a.end;
  }
  return out + text.slice(pos, to);
}

function lineEndOf(text: string, at: number): number {
  const i = text.indexOf("\n", at);
  return i === -1 ? text.length : i;
}

/**
 * `view` with each conditional that renders one scalar read as that scalar, unknown: `apiVersion:
 * {{ if .Capabilities… -}}\nautoscaling/v2\n{{- else -}}\nautoscaling/v2beta2\n{{- end }}` (Grafana's
 * promtail HPA: Helm joins the branch's text to the key through the trim markers), or a sequence
 * item whose branches (nested ones too) each write one name (Datadog's RBAC resources). Read in
 * place, the branches' texts stand on lines of their own, away from the key or the dash, one after
 * another, which YAML refuses; whichever branch renders, the result is one scalar where the `if`
 * stands. So the `if` becomes the placeholder of a value, as any value output there, and the rest
 * of the conditional blanks. Only a conditional that cannot render more than a scalar is read so:
 * - it opens where a value stands (after `key:` or `- ` on its line);
 * - inside it, only `if`/`with`/`else`/`end`, comments and values output in place (no block,
 *   include, variable or loop);
 * - its literal text has no indicator that could make structure (`: `, `- ` at a line's start,
 *   ` #`, a flow collection's bracket or brace).
 * Whether that scalar may be a setting is for the caller to judge from the keys above it once
 * read (see `scalarsMayHoldSetting` in parse-stream.ts). Null when no conditional is read so. As
 * for `firstBranchView`, the caller makes sure that the blocks nest.
 */
export function scalarConditionalsView(view: TemplateView, original: string): TemplateView | null {
  const { blocks } = templateBlocks(view.actions);
  const found: { open: TemplateAction; end: number; literal: string }[] = [];
  // Outermost first: blocks end in order, so an enclosing block comes after the ones it holds.
  for (const b of [...blocks].reverse()) {
    const open = view.actions[b.open];
    const end = view.actions[b.end];
    if (!open || !end || (open.keyword !== "if" && open.keyword !== "with")) continue;
    if (found.some((f) => f.open.start <= open.start && end.end <= f.end)) continue;
    if (!afterIndicator(original, view.actions, b.open, "value")) continue;
    const inner = view.actions.slice(b.open + 1, b.end);
    if (
      !inner.every((a) => a.role === "value" || a.role === "comment" || SCALAR_FLOW.has(a.keyword))
    )
      continue;
    const literal = textBetween(original, open.end, end.start, inner);
    if (STRUCTURE.test(literal)) continue;
    found.push({ open, end: end.end, literal });
  }
  if (found.length === 0) return null;
  const out = view.text.split("");
  const values = view.values.filter(([s, e]) => !found.some((f) => s < f.end && f.open.start < e));
  // Numbered past every action, so that no other placeholder has its number.
  let n = view.actions.length;
  for (const { open, ...f } of found) {
    fill(out, open.start, open.end, placeholder(n++, open.end - open.start, original, open.start));
    fill(out, open.end, f.end, null);
    values.push([open.start, open.end]);
  }
  values.sort((a, b) => a[0] - b[0]);
  const scalarConditionals = [
    ...(view.scalarConditionals ?? []),
    ...found.map((f) => ({ at: f.open.start, literal: f.literal })),
  ];
  return { ...view, text: out.join(""), values, scalarConditionals };
}

/**
 * `view` with each conditional that Helm glues onto the end of the line before it read as its
 * empty rendering: kube-ovn's `- --default-cidr=`, then on the next lines `{{- if eq
 * .Values.networking.stack "Dual" -}}`, `{{ .Values.networking.pods.cidr.v4 }},{{ … }}`, `{{- else
 * if … -}}`, …, `{{- end }}`. The trim markers take away every line break of its output, so
 * whichever branch renders only adds text to that line's scalar; read in place, its values stand on
 * lines of their own at the item's indentation, which YAML refuses. Read so only when:
 * - it opens first on its line with a left trim marker (`{{-`), after a line that ends in a
 *   scalar (not a `key:`, a `- ` or a block scalar's header);
 * - it holds only `if`/`with`/`else`/`end`, comments and values output in place;
 * - its literal text, each trim marker's blanks taken away as Helm takes them, holds no line
 *   break and nothing that could make YAML structure.
 * What it adds to the scalar is not known either way; the scalar is read as written before it.
 * Null when no conditional is read so. The caller makes sure that the blocks nest.
 */
export function gluedConditionalsView(view: TemplateView, original: string): TemplateView | null {
  const { actions } = view;
  const spans: [number, number][] = [];
  for (const b of templateBlocks(actions).blocks) {
    const open = actions[b.open];
    const end = actions[b.end];
    if (!open || !end || (open.keyword !== "if" && open.keyword !== "with")) continue;
    if (!trimsLeftAt(original, open.start) || !firstOnLine(original, open.start)) continue;
    // The line before, as read: a line of control actions only is blank there, and not a scalar.
    const start = lineStartOf(original, open.start);
    const previous = view.text.slice(lineStartOf(view.text, start - 1), start).trim();
    if (previous === "" || /(?:^|:|-)$|[|>][1-9+-]{0,2}$/.test(previous)) continue;
    const inner = actions.slice(b.open, b.end + 1);
    if (
      !inner.every((a) => a.role === "value" || a.role === "comment" || SCALAR_FLOW.has(a.keyword))
    )
      continue;
    const glued = inner.every((a, i) => {
      const next = inner[i + 1];
      if (!next) return true;
      let piece = original.slice(a.end, next.start);
      if (trimsRightAt(original, a.end)) piece = piece.replace(/^\s+/, "");
      if (trimsLeftAt(original, next.start)) piece = piece.replace(/\s+$/, "");
      return !piece.includes("\n") && !STRUCTURE.test(piece);
    });
    if (glued) spans.push([open.start, end.end]);
  }
  return spans.length === 0 ? null : blanked(view, spans);
}

/** Control actions a conditional read as one scalar may hold. */
const SCALAR_FLOW = new Set(["if", "with", "else", "end"]);

/** Literal text that could make YAML structure rather than a piece of a scalar. */
const STRUCTURE = /:(?:[ \t]|$)|^[ \t]*-(?:[ \t]|$)|[ \t]#|[[\]{}]|^[ \t]*[?|>&*!%@`]/m;
