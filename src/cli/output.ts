/** Writes a run's report in the chosen format and returns the exit code its verdict calls for. */
import { pathToFileURL } from "node:url";
import { rules } from "../catalogue/index.js";
import type { Evaluation } from "../evaluation/evaluation.js";
import { renderCompact } from "../report/compact.js";
import { renderJsonPieces } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import type { RunReport } from "../report/review-data.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { renderWorkflowCommands } from "../report/workflow-commands.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./errors.js";
import type { Format } from "./formats.js";
import { type Io, type OutputStream, useColor } from "./io.js";
import { readToolInfo } from "./version.js";

export interface OutputContext {
  readonly io: Io;
  readonly format: Format;
  /** Absolute directory the reported paths are relative to. */
  readonly root: string;
  /** `--exit-zero`: report, but exit 0 whatever the verdict. */
  readonly exitZero: boolean;
}

export async function writeReport(report: RunReport, context: OutputContext): Promise<number> {
  const { io, format } = context;
  // In pieces: a large scan's report would exceed the longest string V8 allows.
  if (format === "json") await writePieces(io.stdout, renderJsonPieces(report));
  else if (format === "compact") io.stdout.write(renderCompact(report));
  else if (format === "github") io.stdout.write(renderWorkflowCommands(report));
  else if (format === "junit") io.stdout.write(renderJunit(report));
  else if (format === "sarif") {
    const root = pathToFileURL(context.root).href;
    io.stdout.write(
      renderSarif(report, {
        tool: readToolInfo(),
        rules,
        srcRoot: root.endsWith("/") ? root : `${root}/`,
      }),
    );
  } else io.stdout.write(renderText(report, { color: useColor(io) }));
  return exitCodeOf(report.evaluation, context.exitZero);
}

/**
 * Writes pieces in order, waiting for the stream to drain whenever it asks to: written to a pipe
 * that is read more slowly than the report is built, the pieces would otherwise all wait in
 * memory (50 MB of manifests scanned at restricted, read through a pipe, peaked at 935 MB instead
 * of 355 MB).
 */
async function writePieces(stream: OutputStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (stream.write(piece) === false && stream.once) {
      const once = stream.once.bind(stream);
      await new Promise<void>((resolve) => once("drain", () => resolve()));
    }
  }
}

/** The exit code an evaluation's verdict calls for (`--exit-zero`: 0 whatever it is). */
export function exitCodeOf(evaluation: Evaluation, exitZero: boolean): number {
  return evaluation.verdict.fails && !exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
}
