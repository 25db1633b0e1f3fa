import picomatch from "picomatch";
import { baseName, invocations } from "./command-line.js";
import { parseImageRef } from "./image-ref.js";
import type { ContainerFacts, Match } from "./types.js";

const GLOB = { dot: true, nocase: true } as const;

/** What matching reads from a container's facts, computed once per container. */
export interface FactIndex {
  readonly image: ReturnType<typeof parseImageRef> | null;
  readonly invocations: ReturnType<typeof invocations>;
  /** Every word of every command line, quotes removed. */
  readonly words: readonly string[];
  readonly paths: readonly string[];
  readonly devices: readonly string[];
  readonly ports: readonly { readonly port: number; readonly protocol: string }[];
  readonly environment: readonly string[];
}

export function indexFacts(facts: ContainerFacts): FactIndex {
  const command = facts.command ?? [];
  const args = facts.args ?? [];
  const lines = [[...command, ...args], ...(facts.probes ?? [])];
  const found = lines.flatMap((argv) => invocations(argv));
  return {
    image: facts.image ? parseImageRef(facts.image) : null,
    invocations: found,
    words: [...lines.flat(), ...found.flatMap((i) => [i.path, ...i.args])],
    paths: [...(facts.mountPaths ?? []), ...(facts.hostPaths ?? [])].map(trimSlash),
    devices: (facts.devices ?? []).map(trimSlash),
    ports: (facts.ports ?? []).flatMap((p) => parsePort(p) ?? []),
    environment: facts.environment ?? [],
  };
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

function parsePort(text: string): { port: number; protocol: string } | null {
  const m = /^\s*(\d{1,5})(?:\s*\/\s*([a-z]+))?\s*$/i.exec(text);
  if (!m) return null;
  return { port: Number(m[1]), protocol: (m[2] ?? "tcp").toLowerCase() };
}

/** A compiled `match`: the first signal found in a container, described (`program tcpdump`), or null. */
export type SignalFinder = (facts: FactIndex) => string | null;

type Test = (value: string) => boolean;

/**
 * A glob test as the catalogue matches (`*`, `**`, case-insensitive). Most of the catalogue's
 * patterns are plain names (`tcpdump`, `/dev/net/tun`): for one without a character picomatch
 * treats specially, the test is the regular expression picomatch would build for it
 * (`^(?:name)$`, case-insensitive), without compiling a glob at start-up or picomatch's work per
 * call; a test holds the two to the same answers.
 */
export function compile(pattern: string): Test {
  if (pattern !== "" && !pattern.includes("\\") && !GLOB_SYNTAX.test(pattern)) {
    const re = new RegExp(`^(?:${pattern.replace(REGEX_SYNTAX, "\\$&")})$`, "i");
    return (value) => value !== "" && re.test(value);
  }
  return picomatch(pattern, GLOB);
}

/** Characters that make a pattern more than a plain name for picomatch. */
const GLOB_SYNTAX = /[*?[\]{}()!+@|^$]|^\.\.?(?:\/|$)|\/\.\.?(?:\/|$)|\/\/|\/$|^\.\//;
const REGEX_SYNTAX = /[.*+?^${}()|[\]\\/-]/g;

/** Compiles a match's globs once, so that a catalogue is matched against many containers cheaply. */
export function compileMatch(match: Match): SignalFinder {
  const programs = (match.programs ?? []).map((pattern) => {
    const [program = "", ...argGlobs] = pattern.split(" ");
    return { test: compile(program), byPath: program.includes("/"), args: argGlobs.map(compile) };
  });
  const images = (match.images ?? []).map(compileImage);
  const scripts = (match.scripts ?? []).map(compile);
  const args = (match.arguments ?? []).map(compile);
  const paths = (match.mountPaths ?? []).map(compile);
  const devices = (match.devices ?? []).map(compile);
  const ports = match.ports ?? [];
  const environment = (match.environment ?? []).map(compile);
  return (facts) => {
    for (const p of programs) {
      for (const i of facts.invocations) {
        if (!(p.test(i.program) || (p.byPath && p.test(i.path)))) continue;
        if (p.args.length === 0) return `program \`${i.program}\``;
        const arg = i.args.find((a) => p.args.some((t) => t(a)));
        if (arg !== undefined) return `program \`${i.program} ${arg}\``;
      }
    }
    const image = facts.image;
    if (image && images.some((m) => m(image))) return `image \`${image.path}\``;
    for (const test of scripts) {
      const hit = facts.words.find(
        (w) => (w.includes("/") || /\.[a-z]+$/i.test(w)) && test(baseName(w)),
      );
      if (hit) return `script \`${baseName(hit)}\``;
    }
    for (const test of args) {
      const hit = facts.words.find((w) => test(w));
      if (hit) return `argument \`${hit}\``;
    }
    for (const test of paths) {
      const hit = facts.paths.find((p) => test(p));
      if (hit) return `mount \`${hit}\``;
    }
    for (const test of devices) {
      const hit = facts.devices.find((d) => test(d));
      if (hit) return `device \`${hit}\``;
    }
    for (const pattern of ports) {
      const hit = facts.ports.find((p) => portMatches(pattern, p));
      if (hit) return `port ${hit.port}/${hit.protocol.toUpperCase()}`;
    }
    for (const test of environment) {
      const hit = facts.environment.find((name) => test(name));
      if (hit) return `environment variable \`${hit}\``;
    }
    return null;
  };
}

function compileImage(pattern: string): (image: NonNullable<FactIndex["image"]>) => boolean {
  const colon = pattern.indexOf(":");
  const namePattern = colon >= 0 ? pattern.slice(0, colon) : pattern;
  const name = compile(namePattern);
  const tag = colon >= 0 ? compile(pattern.slice(colon + 1)) : null;
  const depth = namePattern.split("/").length;
  return (image) => {
    const subject = depth > 1 ? image.path.split("/").slice(-depth).join("/") : image.name;
    return name(subject) && (tag === null || tag(image.tag ?? "latest"));
  };
}
function portMatches(pattern: string, port: { port: number; protocol: string }): boolean {
  const range = /^(\d+)-(\d+)$/.exec(pattern);
  if (range) return port.port >= Number(range[1]) && port.port <= Number(range[2]);
  const single = parsePort(pattern);
  if (!single) return false;
  return single.port === port.port && (!pattern.includes("/") || single.protocol === port.protocol);
}

/** An entry of a data table, found by what a container runs, and the signal that showed it. */
export interface Found<E> {
  readonly entry: E;
  readonly signal: string;
}

/**
 * A finder over a data table whose entries a container is recognised by (`match`), compiled once:
 * the first entry `accept` takes of which the container shows a signal, or null.
 */
export function tableFinder<E extends { readonly match: Match }>(
  entries: readonly E[],
): (facts: ContainerFacts, accept: (entry: E) => boolean) => Found<E> | null {
  const compiled = entries.map((entry) => ({ entry, find: compileMatch(entry.match) }));
  return (facts, accept) => {
    const candidates = compiled.filter((c) => accept(c.entry));
    if (candidates.length === 0) return null;
    const index = indexFacts(facts);
    for (const { entry, find } of candidates) {
      const signal = find(index);
      if (signal) return { entry, signal };
    }
    return null;
  };
}
