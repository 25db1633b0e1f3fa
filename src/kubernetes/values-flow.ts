/**
 * Which values of a chart each output action of its templates writes, followed the way Helm
 * renders them, without rendering:
 * - `.Values.a.b` on the chart's top-level data, `$.Values…`, and `.`/`.c` where `with` or
 *   `range` moved the dot (`range` over `.Values.list` makes it the list's items, `list[]`);
 * - variables (`$c` of `range $i, $c := …`, `$x := …` and `$x = …`, kept for the named template
 *   or file they are set in);
 * - named templates: `include "x" ARG` / `template "x" ARG` output what the `define "x"` body
 *   outputs with its dot (and `$`) bound to ARG, `dict "k" v …` arguments included (`.k` is `v`);
 *   a define's own lines are read with the dots of every call found in the chart's templates;
 * - functions pass on the values of their arguments (`toYaml`, `tpl`, `omit`, `merge`, `default`,
 *   `nindent`…), except those that answer a test (`eq`, `not`, `empty`…);
 * - a subchart's templates read its values under the parent's `<subchart>.` (and `global.`).
 * Bounded: named templates followed at most `MAX_DEPTH` deep and `MAX_EXPANSIONS` times per
 * chart, a cycle or a name no template defines (nor `library-defines.ts` knows) gives nothing
 * (the values passed to the latter are told apart, see `outputs`).
 */
import type { SourceFile } from "../core/types.js";
import { type TemplateAction, templateBlocks } from "../yaml/go-template-lexer.js";
import {
  calledTemplateName,
  type Command,
  type OutputIndent,
  outputIndent,
  type ParsedPipeline,
  type Pipeline,
  parsePipeline,
  type Term,
  templateName,
} from "../yaml/go-template-expr.js";
import { LIBRARY_DEFINES } from "./library-defines.js";

/** A chart template, with the values path its `.Values` stands for (`""`, or a subchart's key). */
export interface ChartTemplate extends SourceFile {
  readonly valuesPrefix?: string;
}

/** What a template expression may stand for. */
type Flow =
  /** The chart's top-level data (`.` at the top of a template); `.Values` is `prefix`. */
  | { readonly kind: "root"; readonly prefix: string }
  /** A values path (dotted, `[]` for a list's items; `""` the values root). */
  | { readonly kind: "values"; readonly path: string }
  /** A `dict` built in the template: each key with what its value may stand for. */
  | { readonly kind: "dict"; readonly entries: ReadonlyMap<string, readonly Flow[]> };

interface Scope {
  readonly dot: readonly Flow[];
  readonly dollar: readonly Flow[];
  /** Variables of the file or named template being read; values only ever added. */
  readonly vars: Map<string, Flow[]>;
}

interface Define {
  readonly template: number;
  /** Index of the `define` action and of its `end`. */
  readonly from: number;
  readonly to: number;
  /** Whether its body writes text of its own besides actions (YAML keys, a name). */
  readonly structural: boolean;
}

/** Named templates followed inside one another at most this deep. */
export const MAX_DEPTH = 8;
/** Named-template bodies read at most this many times for one chart. */
export const MAX_EXPANSIONS = 2000;
/** Rounds of reading calls to learn the dots each named template is called with. */
const CALL_ROUNDS = 6;
/** Functions whose result is a test or a count, never one of their arguments' values. */
const TESTS = new Set([
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "not",
  "empty",
  "hasKey",
  "has",
  "kindIs",
  "typeIs",
  "kindOf",
  "typeOf",
  "len",
  "contains",
  "hasPrefix",
  "hasSuffix",
  "semverCompare",
  "required",
  "fail",
  "print",
  "printf",
  "println",
  "lookup",
  "include_if",
  "regexMatch",
]);
/** Functions that put their arguments' values together into one string. */
const COMPOSERS = new Set(["print", "printf"]);
/** Words that may call a named template. */
export const CALL = /\b(?:include|template)\b/;

function key(flow: Flow): string {
  if (flow.kind === "root") return `r:${flow.prefix}`;
  if (flow.kind === "values") return `v:${flow.path}`;
  return `d:{${[...flow.entries].map(([k, v]) => `${k}=${keys(v)}`).join(",")}}`;
}

function keys(flows: readonly Flow[]): string {
  return flows.map(key).sort().join("|");
}

function unique(flows: readonly Flow[]): Flow[] {
  const seen = new Map<string, Flow>();
  for (const f of flows) seen.set(key(f), f);
  return [...seen.values()];
}

/** Whether values path `path` is `outer` or lies under it (a key of it, or its list's items). */
export function withinPath(path: string, outer: string): boolean {
  return path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[]`);
}

function joinPath(path: string, fields: readonly string[]): string {
  return [path, ...fields].filter((p) => p !== "").join(".");
}

/** What `flow.fields…` stands for. */
function resolve(flow: Flow, fields: readonly string[]): Flow[] {
  if (fields.length === 0) return [flow];
  const [head, ...rest] = fields;
  if (flow.kind === "values") return [{ kind: "values", path: joinPath(flow.path, fields) }];
  if (flow.kind === "dict") {
    return (flow.entries.get(head ?? "") ?? []).flatMap((f) => resolve(f, rest));
  }
  if (head !== "Values") return [];
  // A subchart's `.Values.global` is the parent's `global`.
  const prefix = rest[0] === "global" ? "" : flow.prefix;
  return [{ kind: "values", path: joinPath(prefix, rest) }];
}

/** What the items of a `range` over `flow` stand for. */
function items(flow: Flow): Flow[] {
  if (flow.kind === "values") return [{ kind: "values", path: `${flow.path}[]` }];
  if (flow.kind === "dict") return [...flow.entries.values()].flat();
  return [];
}

/** The chart's templates, lexed, with what each output action writes. */
export class ValueFlows {
  private readonly defines = new Map<string, Define>();
  private callers = new Map<string, Flow[]>();
  private readonly memo = new Map<string, Flow[]>();
  private expansions = 0;
  /** Named-template calls being read now (a call back into one of them is a cycle). */
  private readonly active = new Set<string>();
  /** Scopes of every action of every template, from the last reading. */
  private scopes: (Scope | undefined)[][] = [];
  /** Each action's pipeline (after its keyword), parsed when first needed; null where it does not read. */
  private readonly parsed: (ParsedPipeline | null | undefined)[][];
  /**
   * While true, a call is recorded but not followed: what an output action or a test writes is
   * not needed to learn the dots named templates are called with.
   */
  private callsOnly = false;
  /** While set, the values passed to named templates that are not at hand, by template name. */
  private unfollowed: Map<string, string> | null = null;
  /**
   * While true, `printf` and `print` write the values they are given, as an image composed of
   * its parts does (`printf "%s:%s" .repository .tag`); otherwise their result is a new string.
   */
  private composing = false;

  constructor(
    private readonly templates: readonly {
      readonly text: string;
      readonly actions: readonly TemplateAction[];
      readonly valuesPrefix: string;
    }[],
  ) {
    this.parsed = templates.map((t) => new Array(t.actions.length));
    templates.forEach((t, ti) => {
      const ends = matchingEnds(t.actions);
      t.actions.forEach((a, i) => {
        if (a.keyword !== "define" && a.keyword !== "block") return;
        const end = ends.get(i);
        const name = templateName(this.pipelineOf(ti, i)?.pipeline[0] ?? []);
        if (end === undefined || name === null || this.defines.has(name)) return;
        this.defines.set(name, {
          template: ti,
          from: i,
          to: end,
          structural: writesText(t.text, t.actions, i, end),
        });
      });
    });
    // The dots each named template is called with, learnt round by round (a call inside a named
    // template is known once that template's own dot is).
    for (let round = 0; round < CALL_ROUNDS; round++) {
      const calls = new Map<string, Map<string, Flow>>();
      this.scopes = templates.map((_, ti) =>
        this.walk(ti, 0, templates[ti]?.actions.length ?? 0, null, (name, arg) => {
          const known = calls.get(name) ?? new Map<string, Flow>();
          calls.set(name, known);
          for (const f of arg) known.set(key(f), f);
        }),
      );
      const same =
        calls.size === this.callers.size &&
        [...calls].every(([n, f]) => {
          const before = this.callers.get(n);
          return before?.length === f.size && before.every((b) => f.has(key(b)));
        });
      this.callers = new Map([...calls].map(([n, f]) => [n, [...f.values()]]));
      if (same) break;
    }
  }

  private pipelineOf(ti: number, i: number): ParsedPipeline | null {
    const known = this.parsed[ti]?.[i];
    if (known !== undefined) return known;
    const a = this.templates[ti]?.actions[i];
    const keyword = a?.role === "define" || a?.role === "control" ? a.keyword : "";
    const parsed = a && a.role !== "comment" ? parsePipeline(a.body, keyword) : null;
    const row = this.parsed[ti];
    if (row) row[i] = parsed;
    return parsed;
  }

  /**
   * The values paths action `action` of template `template` writes (dotted, `[]` for items), and
   * those it passes to a named template that no template at hand defines (path → its name). With
   * `compose`, those `printf` puts together count as written (the parts of an image).
   */
  outputs(template: number, action: number, compose = false): ActionOutput {
    const none = { written: [], unfollowed: new Map() };
    const a = this.templates[template]?.actions[action];
    const scope = this.scopes[template]?.[action];
    if (!a || !scope || (a.role !== "value" && a.role !== "block")) return none;
    const parsed = this.pipelineOf(template, action);
    if (!parsed) return none;
    const unfollowed = new Map<string, string>();
    this.unfollowed = unfollowed;
    this.composing = compose;
    let flows: Flow[];
    try {
      flows = this.safely(() => this.pipeline(parsed.pipeline, scope, 0, () => {}));
    } finally {
      this.unfollowed = null;
      this.composing = false;
    }
    const written = [...new Set(valuesPaths(flows))];
    for (const path of written) unfollowed.delete(path);
    return { written, unfollowed };
  }

  /**
   * The values paths a call (`include "x" ARG`, `template "x" ARG`) passes its named template,
   * those a `dict` argument holds included; none for any other action.
   */
  passed(template: number, action: number): string[] {
    const scope = this.scopes[template]?.[action];
    const [command] = this.pipelineOf(template, action)?.pipeline ?? [];
    const [first, ...args] = command ?? [];
    if (!scope || first?.kind !== "word" || (first.name !== "include" && first.name !== "template"))
      return [];
    const arg = this.safely(() => this.argument(args, scope, 0, () => {}));
    return [...new Set(valuesPaths(arg, true))];
  }

  /**
   * The named template action `action` of template `template` includes (`include "x" ARG |
   * nindent 6`, `template "x"`), from the pipeline already read; null for any other action.
   */
  called(template: number, action: number): string | null {
    return calledTemplateName(this.pipelineOf(template, action)?.pipeline ?? []);
  }

  /**
   * The named template whose body (between its `define` and its `end`) holds offset `at` of
   * template `template`; null outside every named template the flows follow.
   */
  defineAt(template: number, at: number): string | null {
    const actions = this.templates[template]?.actions;
    for (const [name, d] of this.defines) {
      const open = d.template === template ? actions?.[d.from] : undefined;
      const close = actions?.[d.to];
      if (open && close && open.end <= at && at < close.start) return name;
    }
    return null;
  }

  /**
   * Where named template `name` is defined: its template, and the indexes of its `define` action
   * and of its `end`; null when no template at hand defines it.
   */
  defined(
    name: string,
  ): { readonly template: number; readonly from: number; readonly to: number } | null {
    const define = this.defines.get(name);
    return define ? { template: define.template, from: define.from, to: define.to } : null;
  }

  /**
   * Where the text action `action` of template `template` outputs starts, as its last command
   * places it: `nindent N` at the start of a new line, `indent N` where the action stands, N
   * columns in (`column` 1-based, counted from the line's start or from the action); null for
   * any other action.
   */
  indent(template: number, action: number): OutputIndent | null {
    return outputIndent(this.pipelineOf(template, action)?.pipeline ?? []);
  }

  /**
   * Reads actions `from` to `to` (exclusive) of a template, giving each its scope. With `start`,
   * they are a named template's body read with that scope; without, a whole file, whose named
   * templates are read with the dots they are called with.
   */
  private walk(
    ti: number,
    from: number,
    to: number,
    start: Scope | null,
    onCall: (name: string, arg: readonly Flow[]) => void,
    depth = 0,
    out?: Flow[],
  ): (Scope | undefined)[] {
    const t = this.templates[ti];
    const scopes: (Scope | undefined)[] = [];
    if (!t) return scopes;
    const root: Flow[] = [{ kind: "root", prefix: t.valuesPrefix }];
    let scope: Scope = start ?? { dot: root, dollar: root, vars: new Map() };
    const stack: Scope[] = [];
    // A file is read with every cycle caught at its action; a named template's body passes it up.
    const guard = (read: () => Flow[]) => (depth === 0 && !out ? this.safely(read) : read());
    const run = (p: Pipeline, s: Scope) => guard(() => this.pipeline(p, s, depth, onCall));
    for (let i = from; i < to; i++) {
      const a = t.actions[i];
      if (!a) break;
      scopes[i] = scope;
      if (a.role === "comment") continue;
      // Reading a whole file, what an output action or a test writes is not needed, only the
      // calls it makes: one that names no call is not read at all.
      const callsOnly =
        !out && depth === 0 && (a.role === "value" || a.role === "block" || a.keyword === "if");
      const parsed = callsOnly && !CALL.test(a.body) ? null : this.pipelineOf(ti, i);
      let flows: Flow[] = [];
      if (parsed) {
        this.callsOnly = callsOnly;
        try {
          flows = run(parsed.pipeline, scope);
        } finally {
          this.callsOnly = false;
        }
      }
      if (parsed && parsed.declares.length > 0 && a.keyword !== "range") {
        for (const name of parsed.declares)
          scope.vars.set(name, unique([...(scope.vars.get(name) ?? []), ...flows]));
      }
      switch (a.keyword) {
        case "define": {
          stack.push(scope);
          const name = templateName(parsed?.pipeline[0] ?? []);
          const dot = (name !== null && this.callers.get(name)) || [];
          scope = { dot, dollar: dot, vars: new Map() };
          break;
        }
        case "block": {
          stack.push(scope);
          const arg = guard(() => this.argument(parsed?.pipeline[0] ?? [], scope, depth, onCall));
          scope = { dot: arg, dollar: arg, vars: new Map() };
          break;
        }
        case "with":
          stack.push(scope);
          scope = { ...scope, dot: flows };
          break;
        case "range": {
          stack.push(scope);
          const each = unique(flows.flatMap(items));
          const [first, second] = parsed?.declares ?? [];
          const element = second ?? first;
          if (element)
            scope.vars.set(element, unique([...(scope.vars.get(element) ?? []), ...each]));
          scope = { ...scope, dot: each };
          break;
        }
        case "if":
          stack.push(scope);
          break;
        case "else": {
          const outer = stack[stack.length - 1];
          if (outer) scope = /^else\s+with\b/.test(a.body) ? { ...outer, dot: flows } : outer;
          break;
        }
        case "end":
          scope = stack.pop() ?? scope;
          break;
        default:
          if (out && (a.role === "value" || a.role === "block")) out.push(...flows);
      }
    }
    return scopes;
  }

  private pipeline(p: Pipeline, scope: Scope, depth: number, onCall: OnCall): Flow[] {
    let piped: Flow[] | null = null;
    for (const command of p) piped = this.command(command, scope, piped, depth, onCall);
    return unique(piped ?? []);
  }

  private command(
    command: Command,
    scope: Scope,
    piped: Flow[] | null,
    depth: number,
    onCall: OnCall,
  ): Flow[] {
    const [first, ...args] = command;
    if (!first) return [];
    if (first.kind !== "word") {
      return command.flatMap((t) => this.term(t, scope, depth, onCall)).concat(piped ?? []);
    }
    const fn = first.name;
    if (fn === "include" || fn === "template") {
      const name = templateName(args);
      if (name === null) return [];
      const arg = args.length > 1 ? this.argument(args, scope, depth, onCall) : (piped ?? []);
      onCall(name, arg);
      return this.callsOnly ? [] : this.expand(name, arg, depth + 1);
    }
    if (fn === "dict") {
      const entries = new Map<string, Flow[]>();
      for (let i = 0; i + 1 < args.length; i += 2) {
        const k = args[i];
        const v = args[i + 1];
        if (k?.kind === "string" && v) entries.set(k.value, this.term(v, scope, depth, onCall));
      }
      return [{ kind: "dict", entries }];
    }
    if (fn === "index" || fn === "get") return this.indexed(args, scope, piped, depth, onCall);
    const values = args.flatMap((t) => this.term(t, scope, depth, onCall)).concat(piped ?? []);
    if (this.composing && COMPOSERS.has(fn)) return values;
    return TESTS.has(fn) ? [] : values;
  }

  /**
   * `index X "a" "b"` (and sprig's `get X "a"`): X's field `a`, then `b`, as charts reach keys
   * that are not identifiers (`index .Values "frr-k8s"`); a number is an item of a list.
   */
  private indexed(
    args: Command,
    scope: Scope,
    piped: Flow[] | null,
    depth: number,
    onCall: OnCall,
  ): Flow[] {
    const [base, ...keys] = args;
    let flows = base ? this.term(base, scope, depth, onCall) : (piped ?? []);
    for (const k of keys) {
      flows = flows.flatMap((f) => (k.kind === "string" ? resolve(f, [k.value]) : items(f)));
    }
    return unique(flows);
  }

  /** What the argument after a name (`include "x" ARG`) stands for. */
  private argument(terms: Command, scope: Scope, depth: number, onCall: OnCall): Flow[] {
    const at = terms.findIndex((t) => t.kind === "string");
    const arg = terms[at + 1];
    return at === -1 || !arg ? [] : this.term(arg, scope, depth, onCall);
  }

  private term(t: Term, scope: Scope, depth: number, onCall: OnCall): Flow[] {
    if (t.kind === "field") {
      const base =
        t.on === "dot" ? scope.dot : t.on === "$" ? scope.dollar : (scope.vars.get(t.on) ?? []);
      return base.flatMap((f) => resolve(f, t.fields));
    }
    if (t.kind === "group") {
      return this.pipeline(t.pipeline, scope, depth, onCall).flatMap((f) => resolve(f, t.fields));
    }
    return [];
  }

  /** What named template `name` outputs with its dot bound to `arg`. */
  private expand(name: string, arg: readonly Flow[], depth: number): Flow[] {
    if (depth > MAX_DEPTH || arg.length === 0) return [];
    const define = this.defines.get(name);
    if (!define) {
      const library = LIBRARY_DEFINES.get(name);
      if (library) return unique(arg.flatMap((f) => resolve(f, library.renders)));
      for (const path of valuesPaths(arg, true)) this.unfollowed?.set(path, name);
      return [];
    }
    // A body with text of its own is read where it stands, with the dots of its calls.
    if (define.structural) return [];
    const memoKey = `${name}\u0000${keys(arg)}\u0000${this.composing}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    // Helm refuses to render a template that includes itself: the whole call gives nothing.
    if (this.active.has(memoKey)) throw new CycleError();
    if (++this.expansions > MAX_EXPANSIONS) return [];
    const out: Flow[] = [];
    const start: Scope = { dot: arg, dollar: arg, vars: new Map() };
    this.active.add(memoKey);
    try {
      this.walk(define.template, define.from + 1, define.to, start, () => {}, depth, out);
    } finally {
      this.active.delete(memoKey);
    }
    const result = unique(out);
    this.memo.set(memoKey, result);
    return result;
  }

  /** What `read` gives, or nothing where it runs into a named template that includes itself. */
  private safely(read: () => Flow[]): Flow[] {
    try {
      return read();
    } catch (error) {
      if (error instanceof CycleError) return [];
      throw error;
    }
  }
}

class CycleError extends Error {}

type OnCall = (name: string, arg: readonly Flow[]) => void;

/** What an output action writes, as values paths. */
export interface ActionOutput {
  readonly written: readonly string[];
  /** Values passed to a named template no template at hand defines: path → the template's name. */
  readonly unfollowed: ReadonlyMap<string, string>;
}

/** The values paths among `flows` (with `deep`, also those a `dict` holds). */
function valuesPaths(flows: readonly Flow[], deep = false): string[] {
  return flows.flatMap((f) => {
    if (f.kind === "values") return f.path === "" ? [] : [f.path];
    if (f.kind === "dict" && deep)
      return [...f.entries.values()].flatMap((v) => valuesPaths(v, true));
    return [];
  });
}

/** For each `if`/`with`/`range`/`define`/`block` action, the index of its `end`. */
function matchingEnds(actions: readonly TemplateAction[]): Map<number, number> {
  return new Map(templateBlocks(actions).blocks.map((b) => [b.open, b.end]));
}

/** Whether the text between actions `from` and `to` holds anything but actions and white space. */
function writesText(
  text: string,
  actions: readonly TemplateAction[],
  from: number,
  to: number,
): boolean {
  for (let i = from; i < to; i++) {
    const a = actions[i];
    const b = actions[i + 1];
    if (a && b && text.slice(a.end, b.start).trim() !== "") return true;
  }
  return false;
}
