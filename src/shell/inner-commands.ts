/**
 * Shell code run by a shell command: `sh -c 'docker run --privileged …'`, `bash -ec "…"`. The
 * string after `-c` is a script of its own (sh(1) and bash(1): "commands are read from the first
 * non-option argument command_string"); its commands are read as the outer ones are. A string
 * whose text in the file is its value (single quotes, or double quotes without `$`, `` ` `` or
 * `\`) is parsed in place, so its words keep their own positions and can be fixed; any other is
 * parsed from its value, and its words are placed on the whole string.
 * A shell given neither `-c` nor a script file reads its commands from its standard input (bash(1):
 * "If no arguments remain after option processing, or if the -s option is present, then commands
 * are read from the standard input"): the body of a heredoc given to it (`sudo bash <<'EOF'`,
 * `dumb-init bash -s <<EOF &`) is that script, parsed in place. The commands of `$(…)` in an
 * unquoted body, which the outer walk already found, are not read twice.
 */
import type { ArgWord } from "../container/arg-word.js";
import { parseBash, type TextRange } from "./bash-parser.js";
import { isShellProgram, readShell, type ShellCommand } from "./shell-commands.js";
import type { OpaqueRange } from "./shell-words.js";

/** Options of those shells that take the next word as their value (`-o pipefail`, `+O extglob`). */
const VALUE_OPTIONS = new Set(["o", "O"]);

/** How deep `sh -c "sh -c '…'"` is followed. */
const MAX_DEPTH = 4;

/** Long options of those shells that take the next word as their value (bash(1)). */
const VALUE_LONG_OPTIONS = new Set(["--rcfile", "--init-file"]);

/** Where a shell command takes its script from: a `-c` string, its standard input, or neither. */
type ShellInput = { readonly string: ArgWord } | "stdin" | null;

function shellInput(words: readonly ArgWord[]): ShellInput {
  if (!isShellProgram(words[0])) return null;
  let c = false;
  let s = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as ArgWord;
    if (w.dynamic) return null;
    const v = w.value;
    if (v === "--" || v === "-") {
      const next = words[i + 1];
      if (c) return next ? { string: next } : null;
      return s || next === undefined ? "stdin" : null;
    }
    if (v.startsWith("--")) {
      if (VALUE_LONG_OPTIONS.has(v)) i++;
      continue;
    }
    if ((v.startsWith("-") || v.startsWith("+")) && v.length > 1) {
      const letters = v.slice(1);
      if (letters.includes("c")) c = true;
      if (v.startsWith("-") && letters.includes("s")) s = true;
      if ([...letters].some((l) => VALUE_OPTIONS.has(l))) i++;
      continue;
    }
    // The first operand: the command string after `-c`, an argument after `-s`, else a script file.
    if (c) return { string: w };
    return s ? "stdin" : null;
  }
  return c ? null : "stdin";
}

/** The command-string word of `sh -c …`, or null when the command does not run one. */
export function commandString(words: readonly ArgWord[]): ArgWord | null {
  const input = shellInput(words);
  return input !== null && input !== "stdin" ? input.string : null;
}

/** Whether the word's text in `view` is its value between quotes, with nothing to expand. */
function inPlace(view: string, word: ArgWord): boolean {
  const quote = view[word.start];
  if (word.end - word.start < 2 || view[word.end - 1] !== quote) return false;
  const inner = view.slice(word.start + 1, word.end - 1);
  if (inner !== word.value) return false;
  return quote === "'" || (quote === '"' && !/[$`\\]/.test(inner));
}

/**
 * The commands with, after each `sh -c` command, the commands of its command string (and theirs,
 * to `MAX_DEPTH`). Inner commands keep the outer command's function; those parsed from a value
 * are `placed` on the string's whole range (and those inside them on the same range).
 */
export function withInnerCommands(
  view: string,
  commands: readonly ShellCommand[],
  opaque: readonly OpaqueRange[],
  depth = 0,
  placedAt: TextRange | null = null,
): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const command of commands) {
    out.push(command);
    if (depth >= MAX_DEPTH) continue;
    const input = shellInput(command.words);
    if (input === "stdin") {
      out.push(...heredocCommands(view, command, commands, opaque, depth, placedAt));
      continue;
    }
    const code = input?.string;
    if (!code || code.value.trim() === "") continue;
    const own = placedAt === null && inPlace(view, code);
    const parsed = own
      ? parseBash(view, (root) => readShell(root, view, opaque).commands, [
          { start: code.start + 1, end: code.end - 1 },
        ])
      : parseBash(code.value, (root) => readShell(root, code.value).commands);
    if (!parsed.ok) continue;
    const at = own ? null : (placedAt ?? { start: code.start, end: code.end });
    const inner = adopted(parsed.value, command, at);
    out.push(...withInnerCommands(view, inner, opaque, depth + 1, at));
  }
  return out;
}

/**
 * The commands of the heredoc a shell reads as its script, parsed in place in `view` (where the
 * command's own offsets are), placed on `placedAt` when the outer code was itself placed, less
 * those the outer walk found already (`$(…)` in an unquoted body).
 */
function heredocCommands(
  view: string,
  command: ShellCommand,
  outer: readonly ShellCommand[],
  opaque: readonly OpaqueRange[],
  depth: number,
  placedAt: TextRange | null,
): ShellCommand[] {
  const body = command.stdinHeredoc;
  if (!body || command.placed === true || view.slice(body.start, body.end).trim() === "") return [];
  const parsed = parseBash(view, (root) => readShell(root, view, opaque).commands, [body]);
  if (!parsed.ok) return [];
  const known = new Set(outer.map((c) => `${c.start}:${c.end}`));
  const fresh = parsed.value.filter((c) => !known.has(`${c.start}:${c.end}`));
  return withInnerCommands(view, adopted(fresh, command, placedAt), opaque, depth + 1, placedAt);
}

/**
 * Commands run by `command` (its `-c` string's, its heredoc's) as the outer walk gives them: in
 * its function, and placed on `at`, words and all, when they were not read at their own offsets.
 */
function adopted(
  inner: readonly ShellCommand[],
  command: ShellCommand,
  at: TextRange | null,
): ShellCommand[] {
  return inner.map((c) => ({
    ...c,
    functionName: command.functionName,
    ...(at
      ? {
          start: at.start,
          end: at.end,
          words: c.words.map((w) => ({ ...w, start: at.start, end: at.end })),
          placed: true,
        }
      : {}),
  }));
}
