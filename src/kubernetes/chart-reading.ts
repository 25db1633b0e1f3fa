/**
 * A chart's templates read once for what depends on all of them together: each cut into the
 * documents it renders and lexed, and the flows of values through their actions (`values-flow.ts`),
 * which follow named templates across files. What the values map (`values-map.ts`) and the
 * images written with actions (`chart-images.ts`) are worked out from.
 */
import type { TemplateAction } from "../yaml/go-template-lexer.js";
import { lexTemplate } from "../yaml/go-template-lexer.js";
import type { DocumentChunk } from "../yaml/split-documents.js";
import { templateChunks } from "../yaml/template-chunks.js";
import { isPartialTemplate } from "./chart-paths.js";
import { type ChartTemplate, ValueFlows } from "./values-flow.js";

/** A template as read for its chart. */
export interface ReadTemplate extends ChartTemplate {
  readonly chunks: readonly DocumentChunk[];
  readonly actions: readonly TemplateAction[];
  readonly valuesPrefix: string;
}

export interface ChartReading {
  /** The templates that read (one Go's lexer refuses is left out: Helm renders none of it). */
  readonly templates: readonly ReadTemplate[];
  readonly flows: ValueFlows;
}

/** Reads a chart's templates (see the module's comment). */
export function readChart(templates: readonly ChartTemplate[]): ChartReading {
  const read = templates.flatMap((t) => {
    const chunks = templateChunks(t.text, isPartialTemplate(t.path));
    if (!Array.isArray(chunks)) return [];
    return [
      { ...t, chunks, actions: lexTemplate(t.text).actions, valuesPrefix: t.valuesPrefix ?? "" },
    ];
  });
  return { templates: read, flows: new ValueFlows(read) };
}
