/**
 * Reads `.github/privilege-guard.yml`. Never throws, and does bounded, linear work whatever the
 * file holds: every problem becomes a "path: message" line (a YAML syntax error as "line L, column
 * C: message"), at most `MAX_CONFIG_ERRORS` of them plus a count of the rest, and on any error
 * the defaults are used. A file over `MAX_CONFIG_SIZE` is not parsed; aliases are bounded as
 * kubectl bounds them (see `alias-graph.ts`), and keys set twice are found in one walk (the
 * `yaml` package's own check is quadratic in the size of a mapping).
 */
import { isMap, isScalar, isSeq, LineCounter, type Pair, parseDocument, type YAMLMap } from "yaml";
import type { z } from "zod";
import { buildAliasGraph } from "../yaml/alias-graph.js";
import { type Config, configSchema, defaultConfig } from "./schema.js";

export interface ParsedConfig {
  readonly config: Config;
  readonly errors: string[];
  /** The top-level options the file sets (the rest of `config` is defaults). */
  readonly given?: readonly (keyof Config)[];
}

/** Far above any real configuration (a few hundred exceptions are a few dozen KB). */
export const MAX_CONFIG_SIZE = 256 * 1024;
/** Errors listed; the rest are counted in one last line. */
export const MAX_CONFIG_ERRORS = 50;

/** `null` (no file), an empty file, or one holding only comments or `~`: the defaults. */
export function parseConfig(text: string | null): ParsedConfig {
  if (text === null) return { config: defaultConfig(), errors: [], given: [] };
  try {
    return parseText(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return invalid([`(root): the configuration could not be read: ${firstLine(message)}`]);
  }
}

function parseText(text: string): ParsedConfig {
  if (text.length > MAX_CONFIG_SIZE) {
    return invalid([
      `(root): the file has ${text.length} characters; a configuration may have at most ${MAX_CONFIG_SIZE}`,
    ]);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): string => {
    const pos = lineCounter.linePos(offset);
    return `line ${pos.line}, column ${pos.col}`;
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    return invalid(doc.errors.map((e) => `${at(e.pos[0])}: ${firstLine(e.message)}`));
  }
  const graph = buildAliasGraph(doc);
  const refusal = graph.broken ?? graph.excessiveAliasing ?? graph.duplicate;
  if (refusal) return invalid([`${at(refusal.offset)}: ${refusal.message}`]);
  // Expansion is bounded by the alias check above.
  const value: unknown = doc.toJS({ maxAliasCount: -1 });
  const result = configSchema.safeParse(value ?? {}, { reportInput: true });
  if (result.success) {
    const given = Object.keys(value ?? {}) as (keyof Config)[];
    return { config: result.data, errors: [], given };
  }
  const where = lineFinder(doc.contents, lineCounter);
  const errors: string[] = [];
  let total = 0;
  for (const issue of result.error.issues) {
    for (const line of describe(issue, where, errors.length < MAX_CONFIG_ERRORS)) {
      total++;
      if (errors.length < MAX_CONFIG_ERRORS) errors.push(line);
    }
  }
  return invalid(errors, total);
}

/** The defaults with these errors, the list capped and the rest counted. */
function invalid(errors: readonly string[], total = errors.length): ParsedConfig {
  const shown = errors.slice(0, MAX_CONFIG_ERRORS);
  const left = total - shown.length;
  if (left > 0) shown.push(`… and ${left} more ${left === 1 ? "error" : "errors"}`);
  return { config: defaultConfig(), errors: shown };
}

/** The error lines of one issue; with `located` false only their number matters. */
function describe(
  issue: z.core.$ZodIssue,
  where: (path: readonly PropertyKey[]) => string,
  located: boolean,
): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return located ? `${formatPath(path)}: unknown key${where(path)}` : "";
    });
  }
  if (!located) return [""];
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

/**
 * ` (line N)` for the deepest entry along a path that exists in the document (a key's own line),
 * or "". Each mapping's keys are indexed once, so reporting many keys of one mapping stays linear.
 */
function lineFinder(root: unknown, lc: LineCounter): (path: readonly PropertyKey[]) => string {
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, part: PropertyKey): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!index.has(key)) index.set(key, pair);
      }
      indexes.set(map, index);
    }
    return index.get(String(part));
  };
  /** The child at `part`: where it is written (a map key, a sequence item) and its value. */
  const stepInto = (node: unknown, part: PropertyKey): { at: unknown; value: unknown } | null => {
    if (isSeq(node) && typeof part === "number") {
      const item = node.items[part];
      return item === undefined ? null : { at: item, value: item };
    }
    if (isMap(node)) {
      const pair = pairOf(node, part);
      return pair ? { at: pair.key, value: pair.value } : null;
    }
    return null;
  };
  return (path) => {
    let node: unknown = root;
    let line = rangeLine(node, lc);
    for (const part of path) {
      const step = stepInto(node, part);
      if (!step) break;
      line = rangeLine(step.at, lc) ?? line;
      node = step.value;
    }
    return line === null ? "" : ` (line ${line})`;
  };
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
