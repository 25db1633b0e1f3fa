/** Generated sections of Markdown documents, between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */

export function sectionMarkers(name: string): { readonly start: string; readonly end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** The text between the markers (without them), or null when the document lacks them. */
export function readSection(document: string, name: string): string | null {
  const { start, end } = sectionMarkers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end, from + start.length);
  if (from === -1 || to === -1) return null;
  return document.slice(from + start.length, to);
}

/**
 * The document with the section's content replaced by `content`, set off by blank lines. Throws
 * when the markers are missing, so a generator never silently writes nothing.
 */
export function replaceSection(document: string, name: string, content: string): string {
  const { start, end } = sectionMarkers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end, from + start.length);
  if (from === -1 || to === -1) throw new Error(`markers ${start} … ${end} not found`);
  const body = content.endsWith("\n") ? content : `${content}\n`;
  return `${document.slice(0, from + start.length)}\n\n${body}\n${document.slice(to)}`;
}
