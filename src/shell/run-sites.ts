/**
 * Container command lines in shell code: every simple command the parser finds that is a
 * `docker`/`podman`/`nerdctl` `run`/`create`, or, for `options` parts, the whole code read as
 * `docker create` flags. Each gets an identity from its part's scope, the function it is in, and
 * its position among the container commands of that scope, so that re-wrapping a command over
 * continuation lines or adding other commands changes nothing.
 */
import { codeSpan } from "../core/code-span.js";
import type { ArgWord } from "../container/arg-word.js";
import { containerRun, runArgs } from "../container/run-args.js";
import { CONTAINER_CLIS } from "../container/run-flags.js";
import type { RunSite } from "../container/run-site.js";
import type { SyntaxProblem, TextRange } from "./bash-parser.js";
import type { ShellComment } from "./shell-commands.js";
import type { ShellSnippet } from "./shell-snippet.js";
import type { OpaqueRange } from "./shell-words.js";
import { snippetCommands } from "./snippet-commands.js";

export interface ScriptPart {
  readonly snippet: ShellSnippet;
  /** `commands`: shell code; `options`: container flags on their own (job container options). */
  readonly mode: "commands" | "options";
  /** Identity scope, file path included (`ci.yml>job:build>step:id:push`). */
  readonly scope: string;
  /** Where, for messages ("job `build`, step `push`"). */
  readonly where: string;
  /** Lines above which an inline exception comment covers the part's commands (the step's). */
  readonly anchorLines?: readonly number[];
  /**
   * Whether a syntax error in the code is a problem of the file (a shell script, a Makefile), or
   * not (a CI script that may be written for another shell: a job on a PowerShell runner). The
   * commands the parser recovers are checked either way.
   */
  readonly syntaxProblems: boolean;
  /**
   * When the code is reached through a YAML alias, the alias's range: findings are placed there
   * (where the code takes effect) and carry no fix.
   */
  readonly placeAt?: TextRange;
}

export interface RunSitesResult {
  readonly sites: RunSite[];
  /** Comments in the shell code, for inline exceptions. */
  readonly comments: ShellComment[];
  readonly problems: { readonly offset: number; readonly message: string }[];
}

/** `view` is the file's text prepared by `shellView`; `opaque` its substituted ranges. */
export function runSites(
  view: string,
  opaque: readonly OpaqueRange[],
  parts: readonly ScriptPart[],
): RunSitesResult {
  const sites: RunSite[] = [];
  const comments: ShellComment[] = [];
  const problems: RunSitesResult["problems"] = [];
  // Positions count per scope across parts: a GitLab section's lines are parts of one scope.
  const counts = new Map<string, number>();
  for (const part of parts) {
    const parsed = snippetCommands(view, part.snippet, opaque);
    if (!parsed.ok) {
      problems.push({ offset: snippetStart(part.snippet), message: parsed.reason });
      continue;
    }
    if (parsed.error && part.syntaxProblems && mayNameContainerCli(view)) {
      problems.push(syntaxProblem(parsed.error));
    }
    const { commands } = parsed.value;
    comments.push(...parsed.value.comments);
    const exact = parsed.value.exact && !part.placeAt;
    const place = (w: ArgWord): ArgWord =>
      part.placeAt ? { ...w, start: part.placeAt.start, end: part.placeAt.end } : w;
    if (part.mode === "options") {
      const words = commands.flatMap((c) => c.words).map(place);
      sites.push({
        args: runArgs(words),
        words,
        command: null,
        where: part.where,
        identity: part.scope,
        exact,
        ...(part.anchorLines ? { anchorLines: part.anchorLines } : {}),
      });
      continue;
    }
    for (const command of commands) {
      const words = command.words.map(place);
      const run = containerRun(words);
      if (!run) continue;
      const fn = command.functionName;
      const scope = fn === null ? part.scope : `${part.scope}>fn:${fn}`;
      const name = `${run.cli} ${run.subcommand}`;
      const key = `${scope}>${name}`;
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      sites.push({
        args: run,
        words,
        command: name,
        where: fn === null ? part.where : `${part.where}, function ${codeSpan(fn)}`,
        identity: `${key}#${n}`,
        exact: exact && command.placed !== true,
        ...(part.anchorLines ? { anchorLines: part.anchorLines } : {}),
      });
    }
  }
  return { sites, comments, problems };
}

/**
 * Whether shell code may name a container command line's program, so that a part the parser
 * could not read may hide one: a finding needs `docker`, `podman` or `nerdctl` as the program,
 * written out in the file (directly, or as a variable's one literal value). Quotes, backslashes
 * and line continuations inside the word (`do""cker`, `d\ocker`) spell it too, and ANSI-C quoting
 * with an escape that gives a letter (`$'\x64ocker'`, octal, `\u`, `\c`) can spell anything; one
 * with only `\n`, `\t` and the like (`IFS=$'\n'`) gives no letter the text does not show. Code
 * with none of these (a Go template of a completion script, `%[1]s` where a name goes) can hold no
 * finding: its syntax is not reported, so that it does not fail the check as a file that could not
 * be checked.
 */
function mayNameContainerCli(code: string): boolean {
  return CLI_SPELLED.test(code);
}

const CLI_SPELLED = new RegExp(
  [
    // `$'…'` holding `\xHH`, `\uHHHH`, `\UHHHHHHHH`, `\NNN` (octal) or `\cX` (bash(1), QUOTING).
    "\\$'(?:[^'\\\\]|\\\\.)*?\\\\[xuUc0-7]",
    ...[...CONTAINER_CLIS].map((cli) => [...cli].join(`["'\\\\\\r\\n]*`)),
  ].join("|"),
);

function snippetStart(snippet: ShellSnippet): number {
  const at = snippet.at;
  return "ranges" in at ? (at.ranges[0]?.start ?? 0) : at.range.start;
}

function syntaxProblem(error: SyntaxProblem): { offset: number; message: string } {
  return {
    offset: error.offset,
    message: `the shell parser could not read this (${error.message}); commands in it are not checked`,
  };
}
