/**
 * `privilege-guard fix [PATH...]`: applies the verified fixes to the files in place, as
 * `eslint --fix` does, then scans them again and reports what is left; `--dry-run` prints the
 * changes as a unified diff instead of writing them. The files and the config are scan's; only
 * reported findings are fixed (not accepted exceptions), with fixes the engine verified against
 * the text as it is in each pass (`applyFixes`). The exit code is scan's, for what is left.
 */
import { writeFile } from "node:fs/promises";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { applyFixes } from "../evaluation/apply-fixes.js";
import type { SideContent, SideReader } from "../evaluation/change-entry.js";
import { readChartContext } from "../evaluation/chart-context.js";
import { evaluateChange, evaluateContents, planChange } from "../evaluation/evaluate-change.js";
import type { Evaluation } from "../evaluation/evaluation.js";
import { inChartTemplates } from "../kubernetes/chart-paths.js";
import { terminalSafeLine } from "../report/terminal-safe.js";
import { plural, summaryLine } from "../report/text.js";
import type { ConfigFlags } from "./cli-config.js";
import type { FileToRead } from "./collect-files.js";
import type { Format } from "./formats.js";
import type { Io } from "./io.js";
import { exitCodeOf, writeReport } from "./output.js";
import { readBoundedText } from "./read-bounded.js";
import { fileSideReader } from "./read-files.js";
import { scanTargets } from "./scan-targets.js";

export interface FixCommandOptions extends ConfigFlags {
  readonly format: Format;
  readonly exitZero: boolean;
  /** Print the changes as a unified diff; write nothing. */
  readonly dryRun: boolean;
}

export async function runFix(
  paths: readonly string[],
  options: FixCommandOptions,
  io: Io,
): Promise<number> {
  const { root, config, collected, entries } = await scanTargets(paths, options, io);
  const reader = fileSideReader(collected.files, root);
  const evaluationOptions = { listingProblems: collected.problems };
  const before = await evaluateChange(entries, reader, config, evaluationOptions);
  // The Helm charts the files belong to, found once; a pass judges a chart's values by its
  // templates as they are then (those fixed in the run too).
  const charts = await readChartContext(planChange(entries, config), reader);
  const evaluateTexts = (
    changed: ReadonlyMap<string, string>,
    all: ReadonlyMap<string, string>,
  ): Evaluation => {
    const files = planChange(
      [...changed.keys()].map((path) => ({ path, status: "added" as const })),
      config,
    );
    const contents = files.map((f): SideContent => {
      const text = changed.get(f.path);
      return text === undefined ? { kind: "missing" } : { kind: "text", text };
    });
    const templates = [...all]
      .filter(([path]) => !changed.has(path) && inChartTemplates(path, charts.charts))
      .map(([path, text]) => ({ path, text }));
    const context = [...charts.context.filter((c) => !all.has(c.path)), ...templates];
    return evaluateContents(files, contents, config, { charts: { ...charts, context } });
  };
  const outcome = applyFixes(before.headTexts, before, evaluateTexts);
  const changed = [...outcome.texts]
    .filter(([path, text]) => before.headTexts.get(path) !== text)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const verb = options.dryRun ? "would fix" : "fixed";
  for (const f of outcome.applied)
    io.stderr.write(
      `privilege-guard: ${verb} ${terminalSafeLine(`${f.path}:${f.line}: ${f.ruleId}: ${f.fix?.description ?? ""}`)}\n`,
    );

  if (options.dryRun) {
    for (const [path, text] of changed)
      io.stdout.write(
        createTwoFilesPatch(
          `a/${path}`,
          `b/${path}`,
          before.headTexts.get(path) ?? "",
          text,
          "",
          "",
          {
            headerOptions: FILE_HEADERS_ONLY,
          },
        ),
      );
    const after = await evaluateChange(
      entries,
      overlay(reader, outcome.texts),
      config,
      evaluationOptions,
    );
    io.stderr.write(
      `privilege-guard: ${verb} ${outcome.applied.length} of ${plural(before.reported.length, "finding")} in ${plural(changed.length, "file")}; left: ${summaryLine({ evaluation: after })}\n`,
    );
    return exitCodeOf(after, options.exitZero);
  }

  const absolute = new Map(collected.files.map((f: FileToRead) => [f.path, f.absolute]));
  let written = 0;
  for (const [path, text] of changed) {
    const file = absolute.get(path);
    if (file === undefined) continue;
    // Only over the text the fixes were verified against: a file changed meanwhile is left alone.
    const current = await readBoundedText(file).catch(() => null);
    if (current !== before.headTexts.get(path)) {
      io.stderr.write(
        `privilege-guard: ${terminalSafeLine(path)} changed while it was being fixed; left as it is\n`,
      );
      continue;
    }
    await writeFile(file, text, "utf8");
    written++;
  }
  io.stderr.write(
    `privilege-guard: ${verb} ${outcome.applied.length} of ${plural(before.reported.length, "finding")} in ${plural(written, "file")}; scanning again\n`,
  );
  // What is left, read back from disk.
  const after = await evaluateChange(
    entries,
    fileSideReader(collected.files, root),
    config,
    evaluationOptions,
  );
  return writeReport(
    { evaluation: after },
    { io, format: options.format, root, exitZero: options.exitZero },
  );
}

/** Reads the fixed texts where there are some, the files on disk elsewhere. */
function overlay(reader: SideReader, texts: ReadonlyMap<string, string>): SideReader {
  return {
    ...(reader.list ? { list: reader.list } : {}),
    read: async (requests) => {
      const fromDisk = await reader.read(requests);
      return requests.map((r, i): SideContent => {
        const text = r.side === "head" ? texts.get(r.path) : undefined;
        return text !== undefined ? { kind: "text", text } : (fromDisk[i] ?? { kind: "missing" });
      });
    },
  };
}
