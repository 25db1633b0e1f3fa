/**
 * The scan every kind that embeds shell code shares: the file's shell parts read into container
 * command lines, judged by the container rules, each finding with a fix verified by scanning the
 * fixed text again.
 */
import type { ContainerRule } from "../container/rule.js";
import type { RunSite } from "../container/run-site.js";
import { judgeSites, siteFindings } from "../container/run-site-findings.js";
import { refusal } from "../core/refusal.js";
import type { Problem, SourceFile } from "../core/types.js";
import type { KindOptions, RawFinding } from "../engine/file-kind.js";
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
  const { sites, problems } = readSites(path, text, index, options, read);
  const findings = siteFindings(sites, {
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

function readSites(
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
  read: ReadParts,
): { sites: RunSite[]; problems: Problem[] } {
  const { parts, opaque, problems, sites = [], escapes = [] } = read(path, text, index, options);
  const folds = parts.flatMap((p) => p.snippet.folds ?? []);
  const found = runSites(shellView(text, opaque, folds, escapes), opaque, parts);
  const all = [...problems];
  for (const p of found.problems) {
    const pos = problemPosition(index, p.offset);
    all.push({ path, code: "parse-error", message: p.message, line: pos.line, column: pos.column });
  }
  return { sites: [...sites, ...found.sites], problems: all };
}
