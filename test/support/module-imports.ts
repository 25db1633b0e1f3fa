/**
 * The modules a source file imports, read from the syntax tree swc parses (not by pattern): static
 * imports, re-exports and dynamic `import()` of a string. Used by the architecture tests.
 */
import { parseSync } from "@swc/core";

/** The module specifiers a TypeScript module imports, re-exports from or imports dynamically. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    const source = n.source as { type?: string; value?: unknown } | undefined;
    if (
      (n.type === "ImportDeclaration" ||
        n.type === "ExportAllDeclaration" ||
        n.type === "ExportNamedDeclaration") &&
      typeof source?.value === "string"
    ) {
      found.push(source.value);
    }
    if (n.type === "CallExpression" && (n.callee as { type?: string }).type === "Import") {
      const first = (n.arguments as { expression?: { type?: string; value?: unknown } }[])[0];
      if (
        first?.expression?.type === "StringLiteral" &&
        typeof first.expression.value === "string"
      ) {
        found.push(first.expression.value);
      }
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(parseSync(text, { syntax: "typescript" }).body);
  return found;
}
