/**
 * Reads `.github/privilege-guard.yml`. Never throws: every problem becomes a "path: message" line
 * (a YAML syntax error as "line L, column C: message"), and on any error the defaults are used.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type Config, configSchema, defaultConfig } from "./schema.js";

export interface ParsedConfig {
  readonly config: Config;
  readonly errors: string[];
  /** The top-level options the file sets (the rest of `config` is defaults). */
  readonly given?: readonly (keyof Config)[];
}

/** `null` (no file), an empty file, or one holding only comments or `~`: the defaults. */
export function parseConfig(text: string | null): ParsedConfig {
  if (text === null) return { config: defaultConfig(), errors: [], given: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `line ${pos.line}, column ${pos.col}: ${firstLine(e.message)}`;
    });
    return { config: defaultConfig(), errors };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = configSchema.safeParse(value ?? {}, { reportInput: true });
  if (result.success)
    return { config: result.data, errors: [], given: Object.keys(value ?? {}) as (keyof Config)[] };
  const where = (path: readonly PropertyKey[]): string => {
    const line = lineOf(doc.contents, path, lineCounter);
    return line === null ? "" : ` (line ${line})`;
  };
  return {
    config: defaultConfig(),
    errors: result.error.issues.flatMap((i) => describe(i, where)),
  };
}

function describe(
  issue: z.core.$ZodIssue,
  where: (path: readonly PropertyKey[]) => string,
): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return `${formatPath(path)}: unknown key${where(path)}`;
    });
  }
  const message = messageOf(issue);
  return [`${formatPath(issue.path)}: ${message}${where(issue.path)}`];
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "required";
  if (issue.input === null && issue.path.length > 0) {
    const list = issue.code === "invalid_type" && issue.expected === "array";
    return `empty value${list ? " (`[]` for an empty list)" : ""}: give a value or remove the key`;
  }
  return lowerFirst(issue.message);
}

/** `exceptions[0].reason`; the whole file is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Line of the deepest entry along `path` that exists in the document (a key's own line). */
function lineOf(root: unknown, path: readonly PropertyKey[], lc: LineCounter): number | null {
  let node: unknown = root;
  let line = rangeLine(node, lc);
  for (const part of path) {
    const step = stepInto(node, part);
    if (!step) break;
    line = rangeLine(step.at, lc) ?? line;
    node = step.value;
  }
  return line;
}

/** The child at `part`: where it is written (a map key, a sequence item) and its value. */
function stepInto(node: unknown, part: PropertyKey): { at: unknown; value: unknown } | null {
  if (isSeq(node) && typeof part === "number") {
    const item = node.items[part];
    return item === undefined ? null : { at: item, value: item };
  }
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
    return pair ? { at: pair.key, value: pair.value } : null;
  }
  return null;
}

function rangeLine(node: unknown, lc: LineCounter): number | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lc.linePos(range[0]).line : null;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

function lowerFirst(message: string): string {
  return message.length > 0 ? message[0]?.toLowerCase() + message.slice(1) : message;
}
