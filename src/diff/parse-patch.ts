/**
 * Reads the hunks of one file's unified diff: GitHub's `patch` field of a pull request file (hunks
 * only, no `---`/`+++` headers) or a full `git diff` / `diff -u` of a single file.
 *
 * Only RIGHT-side (head) line numbers matter to review comments: GitHub accepts a comment on a
 * line only when the line is shown by a hunk of the file's diff (added or context lines), and a
 * multi-line comment only when both ends are in the same hunk.
 */

export interface Hunk {
  /** First head line of the hunk (RIGHT side, 1-based; 0 when the hunk shows no head line). */
  readonly newStart: number;
  readonly newLines: number;
  readonly oldStart: number;
  readonly oldLines: number;
  /** Head lines (RIGHT side) that the hunk shows: added and context lines, ascending. */
  readonly rightLines: readonly number[];
  /** Head lines added by the change, ascending. */
  readonly addedLines: readonly number[];
  /**
   * The text of each RIGHT-side line as the patch shows it (without the `+`/` ` prefix and without
   * a trailing "\r"), keyed by head line number.
   */
  readonly rightText: ReadonlyMap<number, string>;
}

/** `@@ -a[,b] +c[,d] @@ optional section heading`; an omitted count means 1. */
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

interface OpenHunk {
  readonly newStart: number;
  readonly newLines: number;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly rightLines: number[];
  readonly addedLines: number[];
  readonly rightText: Map<number, string>;
  /** Lines of each side still expected, from the header's counts. */
  oldLeft: number;
  newLeft: number;
  nextNew: number;
}

/**
 * The hunks of a patch, in order. Lines outside hunks (file headers, `diff --git`, `index`, mode
 * lines) are skipped. A hunk ends when its header's counts are used up, so a context line that
 * happens to start with `@@` or `---` inside a hunk is read as content. `\ No newline at end of
 * file` markers are ignored. An empty or header-only patch has no hunks.
 */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let open: OpenHunk | null = null;
  const lines = patch.split("\n");
  // A patch ending in "\n" yields a final empty string that is not a line of the diff.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (open && (open.oldLeft > 0 || open.newLeft > 0)) {
      if (line.startsWith("\\")) continue;
      readHunkLine(open, line);
      continue;
    }
    if (line.startsWith("\\")) continue;
    const header = HUNK_HEADER.exec(line);
    if (!header) continue;
    if (open) hunks.push(close(open));
    open = openHunk(header);
  }
  if (open) hunks.push(close(open));
  return hunks;
}

/** The hunk whose RIGHT side shows `line`, or null. */
export function hunkContaining(hunks: readonly Hunk[], line: number): Hunk | null {
  for (const hunk of hunks) {
    if (hunk.rightText.has(line)) return hunk;
  }
  return null;
}

/** Whether every head line of [start, end] is shown by `hunk` (RIGHT side). */
export function hunkShowsRange(hunk: Hunk, start: number, end: number): boolean {
  if (end < start) return false;
  for (let n = start; n <= end; n++) {
    if (!hunk.rightText.has(n)) return false;
  }
  return true;
}

function openHunk(header: RegExpExecArray): OpenHunk {
  const oldStart = Number(header[1]);
  const oldLines = header[2] === undefined ? 1 : Number(header[2]);
  const newStart = Number(header[3]);
  const newLines = header[4] === undefined ? 1 : Number(header[4]);
  return {
    newStart,
    newLines,
    oldStart,
    oldLines,
    rightLines: [],
    addedLines: [],
    rightText: new Map(),
    oldLeft: oldLines,
    newLeft: newLines,
    nextNew: newStart,
  };
}

function readHunkLine(open: OpenHunk, line: string): void {
  const marker = line[0];
  const content = line.slice(1);
  if (marker === "+") {
    addRight(open, content, true);
  } else if (marker === "-") {
    open.oldLeft--;
  } else {
    // " " context; an empty line is a context line whose leading space was stripped (some tools
    // and copy-pastes drop trailing whitespace).
    open.oldLeft--;
    addRight(open, marker === " " ? content : line, false);
  }
}

function addRight(open: OpenHunk, content: string, added: boolean): void {
  const n = open.nextNew++;
  open.newLeft--;
  open.rightLines.push(n);
  open.rightText.set(n, content);
  if (added) open.addedLines.push(n);
}

function close(open: OpenHunk): Hunk {
  return {
    newStart: open.newStart,
    newLines: open.newLines,
    oldStart: open.oldStart,
    oldLines: open.oldLines,
    rightLines: open.rightLines,
    addedLines: open.addedLines,
    rightText: open.rightText,
  };
}
