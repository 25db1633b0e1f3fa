/** Writes a review in the chosen format and returns the exit code it calls for. */
import { pathToFileURL } from "node:url";
import { rules } from "../engine/index.js";
import { renderJson } from "../report/json.js";
import { type ReviewData, reviewFails } from "../report/review-data.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./errors.js";
import { type Io, useColor } from "./io.js";
import { readToolInfo } from "./version.js";

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputContext {
  readonly io: Io;
  readonly format: Format;
  /** File texts by reported path (the head side for a diff), for fixes. */
  readonly texts: ReadonlyMap<string, string>;
  /** Absolute directory the reported paths are relative to. */
  readonly root: string;
}

export function writeReview(review: ReviewData, context: OutputContext): number {
  const { io, format, texts } = context;
  if (format === "json") io.stdout.write(renderJson(review));
  else if (format === "sarif") {
    const root = pathToFileURL(context.root).href;
    io.stdout.write(
      renderSarif(review, {
        tool: readToolInfo(),
        rules,
        texts,
        srcRoot: root.endsWith("/") ? root : `${root}/`,
      }),
    );
  } else io.stdout.write(renderText(review, { color: useColor(io), texts }));
  return reviewFails(review) ? EXIT_FINDINGS : EXIT_CLEAN;
}
