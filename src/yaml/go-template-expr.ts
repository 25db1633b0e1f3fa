/**
 * Reads the words of a Go template action (`text/template`, as Helm renders charts) into the
 * pipeline they form, the way Go's parser groups them (`src/text/template/parse/parse.go`):
 * commands separated by `|`, each a list of operands: a field chain on the dot (`.a.b`, `.`), on
 * the template's data (`$.a`) or on a variable (`$x.a`), a parenthesised pipeline (with an
 * optional field chain after it, `(…).a`), a function name, a string, or another constant. An
 * action that declares variables (`$x := …`, `$i, $c := …` in a `range`) gives their names.
 * Nothing is evaluated; text the reader does not follow gives null, never an exception.
 */

/** One operand of a command. */
export type Term =
  /** A field chain: on the dot (`.a.b`; `.` alone has no fields), on `$`, or on a variable `$x`. */
  | { readonly kind: "field"; readonly on: "dot" | "$" | `$${string}`; readonly fields: string[] }
  /** A parenthesised pipeline, with the field chain after it. */
  | { readonly kind: "group"; readonly pipeline: Pipeline; readonly fields: string[] }
  /** A function name or keyword (`include`, `toYaml`, `true`, `nil`). */
  | { readonly kind: "word"; readonly name: string }
  /** A string constant, quoted or raw, with its value. */
  | { readonly kind: "string"; readonly value: string }
  /** Any other constant (a number, a character), as written. */
  | { readonly kind: "constant"; readonly text: string };

/** A command: a function and its arguments, or one operand. */
export type Command = readonly Term[];
/** Commands joined by `|`: each one's result is the last argument of the next. */
export type Pipeline = readonly Command[];

/** An action's pipeline with the variables it declares or assigns. */
export interface ParsedPipeline {
  /** `$x` of `$x := …` / `$x = …`; `$i`, `$c` of `range $i, $c := …`; empty otherwise. */
  readonly declares: readonly string[];
  /** True for `=` (an existing variable gets a new value) rather than `:=`. */
  readonly assigns: boolean;
  readonly pipeline: Pipeline;
}

type Token =
  | { readonly t: "(" | ")" | "|" | "," | ":=" | "=" }
  | { readonly t: "string"; readonly value: string }
  | { readonly t: "field"; readonly on: "dot" | "$" | `$${string}`; readonly fields: string[] }
  | { readonly t: "chain"; readonly fields: string[] }
  | { readonly t: "word"; readonly name: string }
  | { readonly t: "constant"; readonly text: string };

const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const CHAIN = /(?:\.[\p{L}_][\p{L}\p{N}_]*)+/uy;
const VARIABLE = /\$[\p{L}\p{N}_]*/uy;

function sticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

function fieldsOf(chain: string | null): string[] {
  return chain ? chain.slice(1).split(".") : [];
}

/** The tokens of an action's words, or null where a string is not closed. */
function tokenize(body: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === "|" || c === ",") {
      out.push({ t: c });
      i++;
      if (c === ")") {
        const chain = sticky(CHAIN, body, i);
        if (chain) {
          out.push({ t: "chain", fields: fieldsOf(chain) });
          i += chain.length;
        }
      }
    } else if (c === ":" && body[i + 1] === "=") {
      out.push({ t: ":=" });
      i += 2;
    } else if (c === "=") {
      out.push({ t: "=" });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = "";
      while (j < body.length && body[j] !== '"') {
        if (body[j] === "\\") j++;
        value += body[j] ?? "";
        j++;
      }
      if (j >= body.length) return null;
      out.push({ t: "string", value });
      i = j + 1;
    } else if (c === "`") {
      const close = body.indexOf("`", i + 1);
      if (close === -1) return null;
      out.push({ t: "string", value: body.slice(i + 1, close) });
      i = close + 1;
    } else if (c === "'") {
      const close = body.indexOf("'", i + 2);
      if (close === -1) return null;
      out.push({ t: "constant", text: body.slice(i, close + 1) });
      i = close + 1;
    } else if (c === "$") {
      const name = sticky(VARIABLE, body, i) ?? "$";
      const chain = sticky(CHAIN, body, i + name.length);
      const on = name === "$" ? "$" : (name as `$${string}`);
      out.push({ t: "field", on, fields: fieldsOf(chain) });
      i += name.length + (chain?.length ?? 0);
    } else if (c === ".") {
      const chain = sticky(CHAIN, body, i);
      out.push({ t: "field", on: "dot", fields: fieldsOf(chain) });
      i += chain?.length ?? 1;
    } else {
      const word = sticky(IDENT, body, i);
      if (word) {
        out.push({ t: "word", name: word });
        i += word.length;
      } else {
        let j = i;
        while (j < body.length && !/[\s()|,]/.test(body[j] ?? " ")) j++;
        out.push({ t: "constant", text: body.slice(i, Math.max(j, i + 1)) });
        i = Math.max(j, i + 1);
      }
    }
  }
  return out;
}

/** Reads a pipeline from `tokens` at `pos` up to a `)` (inside a group) or the end. */
function pipelineAt(
  tokens: readonly Token[],
  at: { pos: number },
  inGroup: boolean,
): Pipeline | null {
  const commands: Term[][] = [[]];
  while (at.pos < tokens.length) {
    const tok = tokens[at.pos++];
    if (!tok) break;
    const command = commands[commands.length - 1] ?? [];
    switch (tok.t) {
      case ")":
        if (!inGroup) return null;
        return commands;
      case "(": {
        const inner = pipelineAt(tokens, at, true);
        if (!inner) return null;
        const next = tokens[at.pos];
        const fields = next?.t === "chain" ? next.fields : [];
        if (next?.t === "chain") at.pos++;
        command.push({ kind: "group", pipeline: inner, fields });
        break;
      }
      case "|":
        commands.push([]);
        break;
      case "field":
        command.push({ kind: "field", on: tok.on, fields: tok.fields });
        break;
      case "word":
        command.push({ kind: "word", name: tok.name });
        break;
      case "string":
        command.push({ kind: "string", value: tok.value });
        break;
      case "constant":
        command.push({ kind: "constant", text: tok.text });
        break;
      case "chain":
        command.push({ kind: "constant", text: `.${tok.fields.join(".")}` });
        break;
      default:
        return null;
    }
  }
  return inGroup ? null : commands;
}

/**
 * The pipeline of an action's words (`body` as the lexer gives it), after a leading keyword
 * (`if`, `with`, `range`, `else with`…) when `keyword` is given; null when it does not read.
 */
export function parsePipeline(body: string, keyword = ""): ParsedPipeline | null {
  let words = body;
  if (keyword !== "") {
    words = words.slice(keyword.length).trimStart();
    if (keyword === "else") words = words.replace(/^(?:if|with)\b/, "");
  }
  const tokens = tokenize(words);
  if (!tokens) return null;
  const declares: string[] = [];
  let start = 0;
  const decl = tokens.findIndex((t) => t.t === ":=" || t.t === "=");
  let assigns = false;
  if (decl !== -1) {
    const names = tokens.slice(0, decl).filter((t) => t.t !== ",");
    if (names.length === 0 || names.length > 2) return null;
    for (const n of names) {
      if (n.t !== "field" || n.on === "dot" || n.on === "$" || n.fields.length > 0) return null;
      declares.push(n.on);
    }
    assigns = tokens[decl]?.t === "=";
    start = decl + 1;
  }
  const pipeline = pipelineAt(tokens.slice(start), { pos: 0 }, false);
  return pipeline ? { declares, assigns, pipeline } : null;
}

/** Where an action's output starts: a 1-based column from the line's start or from the action. */
export interface OutputIndent {
  readonly column: number;
  readonly fromLineStart: boolean;
}

/**
 * Where the output of an action with this pipeline starts, as its last command places it:
 * `nindent N` at the start of a new line, `indent N` where the action stands, N columns in
 * (`column` 1-based, counted from the line's start or from the action); null for any other.
 */
export function outputIndent(pipeline: Pipeline): OutputIndent | null {
  const [fn, n] = pipeline[pipeline.length - 1] ?? [];
  if (fn?.kind !== "word" || n?.kind !== "constant" || !/^\d{1,3}$/.test(n.text)) return null;
  if (fn.name !== "nindent" && fn.name !== "indent") return null;
  return { column: Number(n.text) + 1, fromLineStart: fn.name === "nindent" };
}

/**
 * The template name a `define`, `block`, `include` or `template` gives, from the terms after its
 * keyword or function: the first that is not a word, when it is a string (`"name"`); null else.
 */
export function templateName(terms: readonly Term[]): string | null {
  const first = terms.find((t) => t.kind !== "word");
  return first?.kind === "string" ? first.value : null;
}

/**
 * The name `{{ include "name" ARG }}`, `{{ template "name" ARG }}` or `{{ template "name" }}`
 * includes; null otherwise.
 */
export function includedTemplateName(body: string): string | null {
  const pipeline = parsePipeline(body)?.pipeline ?? [];
  return pipeline.length === 1 ? calledTemplateName(pipeline) : null;
}

/**
 * The name the first command of a pipeline includes (`include "name" ARG`, `template "name"`),
 * whatever the commands after it do with its text (`| nindent 6`); null otherwise.
 */
export function calledTemplateName(pipeline: Pipeline): string | null {
  const [command] = pipeline;
  if (!command) return null;
  const [call, name] = command;
  if (call?.kind !== "word" || name?.kind !== "string") return null;
  const args = command.length - 2;
  const calls = call.name === "include" ? args === 1 : call.name === "template" && args <= 1;
  return calls ? name.value : null;
}
