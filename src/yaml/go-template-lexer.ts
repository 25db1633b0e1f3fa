/**
 * Finds the actions of a Go template (`text/template`, as Helm renders charts) the way Go's own
 * lexer delimits them (`src/text/template/parse/lex.go`):
 * - an action runs from `{{` to the first `}}` that is not inside a quoted string (`"…"` with
 *   backslash escapes, no line break), a raw string (`` `…` ``, any characters) or a character
 *   constant (`'…'`), and not inside parentheses;
 * - `{{- ` and ` -}}` are trim markers: a `-` next to the delimiter followed (or preceded) by a
 *   space, tab or line break;
 * - a comment starts right after `{{` or `{{- ` with `/*` and ends at the first `*` followed by `/`,
 *   then (after an optional ` -`) at `}}`: it may contain `}}`;
 * - line breaks are allowed inside actions (Go 1.16 and later).
 * Nothing is evaluated: what an action does is read from its first word.
 */

/** What an action does where it stands. */
export type ActionRole =
  /** `{{/* … *\/}}`: nothing is output. */
  | "comment"
  /** `if`, `else`, `end`, `range`, `with`, `block`, `break`, `continue`: control flow, no output. */
  | "control"
  /** `define`: the start of a named template (its body is output only where it is included). */
  | "define"
  /** `$x := …` or `$x = …`: a variable is set, nothing is output. */
  | "assign"
  /** Output that is a block of YAML: `include`/`template`, `toYaml`, or anything piped to `nindent`/`indent`. */
  | "block"
  /** Any other pipeline: a value is output in place. */
  | "value";

export interface TemplateAction {
  /** Offset of `{{` in the text. */
  readonly start: number;
  /** Offset just past `}}`. */
  readonly end: number;
  /** The action's words, between the delimiters and trim markers, trimmed. */
  readonly body: string;
  readonly role: ActionRole;
  /** First word for control actions (`if`, `else`, `end`, `range`, `with`, `define`, `block`…), else "". */
  readonly keyword: string;
}

export interface TemplateLexError {
  readonly offset: number;
  readonly message: string;
}

export interface LexedTemplate {
  readonly actions: readonly TemplateAction[];
  /** The first lexing error; actions before it are still listed. */
  readonly error: TemplateLexError | null;
}

const CONTROL = new Set(["if", "else", "end", "range", "with", "block", "break", "continue"]);
const BLOCK_OUTPUT =
  /(?:^|[\s|(])(?:include|template|toYaml|toJson|toPrettyJson|tpl|nindent|indent)(?=[\s)]|$)/;
const ASSIGN = /^\$[\p{L}\p{N}_]*\s*(?:,\s*\$[\p{L}\p{N}_]*\s*)?:?=/u;

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

/** Lexes every action of `text`; never throws. */
export function lexTemplate(text: string): LexedTemplate {
  const actions: TemplateAction[] = [];
  let pos = text.indexOf("{{");
  while (pos !== -1) {
    const result = lexAction(text, pos);
    if ("message" in result) return { actions, error: result };
    actions.push(result);
    pos = text.indexOf("{{", result.end);
  }
  return { actions, error: null };
}

/** Whether the text has a right delimiter at `pos`: `}}`, or ` -}}` (trim marker). */
function rightDelimAt(text: string, pos: number): number {
  if (isSpace(text[pos]) && text[pos + 1] === "-" && text.startsWith("}}", pos + 2)) return 4;
  if (text.startsWith("}}", pos)) return 2;
  return 0;
}

/** Whether the `{{` at `start` opens with a left trim marker (`{{- `). */
export function trimsLeftAt(text: string, start: number): boolean {
  return text[start + 2] === "-" && isSpace(text[start + 3]);
}

/** Whether the action ending at `end` closes with a right trim marker (` -}}`). */
export function trimsRightAt(text: string, end: number): boolean {
  return text.startsWith("-}}", end - 3) && isSpace(text[end - 4]);
}

function lexAction(text: string, start: number): TemplateAction | TemplateLexError {
  let pos = start + 2;
  if (trimsLeftAt(text, start)) pos += 2;
  if (text.startsWith("/*", pos)) {
    const close = text.indexOf("*/", pos + 2);
    if (close === -1) return { offset: start, message: "unclosed comment" };
    const after = close + 2;
    const delim = rightDelimAt(text, after);
    if (!delim) return { offset: start, message: "comment ends before closing delimiter" };
    return { start, end: after + delim, body: "", role: "comment", keyword: "" };
  }
  const bodyStart = pos;
  let depth = 0;
  while (pos < text.length) {
    const delim = rightDelimAt(text, pos);
    if (delim) {
      if (depth > 0) return { offset: start, message: "unclosed left paren" };
      return classify(start, pos + delim, text.slice(bodyStart, pos).trim());
    }
    const c = text[pos];
    if (c === '"' || c === "'") {
      const close = quoted(text, pos, c);
      if (close === -1) return { offset: start, message: "unterminated quoted string" };
      pos = close;
      continue;
    }
    if (c === "`") {
      const close = text.indexOf("`", pos + 1);
      if (close === -1) return { offset: start, message: "unterminated raw quoted string" };
      pos = close + 1;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return { offset: start, message: "unexpected right paren" };
    pos++;
  }
  return { offset: start, message: "unclosed action" };
}

/** Offset past the closing quote of a string or character constant at `pos`, or -1. */
function quoted(text: string, pos: number, quote: string): number {
  let i = pos + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined || next === "\n") return -1;
      i += 2;
      continue;
    }
    if (c === "\n") return -1;
    if (c === quote) return i + 1;
    i++;
  }
  return -1;
}

function classify(start: number, end: number, body: string): TemplateAction {
  const word = /^[A-Za-z_][\w]*/.exec(body)?.[0] ?? "";
  if (word === "define") return { start, end, body, role: "define", keyword: word };
  if (CONTROL.has(word)) return { start, end, body, role: "control", keyword: word };
  if (ASSIGN.test(body)) return { start, end, body, role: "assign", keyword: "" };
  const role = BLOCK_OUTPUT.test(body) ? "block" : "value";
  return { start, end, body, role, keyword: "" };
}

/** A short quote of an action for messages: its text, cut at 60 characters, on one line. */
export function actionQuote(text: string, action: TemplateAction): string {
  const raw = text.slice(action.start, action.end).replace(/\s+/g, " ");
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

/** Keywords of the actions that open a block closed by `{{ end }}`. */
const OPENS_BLOCK = new Set(["if", "with", "range", "define", "block"]);

/**
 * A block of a template: an `if`, `with`, `range`, `define` or `block` action, its first `else`
 * (`else`, `else if`, `else with`) if any, and its `end`, by index in the actions.
 */
export interface TemplateBlock {
  readonly open: number;
  readonly else: number | null;
  /** Every `else` of the block (`else if` chains), in order; the first is `else`. */
  readonly elses: readonly number[];
  readonly end: number;
}

/**
 * The blocks of a template's actions, in the order they end; `nested` is false when an `end` or
 * `else` has no block or a block is left open (Helm would not render the template), and `stray`
 * is then the index of the first such action (or of the first block left open). The blocks listed
 * are those that close: in a piece of a template whose blocks nest (a document of it), exactly the
 * blocks of the template that lie whole in the piece.
 */
export function templateBlocks(actions: readonly TemplateAction[]): {
  readonly blocks: TemplateBlock[];
  readonly nested: boolean;
  readonly stray: number | null;
} {
  const blocks: TemplateBlock[] = [];
  const open: { open: number; else: number | null; elses: number[] }[] = [];
  let stray: number | null = null;
  actions.forEach((a, i) => {
    if (OPENS_BLOCK.has(a.keyword)) open.push({ open: i, else: null, elses: [] });
    else if (a.keyword === "else") {
      const block = open.at(-1);
      if (block) {
        block.else ??= i;
        block.elses.push(i);
      } else stray ??= i;
    } else if (a.keyword === "end") {
      const block = open.pop();
      if (block) blocks.push({ ...block, end: i });
      else stray ??= i;
    }
  });
  stray ??= open[0]?.open ?? null;
  return { blocks, nested: stray === null, stray };
}
