/**
 * The recipes of a Makefile, where they are in the file, as GNU make reads them (GNU make manual,
 * 5.1 "Recipe Syntax", 5.1.1 "Splitting Recipe Lines", 3.7 "How make Reads a Makefile"): lines
 * starting with a tab after a rule line (`targets: prerequisites`), or the text after a `;` on the
 * rule line itself; a line ending in a backslash continues the recipe line on the next (whose
 * leading tab make removes); the `@`, `-` and `+` prefixes are make's, not the shell's. Blank
 * lines, comment lines and conditional directives among recipe lines do not end the rule.
 * `define … endef` bodies are variable values, not recipes.
 */
import type { TextRange } from "../shell/bash-parser.js";
import type { LineIndex } from "../yaml/line-index.js";

export interface Recipe {
  /** The rule's first target (`build`, `%.o`). */
  readonly target: string;
  /** The shell text of each recipe line, in place. */
  readonly ranges: readonly TextRange[];
}

const CONDITIONAL = /^[ \t]*(?:ifeq|ifneq|ifdef|ifndef|else|endif)(?:[ \t(]|$)/;
const DEFINE = /^[ \t]*(?:(?:override|export|private)[ \t]+)*define(?:[ \t]|$)/;
const ENDEF = /^[ \t]*endef(?:[ \t#]|$)/;
/** A variable assignment: its operator comes before any rule colon (`A := b`, `A = b:c`). */
const ASSIGNMENT = /^[^:#=]*(?:::?=|[?+!]?=)/;
/** What follows a rule's colon when the line sets a variable for the target. */
const TARGET_VARIABLE =
  /^[ \t]*(?:(?:export|override|private|unexport)[ \t]+)*[A-Za-z_][\w.-]*[ \t]*(?:::?=|:::=|[?+!]?=)/;
/** A rule line: targets, a colon (`:`, `::`, `&:`), not an assignment. */
const RULE = /^([^\s:#=][^:#=]*?)[ \t]*&?::?(?!=)/;

export interface MakefileReading {
  readonly recipes: readonly Recipe[];
  /** make's own comment lines (`# …` outside recipe lines), by 1-based line. */
  readonly comments: ReadonlyMap<number, string>;
}

export function makefileRecipes(text: string, index: LineIndex): MakefileReading {
  const recipes: { target: string; ranges: TextRange[] }[] = [];
  const comments = new Map<number, string>();
  let current: { target: string; ranges: TextRange[] } | null = null;
  let inDefine = false;
  let continued = false;
  const branches = new WindowsBranches();
  for (let line = 1; line <= index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    if (start >= end) break;
    const content = text.slice(start, end).replace(/\r?\n$/, "");
    const backslash = endsWithContinuation(content);
    if (continued && current) {
      // A continuation of a recipe line: make removes one leading tab.
      const from = start + (content.startsWith("\t") ? 1 : 0);
      if (!branches.windows) current.ranges.push({ start: from, end });
      continued = backslash;
      continue;
    }
    continued = false;
    if (inDefine) {
      if (ENDEF.test(content)) inDefine = false;
      continue;
    }
    if (content.startsWith("\t") && current) {
      const offset = recipeStart(content, 1);
      // A recipe line only Windows runs is read by cmd or PowerShell, not by a POSIX shell.
      if (!branches.windows) current.ranges.push({ start: start + offset, end });
      continued = backslash;
      continue;
    }
    if (/^[ \t]*#/.test(content)) {
      comments.set(line, content.trim());
      continue;
    }
    if (CONDITIONAL.test(content)) {
      branches.directive(content.trim());
      continue;
    }
    if (content.trim() === "") continue;
    if (DEFINE.test(content)) {
      inDefine = true;
      current = null;
      continue;
    }
    current = null;
    if (ASSIGNMENT.test(content)) continue;
    const rule = RULE.exec(content);
    if (!rule) continue;
    const target = (rule[1] ?? "").trim().split(/[ \t]+/)[0] ?? "";
    current = { target, ranges: [] };
    recipes.push(current);
    // A target-specific variable (`go-test: COVER ?= $(shell . ./build.env; echo $$COVER)`, GNU
    // make manual 6.11): its value is no recipe, whatever `;` it holds.
    if (TARGET_VARIABLE.test(content.slice(rule[0].length))) continue;
    const semicolon = content.indexOf(";", rule[0].length);
    const hash = content.indexOf("#", rule[0].length);
    if (semicolon !== -1 && (hash === -1 || semicolon < hash)) {
      current.ranges.push({ start: start + recipeStart(content, semicolon + 1), end });
      continued = backslash;
    }
  }
  return { recipes: recipes.filter((r) => r.ranges.length > 0), comments };
}

/**
 * Whether the lines read so far stand in a branch of a conditional that only Windows takes:
 * `ifeq ($(OS),Windows_NT)`'s first branch, `ifneq ($(OS),Windows_NT)`'s `else` (Windows sets the
 * environment variable `OS` to `Windows_NT`, which make reads as a variable; crowdsec's Makefile
 * runs PowerShell there: `if (Test-Path -Path $(RELDIR)) { … }`).
 */
class WindowsBranches {
  readonly #frames: { elseWindows: boolean; now: boolean }[] = [];

  get windows(): boolean {
    return this.#frames.some((f) => f.now);
  }

  /** Takes a conditional directive line (`ifeq …`, `else`, `else ifneq …`, `endif`). */
  directive(line: string): void {
    const word = line.split(/[ \t(]/, 1)[0] ?? "";
    if (word === "endif") {
      this.#frames.pop();
      return;
    }
    if (word === "else") {
      const frame = this.#frames.at(-1);
      if (!frame) return;
      // `else ifeq (…)`: the branch is the inner conditional's first.
      const inner = line.slice(word.length).trim();
      frame.now = inner === "" ? frame.elseWindows : opensWindowsBranch(inner);
      return;
    }
    const windows = WINDOWS_TEST.test(line);
    this.#frames.push({ elseWindows: windows && word === "ifneq", now: opensWindowsBranch(line) });
  }
}

/** A test of make's `OS` against `Windows_NT`, as `ifeq` and `ifneq` write it. */
const WINDOWS_TEST = /\$[({]OS[)}].*Windows_NT|Windows_NT.*\$[({]OS[)}]/;

/** Whether the conditional `line` (`ifeq (…)`) opens a first branch only Windows takes. */
function opensWindowsBranch(line: string): boolean {
  return line.startsWith("ifeq") && WINDOWS_TEST.test(line);
}

/** Skips spaces and make's `@`, `-`, `+` prefixes from `i`. */
function recipeStart(content: string, i: number): number {
  let j = i;
  while (j < content.length && " \t@-+".includes(content[j] as string)) j++;
  return j;
}

/** An odd number of backslashes at the end of the line (its line break left out). */
export function endsWithContinuation(content: string): boolean {
  let n = 0;
  for (let i = content.length - 1; i >= 0 && content[i] === "\\"; i--) n++;
  return n % 2 === 1;
}
