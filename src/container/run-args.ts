/**
 * Reads a container command line (`docker run …`, `podman create …`, `nerdctl run …`, or the
 * options of a GitHub Actions job container, which are `docker create` flags) into its flags, each
 * with the words it occupies, up to the image name. Flags after the image belong to the container's
 * own command and are not read. Parsing follows Docker's flag library (spf13/pflag): `--name=value`
 * and `--name value`, `-v value` and `-v=value`, combined short flags (`-itv /a:/b`), boolean flags
 * with an optional `=true|false`, and `--` ending the options.
 */
import { type ArgWord, DYNAMIC } from "./arg-word.js";
import {
  CONTAINER_CLIS,
  FLAG_ALIASES,
  GLOBAL_SHORT_VALUE_FLAGS,
  GLOBAL_VALUE_FLAGS,
  SHORT_FLAGS,
  VALUE_FLAGS,
} from "./run-flags.js";

/** One flag as written. */
export interface RunFlag {
  /** Canonical long name without dashes: `privileged`, `volume`, `cap-add`, `network`. */
  readonly name: string;
  /** The value, or null for a boolean flag written without one. */
  readonly value: string | null;
  /** True when the value (or the flag itself) is known only at run time. */
  readonly dynamic: boolean;
  /** How the flag was spelled (`--net`, `-v`, `-itv`). */
  readonly spelling: string;
  /** Indexes of the first and last word the flag occupies (a separate value is the next word). */
  readonly firstWord: number;
  readonly lastWord: number;
  /** Source range [start, end) of those words. */
  readonly start: number;
  readonly end: number;
  /** True when the word holds other flags as well (`-itv`): it cannot be edited alone. */
  readonly combined: boolean;
}

export interface RunArgs {
  readonly flags: readonly RunFlag[];
  /** The image word, or null when the words end (or go dynamic) before one. */
  readonly image: ArgWord | null;
}

/** A container command found in a command line: which program, which subcommand, its flags. */
export interface ContainerRun extends RunArgs {
  /** `docker`, `podman` or `nerdctl`. */
  readonly cli: string;
  /** `run` or `create`. */
  readonly subcommand: string;
  /** The words of the whole command, from the program name on. */
  readonly words: readonly ArgWord[];
  /** Index in `words` of the first word after the subcommand. */
  readonly argsStart: number;
}

const SUBCOMMANDS = new Set(["run", "create"]);

/**
 * The container run/create command that `words` (a program name and its arguments) is, if any:
 * `docker run`, `docker container create`, `podman --remote run`, `/usr/bin/nerdctl run`.
 */
export function containerRun(words: readonly ArgWord[]): ContainerRun | null {
  const program = words[0];
  if (!program || program.dynamic) return null;
  const cli = program.value.slice(program.value.lastIndexOf("/") + 1);
  if (!CONTAINER_CLIS.has(cli)) return null;
  let i = 1;
  // Global options before the subcommand.
  for (; i < words.length; i++) {
    const w = words[i];
    if (!w || w.dynamic || !w.value.startsWith("-") || w.value === "-") break;
    if (w.value.startsWith("--")) {
      const name = w.value.slice(2);
      if (!name.includes("=") && GLOBAL_VALUE_FLAGS.has(name)) i++;
    } else if (w.value.length === 2 && GLOBAL_SHORT_VALUE_FLAGS.has(w.value.slice(1))) i++;
  }
  let sub = words[i];
  if (sub && !sub.dynamic && sub.value === "container") sub = words[++i];
  if (!sub || sub.dynamic || !SUBCOMMANDS.has(sub.value)) return null;
  const argsStart = i + 1;
  return {
    cli,
    subcommand: sub.value,
    words,
    argsStart,
    ...runArgs(words, argsStart),
  };
}

/** Reads flags from `words[from]` up to the image (or the end: job container options). */
export function runArgs(words: readonly ArgWord[], from = 0): RunArgs {
  const flags: RunFlag[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i] as ArgWord;
    const v = w.value;
    if (v === "--") return { flags, image: words[i + 1] ?? null };
    if (v.startsWith(DYNAMIC)) {
      // `$OPTS`, unquoted, may be any number of flags: read on. Quoted, it is one word: the image.
      if (w.splits) continue;
      return { flags, image: w };
    }
    if (!v.startsWith("-") || v === "-") return { flags, image: w };
    if (v.startsWith("--")) {
      i = readLong(words, i, flags);
    } else {
      i = readShorts(words, i, flags);
    }
  }
  return { flags, image: null };
}

function canonical(name: string): string {
  return FLAG_ALIASES[name] ?? name;
}

/** `--name`, `--name=value` or `--name value`; returns the index of the last word used. */
function readLong(words: readonly ArgWord[], i: number, flags: RunFlag[]): number {
  const w = words[i] as ArgWord;
  const body = w.value.slice(2);
  const eq = body.indexOf("=");
  const rawName = eq === -1 ? body : body.slice(0, eq);
  const name = canonical(rawName);
  const spelling = `--${rawName}`;
  if (rawName.includes(DYNAMIC)) return i;
  if (eq !== -1) {
    const value = body.slice(eq + 1);
    flags.push(flag(name, value, w.dynamic, spelling, i, i, w, w, false));
    return i;
  }
  if (VALUE_FLAGS.has(rawName) || VALUE_FLAGS.has(name)) {
    const next = words[i + 1];
    if (!next) return i;
    flags.push(flag(name, next.value, next.dynamic, spelling, i, i + 1, w, next, false));
    return i + 1;
  }
  flags.push(flag(name, null, false, spelling, i, i, w, w, false));
  return i;
}

/** `-it`, `-v value`, `-v=value`, `-itv value`, `-itv/a:/b`; returns the index of the last word used. */
function readShorts(words: readonly ArgWord[], i: number, flags: RunFlag[]): number {
  const w = words[i] as ArgWord;
  const cluster = w.value.slice(1);
  const combined = cluster.length > 1;
  for (let k = 0; k < cluster.length; k++) {
    const c = cluster[k] as string;
    if (c === DYNAMIC) return i;
    const name = SHORT_FLAGS[c] ?? c;
    if (!VALUE_FLAGS.has(name)) {
      flags.push(flag(name, null, false, `-${c}`, i, i, w, w, combined));
      continue;
    }
    let rest = cluster.slice(k + 1);
    if (rest.startsWith("=")) rest = rest.slice(1);
    if (rest.length > 0 || k + 1 < cluster.length) {
      flags.push(flag(name, rest, w.dynamic, `-${c}`, i, i, w, w, combined));
      return i;
    }
    const next = words[i + 1];
    if (!next) return i;
    flags.push(flag(name, next.value, next.dynamic, `-${c}`, i, i + 1, w, next, combined));
    return i + 1;
  }
  return i;
}

function flag(
  name: string,
  value: string | null,
  dynamic: boolean,
  spelling: string,
  firstWord: number,
  lastWord: number,
  first: ArgWord,
  last: ArgWord,
  combined: boolean,
): RunFlag {
  return {
    name,
    value,
    dynamic: dynamic && value !== null,
    spelling,
    firstWord,
    lastWord,
    start: first.start,
    end: last.end,
    combined,
  };
}
