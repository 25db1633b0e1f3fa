/**
 * The changes a fix makes, as plain data: a value to write, an op on a mapping by key path, and
 * how ops turn one plain value into the next. The MapEditor turns them into text edits.
 */
import type { Node } from "yaml";

/** A plain YAML value to write. */
export type Value =
  | string
  | number
  | boolean
  | null
  | readonly Value[]
  | { readonly [k: string]: Value };

/** One change to a mapping, addressed by a key path from that mapping. */
export type MapOp =
  | { readonly op: "set"; readonly path: readonly string[]; readonly value: Value }
  | { readonly op: "delete"; readonly path: readonly string[] }
  /** Adds scalars to a sequence (created when missing), skipping those already there. */
  | { readonly op: "addItems"; readonly path: readonly string[]; readonly items: readonly string[] }
  /** Removes scalars from a sequence. */
  | {
      readonly op: "removeItems";
      readonly path: readonly string[];
      readonly items: readonly string[];
    };

/** Ops grouped by the first key of their path, in order. */
export function groupByHead(ops: readonly MapOp[]): Map<string, MapOp[]> {
  const groups = new Map<string, MapOp[]>();
  for (const o of ops) {
    const head = o.path[0];
    if (head === undefined) continue;
    const list = groups.get(head) ?? [];
    list.push(o);
    groups.set(head, list);
  }
  return groups;
}

/** The op with its path one key shorter (relative to the first key's value). */
export function shift(o: MapOp): MapOp {
  return { ...o, path: o.path.slice(1) };
}

/** The value a key should have after `ops` (paths relative to the key), from `current`. */
export function buildValue(ops: readonly MapOp[], current: Value | undefined): Value | undefined {
  let value: Value | undefined = current;
  let changed = false;
  for (const o of ops) {
    const next = applyOp(value, o, o.path);
    if (next.changed) {
      value = next.value;
      changed = true;
    }
  }
  return changed ? value : undefined;
}

function applyOp(
  target: Value | undefined,
  op: MapOp,
  path: readonly string[],
): { value: Value | undefined; changed: boolean } {
  if (path.length === 0) {
    switch (op.op) {
      case "set":
        return { value: op.value, changed: true };
      case "delete":
        return { value: undefined, changed: target !== undefined };
      default: {
        const list = Array.isArray(target) ? (target as Value[]) : [];
        const next = applySeqOps(list, [op]);
        return next === null ? { value: target, changed: false } : { value: next, changed: true };
      }
    }
  }
  const [head, ...rest] = path as [string, ...string[]];
  const obj: Record<string, Value> =
    target && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, Value>) }
      : {};
  const inner = applyOp(obj[head], op, rest);
  if (!inner.changed) return { value: target, changed: false };
  if (inner.value === undefined) delete obj[head];
  else obj[head] = inner.value;
  return { value: obj, changed: true };
}

/** A sequence after add/remove ops, or null when they change nothing. */
export function applySeqOps(current: readonly Value[], ops: readonly MapOp[]): Value[] | null {
  let next = [...current];
  let changed = false;
  for (const o of ops) {
    if (o.op === "addItems") {
      for (const item of o.items) {
        if (!next.includes(item)) {
          next.push(item);
          changed = true;
        }
      }
    } else if (o.op === "removeItems") {
      const before = next.length;
      next = next.filter((v) => !(typeof v === "string" && o.items.includes(v)));
      if (next.length !== before) changed = true;
    }
  }
  return changed ? next : null;
}

/** A node as plain data (aliases resolved by the node itself). */
export function toPlain(node: Node): Value {
  return node.toJSON() as Value;
}
