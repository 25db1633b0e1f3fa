import { checkPlainBlockYaml, type PlainBlockVisitor } from "../yaml/plain-block-check.js";
import { isQuote, keyText } from "../yaml/plain-scalars.js";
import {
  isDefaultCapability,
  isSafeScalar,
  isTriggerKey,
  isTriggerKind,
  SAFE_SECCOMP_TYPE,
} from "./screen-triggers.js";

/**
 * The line check's verdict on a chunk (see `yaml/plain-block-check.ts`):
 * - `clear`: proven well-formed YAML in which no key names a baseline trigger setting (see
 *   `screen-triggers.ts`) other than ones written exactly the safe way, nor a `kind` the policy
 *   rules read: then no baseline finding and no syntax error can be in it;
 * - `trigger`: a key names such a setting or kind, not written the safe way: the chunk needs the
 *   full reading whatever else it holds (that reading also reports any syntax error after it);
 * - `unproven`: the text leaves the subset the line check knows; a real reading decides.
 * The keys it judges are the parser's own keys, since the subset the line check admits has no
 * escapes, aliases, merge keys or tags.
 */
export type LinesVerdict = "clear" | "trigger" | "unproven";

export function screenLines(text: string, printableAscii = false): LinesVerdict {
  const screen = new LineScreen();
  if (checkPlainBlockYaml(text, screen, printableAscii)) return screen.end() ? "clear" : "trigger";
  return screen.triggered ? "trigger" : "unproven";
}

/** True when the line check proves a chunk `clear` (see `screenLines`). */
export function linesProveNoFinding(text: string): boolean {
  return screenLines(text) === "clear";
}

/**
 * A scalar's value as a failsafe reading gives it (the tree screen's terms): quotes taken off, as
 * the subset's quoted scalars hold no escapes. A flow collection's bracket is no scalar: it is
 * compared as written, never through this.
 */
function scalarValue(value: string): string {
  return isQuote(value.charCodeAt(0)) ? keyText(value, 0, value.length) : value;
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
  /** Set when the walk stopped at a trigger rather than at text outside the subset. */
  triggered = false;

  key(key: string, depth: number, value: string | null): boolean {
    if (this.#judgeKey(key, depth, value)) return true;
    this.triggered = true;
    return false;
  }

  item(depth: number, value: string | null): boolean {
    if (this.#judgeItem(depth, value)) return true;
    this.triggered = true;
    return false;
  }

  #judgeKey(key: string, depth: number, value: string | null): boolean {
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
        value !== null &&
        scalarValue(value) === SAFE_SECCOMP_TYPE;
      return watch.safe;
    }
    if (!isTriggerKey(key)) return !isTriggerKind(key, value);
    if (key === "seccompProfile" || key === "add") {
      // Judged by its entries, which follow: a block value, or a flow one of the right kind.
      if (value !== null && value !== (key === "add" ? "[" : "{")) return false;
      this.#watch = { key, depth, entries: 0, flow: value !== null, safe: true };
      return true;
    }
    return value !== null && isSafeScalar(key, scalarValue(value));
  }

  #judgeItem(depth: number, value: string | null): boolean {
    if (!this.#leave(depth)) return false;
    const watch = this.#watch;
    if (!watch) return true;
    watch.entries++;
    watch.safe &&=
      watch.key === "add" &&
      depth === watch.depth + 1 &&
      value !== null &&
      isDefaultCapability(scalarValue(value));
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
