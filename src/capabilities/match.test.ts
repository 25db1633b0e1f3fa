/**
 * The catalogue's globs are matched as picomatch matches them: a plain name is tested with the
 * regular expression picomatch would build for it, without picomatch, and must answer the same.
 */
import { describe, expect, it } from "@jest/globals";
import picomatch from "picomatch";
import { CAPABILITY_CATALOGUE } from "./catalogue.js";
import { compile } from "./match.js";
import { PRIVILEGED_WORKLOADS } from "./privileged-workloads.js";
import type { Match } from "./types.js";

/** Every glob of a match, a program pattern's words each on its own, as `compileMatch` compiles them. */
function globs(match: Match): string[] {
  const lists = [
    match.images,
    match.scripts,
    match.arguments,
    match.mountPaths,
    match.devices,
    match.environment,
  ];
  return [
    ...(match.programs ?? []).flatMap((p) => p.split(" ")),
    ...lists.flatMap((l) => l ?? []),
    ...(match.images ?? []).flatMap((i) => i.split(":")),
  ];
}

const PATTERNS = [
  ...new Set([
    ...CAPABILITY_CATALOGUE.flatMap((e) => globs(e.match)),
    ...PRIVILEGED_WORKLOADS.flatMap((w) => [...globs(w.match), ...(w.hostPaths ?? [])]),
    // Corners of picomatch's reading of a plain name.
    "a.b",
    "/dev/net/tun",
    "./x",
    "x/",
    "a//b",
    "NET_ADMIN",
    "k",
  ]),
];

function subjects(pattern: string): string[] {
  return [
    pattern,
    pattern.toUpperCase(),
    pattern.toLowerCase(),
    `${pattern}/`,
    `./${pattern}`,
    `/${pattern}`,
    `x${pattern}`,
    `${pattern}x`,
    pattern.replace(/\./g, "X"),
    pattern.replace(/k/gi, "\u212a"),
    pattern.replace(/s/gi, "\u017f"),
    "",
    " ",
  ];
}

describe("compile", () => {
  it("answers as picomatch does for every pattern the catalogues hold", () => {
    expect(() => compile("")).toThrow();
    expect(PATTERNS.length).toBeGreaterThan(150);
    const everySubject = PATTERNS.flatMap(subjects);
    const differ: string[] = [];
    let agreed = 0;
    for (const pattern of PATTERNS) {
      const ours = compile(pattern);
      const theirs = picomatch(pattern, { dot: true, nocase: true });
      for (const subject of [...subjects(pattern), ...everySubject]) {
        if (ours(subject) === theirs(subject)) agreed++;
        else differ.push(`${pattern} on ${JSON.stringify(subject)}`);
      }
    }
    expect(differ).toEqual([]);
    expect(agreed).toBeGreaterThan(100_000);
  });
});
