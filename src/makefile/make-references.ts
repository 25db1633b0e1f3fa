/**
 * make expands a recipe line before the shell sees it (GNU make manual, 5.1.2 "Using Variables in
 * Recipes"): `$(VAR)`, `${VAR}`, `$@` are make's, and `$$` is one `$` for the shell. For the shell
 * parser each make reference is an opaque word (a placeholder, as for any value known only at run
 * time), and the first `$` of each `$$` is blanked, so the text keeps the file's offsets. A
 * reference to a variable that the Makefile sets, in every assignment of it, to the same literal
 * word (`DOCKER ?= docker`, `CONTAINER_TOOL := podman`) carries that word as its value, so that
 * `$(DOCKER) run --privileged` is a container command. A variable set in an included file, with
 * `+=`, from another variable or to several words stays unknown; `?=` is read as the file's
 * default (the environment or the command line may override it).
 */
import type { TextRange } from "../shell/bash-parser.js";
import type { OpaqueRange } from "../shell/shell-words.js";
import { endsWithContinuation } from "./makefile-recipes.js";

export interface MakeReferences {
  /** make's own references: `$(…)`, `${…}`, `$X`. */
  readonly opaque: OpaqueRange[];
  /** Offsets of the first `$` of each `$$`. */
  readonly escapes: number[];
}

export function makeReferences(text: string, ranges: readonly TextRange[]): MakeReferences {
  const opaque: OpaqueRange[] = [];
  const escapes: number[] = [];
  const known = literalVariables(text);
  const reference = (start: number, end: number, name: string): OpaqueRange => {
    const value = known.get(name);
    return value === undefined ? { start, end } : { start, end, value };
  };
  // Past the end of the last reference: one that spans continued lines ends in a later range.
  let done = 0;
  ranges.forEach(({ start, end }, k) => {
    for (
      let i = text.indexOf("$", Math.max(start, done));
      i !== -1 && i < end - 1;
      i = text.indexOf("$", i)
    ) {
      const next = text[i + 1];
      if (next === "$") {
        escapes.push(i);
        i += 2;
      } else if (next === "(" || next === "{") {
        // make reads a reference to its closing bracket across continued lines (`$(shell find . \`).
        const close = closing(text, i + 1, logicalEnd(text, ranges, k));
        opaque.push(reference(i, close, text.slice(i + 2, close - 1)));
        i = close;
      } else if (next === "\n" || next === "\r") {
        i += 1;
      } else {
        opaque.push(reference(i, i + 2, next ?? ""));
        i += 2;
      }
      done = i;
    }
  });
  return { opaque, escapes };
}

/** The end of the recipe line range `k` starts: the last of the ranges its backslashes continue. */
function logicalEnd(text: string, ranges: readonly TextRange[], k: number): number {
  let j = k;
  const continues = (r: TextRange | undefined) =>
    !!r && endsWithContinuation(text.slice(r.start, r.end).replace(/\r?\n$/, ""));
  while (j + 1 < ranges.length && continues(ranges[j])) j++;
  return ranges[j]?.end ?? text.length;
}

/**
 * A variable assignment on a line of its own (GNU make manual, 6.5 "Setting Variables"): its
 * modifiers, name, operator and value. Recipe lines start with a tab and never match.
 */
const ASSIGNMENT =
  /^(?:(?:export|override|private)[ \t]+)*([A-Za-z_][\w.-]*)[ \t]*(\?=|:::?=|:=|!=|\+=|=)[ \t]*(.*?)[ \t]*(?:#.*)?$/gm;
/** A literal single word: no reference, quote, escape or blank. */
const LITERAL_WORD = /^[^\s$'"\\`;|&<>()]+$/;

/** The variables every assignment of which sets the same literal word, by name. */
function literalVariables(text: string): Map<string, string> {
  const values = new Map<string, string | null>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    const [, name = "", operator, value = ""] = m;
    const literal =
      (operator === "=" || operator === "?=" || operator?.startsWith(":")) &&
      LITERAL_WORD.test(value)
        ? value
        : null;
    const seen = values.get(name);
    values.set(name, seen === undefined || seen === literal ? literal : null);
  }
  const known = new Map<string, string>();
  for (const [name, value] of values) if (value !== null) known.set(name, value);
  return known;
}

/** The offset just past the bracket matching the one at `open`, nested brackets counted. */
function closing(text: string, open: number, end: number): number {
  const o = text[open];
  const c = o === "(" ? ")" : "}";
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i + 1;
  }
  return end;
}
