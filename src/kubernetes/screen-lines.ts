import { checkPlainBlockYaml, type PlainBlockVisitor } from "../yaml/plain-block-check.js";
import {
  isDefaultCapability,
  isSafeScalar,
  isTriggerKey,
  isTriggerKind,
  SAFE_SECCOMP_TYPE,
} from "./screen-triggers.js";

/**
 * True when the line check (see `yaml/plain-block-check.ts`) proves a chunk well-formed YAML and
 * no key of it names a baseline trigger setting (see `screen-triggers.ts`) other than ones written
 * exactly the safe way, nor a `kind` the policy rules read: then no baseline finding and no syntax error can be in it. False means
 * "not proven": a real reading decides. The keys it judges are the parser's own keys, since the
 * subset the line check admits has no escapes, aliases, merge keys or tags.
 */
export function linesProveNoFinding(text: string): boolean {
  const screen = new LineScreen();
  return checkPlainBlockYaml(text, screen) && screen.end();
}

/** A trigger setting whose value's entries are being judged: a seccomp profile or an `add` list. */
interface Watch {
  readonly key: "seccompProfile" | "add";
  readonly depth: number;
  /** Entries of the value seen so far: none at all is safe only as an empty flow `add: []`. */
  entries: number;
  readonly flow: boolean;
  safe: boolean;
}

/** Judges the walk's events; one instance per chunk. */
class LineScreen implements PlainBlockVisitor {
  #watch: Watch | null = null;

  key(key: string, depth: number, value: string | null): boolean {
    if (!this.#leave(depth)) return false;
    const watch = this.#watch;
    if (watch) {
      // Inside a seccomp profile only `type: RuntimeDefault` is let through; in `add` no key.
      watch.entries++;
      watch.safe &&=
        watch.key === "seccompProfile" &&
        depth === watch.depth + 1 &&
        watch.entries === 1 &&
        key === "type" &&
        value === SAFE_SECCOMP_TYPE;
      return watch.safe;
    }
    if (!isTriggerKey(key)) return !isTriggerKind(key, value);
    if (key === "seccompProfile" || key === "add") {
      // Judged by its entries, which follow: a block value, or a flow one of the right kind.
      if (value !== null && value !== (key === "add" ? "[" : "{")) return false;
      this.#watch = { key, depth, entries: 0, flow: value !== null, safe: true };
      return true;
    }
    return value !== null && isSafeScalar(key, value);
  }

  item(depth: number, value: string | null): boolean {
    if (!this.#leave(depth)) return false;
    const watch = this.#watch;
    if (!watch) return true;
    watch.entries++;
    watch.safe &&=
      watch.key === "add" &&
      depth === watch.depth + 1 &&
      value !== null &&
      isDefaultCapability(value);
    return watch.safe;
  }

  /** Closes the watch that an event at `depth` is outside of; false if that setting was unsafe. */
  #leave(depth: number): boolean {
    const watch = this.#watch;
    if (!watch || depth > watch.depth) return true;
    this.#watch = null;
    return watch.safe && (watch.entries > 0 || (watch.flow && watch.key === "add"));
  }

  /** At the end of the chunk: false if a setting still being judged was unsafe. */
  end(): boolean {
    return this.#leave(-1);
  }
}
