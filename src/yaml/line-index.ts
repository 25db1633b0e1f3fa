import { withLineFeeds } from "./line-breaks.js";
import type { SourceSpan } from "../core/types.js";

/**
 * Maps character offsets of one text to 1-based lines and columns; built once per text. A line
 * ends at LF, CRLF or a lone CR (see `line-breaks.ts`).
 */
export class LineIndex {
  readonly #starts: number[];
  readonly #length: number;

  constructor(original: string) {
    const text = withLineFeeds(original);
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.#starts = starts;
    this.#length = original.length;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** 1-based line of the character at `offset`. */
  lineOf(offset: number): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    const at = Math.max(0, Math.min(offset, this.#length));
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? this.#length;
  }

  /** Offset just past the end of 1-based `line`, including its line break. */
  lineEnd(line: number): number {
    return this.#starts[line] ?? this.#length;
  }

  /** The span of [start, end): `endLine` is the line of the last character. */
  span(start: number, end: number): SourceSpan {
    const line = this.lineOf(start);
    const last = Math.max(start, end - 1);
    const endLine = this.lineOf(last);
    return {
      start,
      end,
      line,
      column: start - this.lineStart(line) + 1,
      endLine,
      endColumn: last - this.lineStart(endLine) + 1,
    };
  }
}
