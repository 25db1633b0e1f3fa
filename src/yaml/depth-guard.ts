import type { CST } from "yaml";

/**
 * Bounds on nesting, checked before the `yaml` composer runs. The composer recurses once per level
 * (and V8 may abort the whole process, not throw, when a regular expression is compiled near the
 * end of the stack), so a document is composed only once its concrete syntax tree is known to be
 * at most `maxDepth` levels deep. The tree is measured without recursion.
 */

/**
 * A cheap upper bound on what the parser itself will have to nest, read from the text: the deepest
 * run of unclosed flow brackets (counted everywhere, quoted text and comments included, so it never
 * undercounts) and the longest run of compact block indicators (`- - - x`, `? ? x`) starting a line.
 * Nesting by indentation alone costs quadratic text, so the size limit already bounds it.
 * Returns the offset where the bound is first exceeded, or -1.
 */
export function textNestingExceeds(text: string, maxDepth: number): number {
  let flow = 0;
  let lineStart = true;
  let compact = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      compact = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 /* space */ || c === 13 /* \r */) continue;
      const next = text.charCodeAt(i + 1);
      const indicator = c === 45 /* - */ || c === 63 /* ? */ || c === 58; /* : */
      if (indicator && (next === 32 || next === 9) /* \t */) {
        if (++compact > maxDepth) return i;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++flow > maxDepth) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) flow--;
  }
  return -1;
}

type Frame = { readonly token: CST.Token; readonly depth: number };

/**
 * The deepest nesting of collections in one CST token (a document), measured with an explicit
 * stack. Stops early, returning a value over `maxDepth`, as soon as the bound is passed.
 */
export function cstDepth(root: CST.Token, maxDepth: number): number {
  const stack: Frame[] = [{ token: root, depth: 0 }];
  let max = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as Frame;
    if (depth > max) {
      max = depth;
      if (max > maxDepth) return max;
    }
    switch (token.type) {
      case "document":
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection":
        for (const item of token.items) {
          const { key, value } = item as CST.CollectionItem;
          if (key) stack.push({ token: key, depth: depth + 1 });
          if (value) stack.push({ token: value, depth: depth + 1 });
        }
        break;
      default:
        break;
    }
  }
  return max;
}
