/**
 * The simple commands of shell code embedded in a file (see `ShellSnippet`), with every word
 * placed in the file: in place when the code is a part of the file's text, at the whole scalar
 * when it is a value read on its own; the code of `sh -c '…'` strings included.
 */
import { type ParseOutcome, parseBash } from "./bash-parser.js";
import { withInnerCommands } from "./inner-commands.js";
import { readShell, type ShellCommand, type ShellComment } from "./shell-commands.js";
import type { ShellSnippet } from "./shell-snippet.js";
import type { OpaqueRange } from "./shell-words.js";

export interface SnippetCommands {
  readonly commands: readonly ShellCommand[];
  /** Comments in the code, in the file's offsets (none for code read on its own). */
  readonly comments: readonly ShellComment[];
  /** True when the words' ranges are their own (a fix can edit them). */
  readonly exact: boolean;
}

/** `view` is the file's text prepared by `shellView` (same length, same offsets). */
export function snippetCommands(
  view: string,
  snippet: ShellSnippet,
  opaque: readonly OpaqueRange[],
): ParseOutcome<SnippetCommands> {
  const at = snippet.at;
  if ("ranges" in at) {
    const parsed = parseBash(view, (root) => readShell(root, view, opaque), at.ranges);
    if (!parsed.ok) return parsed;
    const commands = withInnerCommands(view, parsed.value.commands, opaque);
    return { ...parsed, value: { ...parsed.value, commands, exact: true } };
  }
  const parsed = parseBash(at.value, (root) => readShell(root, at.value).commands);
  if (!parsed.ok) return parsed;
  const { start, end } = at.range;
  const placed = withInnerCommands(at.value, parsed.value, [], 0, at.range).map((c) => ({
    ...c,
    start,
    end,
    words: c.words.map((w) => ({ ...w, start, end })),
  }));
  return {
    ok: true,
    value: { commands: placed, comments: [], exact: false },
    error: parsed.error ? { ...parsed.error, offset: start } : null,
  };
}
