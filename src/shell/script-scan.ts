/**
 * The scan every kind that embeds shell code shares: the file's shell parts read into container
 * command lines, judged by the container rules, each finding with a fix verified by scanning the
 * fixed text again.
 */
import type { ContainerRule } from "../container/rule.js";
import type { RunSite } from "../container/run-site.js";
import { judgeSites, siteFindings } from "../container/run-site-findings.js";
import type { KindOptions, RawFinding } from "../core/file-kind.js";
import { inlineExceptionReason } from "../core/inline-exception.js";
import { refusal } from "../core/refusal.js";
import type { Problem, SourceFile } from "../core/types.js";
import { LineIndex } from "../yaml/line-index.js";
import { problemPosition } from "../yaml/parse-stream.js";
import { runSites, type ScriptPart } from "./run-sites.js";
import { shellView } from "./shell-view.js";
import type { OpaqueRange } from "./shell-words.js";

/** What a kind reads from its file: the shell parts, and problems of its own syntax. */
export interface ScriptParts {
  readonly parts: readonly ScriptPart[];
  /** Ranges the file's syntax substitutes before the shell runs (`${{ … }}`, make's `$(VAR)`). */
  readonly opaque: readonly OpaqueRange[];
  /** Offsets of a `$` that only escapes the next one (make's `$$`). */
  readonly escapes?: readonly number[];
  readonly problems: readonly Problem[];
  /** Container settings the file's own syntax gives outside shell code (a CI service). */
  readonly sites?: readonly RunSite[];
  /**
   * Comments of the file's own syntax standing alone on their line (YAML's, make's), by 1-based
   * line; the shell code's comments are added to them.
   */
  readonly comments?: ReadonlyMap<number, string>;
}

/** Reads the shell parts of a text; `identityPath` heads every identity. */
export type ReadParts = (
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
) => ScriptParts;

export function scanScripts(
  file: SourceFile,
  options: KindOptions,
  rules: readonly ContainerRule[],
  read: ReadParts,
): { findings: RawFinding[]; problems: Problem[] } {
  const { path, text } = file;
  const refused = refusal(text, options.limits.maxFileSize);
  if (refused) return { findings: [], problems: [{ path, ...refused, line: 1, column: 1 }] };
  const index = new LineIndex(text);
  const { sites, problems, comments } = readSites(path, text, index, options, read);
  const findings = siteFindings(sites, {
    exceptionFor: (site, rule, at) => {
      // On the line above the setting, above the command, or above the step or script line.
      const lines = [index.lineOf(at), ...commandLine(site, index), ...(site.anchorLines ?? [])];
      return inlineExceptionReason(comments, lines, rule);
    },
    path,
    text,
    index,
    rules,
    level: options.level,
    limits: options.limits,
    fixes: options.fixes,
    problems,
    rescan: (fixed) => {
      const again = readSites(path, fixed, new LineIndex(fixed), options, read);
      return {
        identities: judgeSites(again.sites, rules, options.level).map((j) => j.identity),
        problems: again.problems,
      };
    },
  });
  return { findings, problems };
}

/** The line a command starts on (its program's word), when its words are its own. */
function commandLine(site: RunSite, index: LineIndex): number[] {
  const first = site.words[0];
  return site.exact && first ? [index.lineOf(first.start)] : [];
}

function readSites(
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
  read: ReadParts,
): { sites: RunSite[]; problems: Problem[]; comments: Map<number, string> } {
  const read_ = read(path, text, index, options);
  const { parts, opaque, problems, sites = [], escapes = [] } = read_;
  const folds = parts.flatMap((p) => p.snippet.folds ?? []);
  const found = runSites(shellView(text, opaque, folds, escapes), opaque, parts);
  const all = [...problems];
  for (const p of found.problems) {
    const pos = problemPosition(index, p.offset);
    all.push({ path, code: "parse-error", message: p.message, line: pos.line, column: pos.column });
  }
  const comments = new Map(read_.comments ?? []);
  for (const c of found.comments) {
    const line = index.lineOf(c.start);
    // A comment alone on its line: only blanks between the line's start and the `#`.
    if (text.slice(index.lineStart(line), c.start).trim() === "") comments.set(line, c.text);
  }
  return { sites: [...sites, ...found.sites], problems: all, comments };
}
