/**
 * Shell code run by a shell command: `sh -c 'docker run --privileged …'`, `bash -ec "…"`. The
 * string after `-c` is a script of its own (sh(1) and bash(1): "commands are read from the first
 * non-option argument command_string"); its commands are read as the outer ones are. A string
 * whose text in the file is its value (single quotes, or double quotes without `$`, `` ` `` or
 * `\`) is parsed in place, so its words keep their own positions and can be fixed; any other is
 * parsed from its value, and its words are placed on the whole string.
 */
import type { ArgWord } from "../container/arg-word.js";
import { parseBash, type TextRange } from "./bash-parser.js";
import { readShell, type ShellCommand } from "./shell-commands.js";
import type { OpaqueRange } from "./shell-words.js";

/** The shells whose `-c` runs its argument (by program name, any directory). */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash"]);

/** Options of those shells that take the next word as their value (`-o pipefail`, `+O extglob`). */
const VALUE_OPTIONS = new Set(["o", "O"]);

/** How deep `sh -c "sh -c '…'"` is followed. */
const MAX_DEPTH = 4;

/** The command-string word of `sh -c …`, or null when the command does not run one. */
export function commandString(words: readonly ArgWord[]): ArgWord | null {
  const program = words[0];
  if (!program || program.dynamic) return null;
  if (!SHELLS.has(program.value.slice(program.value.lastIndexOf("/") + 1))) return null;
  let c = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as ArgWord;
    if (w.dynamic) return null;
    const v = w.value;
    if (v === "--" || v === "-") return c ? (words[i + 1] ?? null) : null;
    if (v.startsWith("--")) continue;
    if ((v.startsWith("-") || v.startsWith("+")) && v.length > 1) {
      const letters = v.slice(1);
      if (letters.includes("c")) c = true;
      if ([...letters].some((l) => VALUE_OPTIONS.has(l))) i++;
      continue;
    }
    return c ? w : null;
  }
  return null;
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
    const code = depth < MAX_DEPTH ? commandString(command.words) : null;
    if (!code || code.value.trim() === "") continue;
    const own = placedAt === null && inPlace(view, code);
    const parsed = own
      ? parseBash(view, (root) => readShell(root, view, opaque).commands, [
          { start: code.start + 1, end: code.end - 1 },
        ])
      : parseBash(code.value, (root) => readShell(root, code.value).commands);
    if (!parsed.ok) continue;
    const at = own ? null : (placedAt ?? { start: code.start, end: code.end });
    const inner = parsed.value.map((c) => ({
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
    out.push(...withInnerCommands(view, inner, opaque, depth + 1, at));
  }
  return out;
}
