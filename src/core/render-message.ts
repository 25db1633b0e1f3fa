import { codeSpan } from "./code-span.js";

/**
 * Fills `{{name}}` placeholders; throws on one left unfilled (a rule bug the rule tests catch).
 * The message is Markdown-safe whatever the manifest holds: a template's code span (`` `…` ``) is
 * re-fenced around its filled text (a container named ``x`y`` stays inside it), and a value
 * outside a code span that is more than plain words becomes a code span of its own, except the
 * values named in `markdown`: Markdown the caller built from code spans (a subject's label such as
 * ``service `web` ``), inserted as is outside the template's code spans.
 */
export function renderMessage(
  template: string,
  data: Readonly<Record<string, string>>,
  markdown: readonly string[] = [],
): string {
  const fill = (text: string, plain: (value: string) => string): string =>
    text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      const value = data[name];
      if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
      return markdown.includes(name) ? value : plain(value);
    });
  return template
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith("`") && part.endsWith("`") && part.length >= 2
        ? codeSpan(fill(part.slice(1, -1), (v) => v))
        : fill(part, (v) => (PLAIN_WORDS.test(v) ? v : codeSpan(v))),
    )
    .join("");
}

/** A value shown as is outside a code span: words, numbers and spaces only. */
const PLAIN_WORDS = /^[\w .,-]*$/;
