import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { createTwoFilesPatch, structuredPatch } from "diff";
import { hunkContaining, hunkShowsRange, parsePatch } from "../../src/diff/parse-patch.js";
import { githubPatch, tcpdumpDeployment } from "./scenarios.js";

const fixture = (name: string, file: string): string | null => {
  try {
    return readFileSync(new URL(`../fixtures/patches/${name}/${file}`, import.meta.url), "utf8");
  } catch {
    return null;
  }
};

/** GitHub's form of a git patch: the hunks only. */
const hunksOnly = (patch: string): string => {
  const at = patch.indexOf("\n@@");
  return at < 0 ? "" : patch.slice(at + 1);
};

/** Every RIGHT-side line the patch shows is that line of the head text. */
function expectShowsHead(patch: string, head: string): void {
  const headLines = head.split("\n").map((l) => l.replace(/\r$/, ""));
  for (const hunk of parsePatch(patch)) {
    expect(hunk.rightLines.length).toBe(hunk.newLines);
    for (const n of hunk.rightLines) expect(hunk.rightText.get(n)).toBe(headLines[n - 1]);
  }
}

describe("parsePatch on real git output", () => {
  const cases = ["sniffer", "one-line", "nonl", "crlf", "added", "removed", "empty", "renamed"];
  it.each(cases)("%s: full diff and GitHub's hunks-only form read alike", (name) => {
    const patch = fixture(name, "git.patch") ?? "";
    expect(parsePatch(hunksOnly(patch))).toEqual(parsePatch(patch));
    expectShowsHead(patch, fixture(name, "head") ?? "");
  });

  it("reads both hunks of a Deployment change with their headers' numbers", () => {
    const hunks = parsePatch(fixture("sniffer", "git.patch") ?? "");
    expect(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [6, 7, 6, 7],
      [22, 6, 22, 8],
    ]);
    expect(hunks[0]?.rightLines).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(hunks[0]?.addedLines).toEqual([9]);
    expect(hunks[1]?.rightLines).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
    expect(hunks[1]?.addedLines).toEqual([25, 26]);
    expect(hunks[1]?.rightText.get(26)).toBe("            privileged: true");
  });

  it("omitted counts mean 1 and no-newline markers are not lines", () => {
    const [hunk, ...rest] = parsePatch(fixture("one-line", "git.patch") ?? "");
    expect(rest).toEqual([]);
    expect(hunk).toMatchObject({ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 });
    expect(hunk?.rightLines).toEqual([1]);
    expect(hunk?.addedLines).toEqual([1]);
    expect(hunk?.rightText.get(1)).toBe("replicas: 2");
  });

  it("a marker after a removed line leaves the added lines alone", () => {
    const [hunk] = parsePatch(fixture("nonl", "git.patch") ?? "");
    expect(hunk?.rightLines).toEqual([1, 2, 3]);
    expect(hunk?.addedLines).toEqual([2, 3]);
  });

  it("CRLF lines lose their \\r", () => {
    const [hunk] = parsePatch(fixture("crlf", "git.patch") ?? "");
    expect(hunk?.addedLines).toEqual([6]);
    expect(hunk?.rightText.get(6)).toBe("  hostNetwork: true");
  });

  it("a new file is one hunk of added lines; a removed file shows no head line", () => {
    const [added] = parsePatch(fixture("added", "git.patch") ?? "");
    expect(added).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 9 });
    expect(added?.addedLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [removed] = parsePatch(fixture("removed", "git.patch") ?? "");
    expect(removed).toMatchObject({ oldStart: 1, oldLines: 4, newStart: 0, newLines: 0 });
    expect(removed?.rightLines).toEqual([]);
  });

  it("an empty file, an empty patch and headers alone have no hunks", () => {
    expect(parsePatch(fixture("empty", "git.patch") ?? "x")).toEqual([]);
    expect(parsePatch("")).toEqual([]);
  });
});

describe("parsePatch on patches made by the diff package", () => {
  const base = tcpdumpDeployment();
  const head = tcpdumpDeployment("          securityContext:\n            privileged: true\n")
    .replace("replicas: 1", "replicas: 3")
    .replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 5");

  it("agrees with the diff package's own structured hunks", () => {
    const expected = structuredPatch("a", "b", base, head, "", "", { context: 3 }).hunks;
    const hunks = parsePatch(createTwoFilesPatch("a", "b", base, head, "", "", { context: 3 }));
    expect(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual(
      expected.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
    );
    for (const [i, h] of hunks.entries()) {
      const lines = expected[i]?.lines ?? [];
      const right = lines.filter((l) => l[0] === " " || l[0] === "+");
      expect(h.rightLines.map((n) => h.rightText.get(n))).toEqual(right.map((l) => l.slice(1)));
      expect(h.addedLines.length).toBe(lines.filter((l) => l[0] === "+").length);
    }
    expectShowsHead(githubPatch(base, head), head);
  });

  it("reads a content line that looks like a hunk header or file header as content", () => {
    const b = "a: 1\nb: 2\nc: 3\n";
    const h = "a: 1\n@@ -1,2 +1,2 @@\n--- x\n+++ y\nb: 2\nc: 3\n";
    const patch = githubPatch(b, h);
    const hunks = parsePatch(patch);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]?.addedLines).toEqual([2, 3, 4]);
    expectShowsHead(patch, h);
  });

  it("keeps the whole file in one hunk with unlimited context", () => {
    const patch = createTwoFilesPatch("a", "b", base, head, "", "", { context: Infinity });
    const [hunk, ...rest] = parsePatch(patch);
    expect(rest).toEqual([]);
    expect(hunk?.rightLines.length).toBe(head.split("\n").length - 1);
  });

  it("reads a blank context line whose leading space was stripped", () => {
    const patch = "@@ -1,3 +1,4 @@\n a\n\n+b\n c";
    expect(parsePatch(patch)[0]?.rightLines).toEqual([1, 2, 3, 4]);
    expect(parsePatch(patch)[0]?.addedLines).toEqual([3]);
  });
});

describe("hunkContaining and hunkShowsRange", () => {
  const hunks = parsePatch(fixture("sniffer", "git.patch") ?? "");

  it("finds the hunk that shows a head line, context lines included", () => {
    expect(hunkContaining(hunks, 6)).toBe(hunks[0]);
    expect(hunkContaining(hunks, 12)).toBe(hunks[0]);
    expect(hunkContaining(hunks, 26)).toBe(hunks[1]);
    expect(hunkContaining(hunks, 13)).toBeNull();
    expect(hunkContaining(hunks, 5)).toBeNull();
    expect(hunkContaining(hunks, 30)).toBeNull();
  });

  it("accepts a range only when every line is in that hunk", () => {
    const second = hunks[1];
    if (!second) throw new Error("no second hunk");
    expect(hunkShowsRange(second, 25, 26)).toBe(true);
    expect(hunkShowsRange(second, 22, 29)).toBe(true);
    expect(hunkShowsRange(second, 21, 25)).toBe(false);
    expect(hunkShowsRange(second, 26, 25)).toBe(false);
  });
});
