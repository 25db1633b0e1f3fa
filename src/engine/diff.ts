import type { FileKind, RawFinding } from "../core/file-kind.js";
import type {
  ChangedFile,
  DiffResult,
  Finding,
  Problem,
  ScanOptions,
  SourceFile,
} from "../core/types.js";
import { ScanMemo } from "../core/scan-memo.js";
import { kindOptions, scanWith, withFingerprints } from "./scan.js";
import { baseRanks, matchedByIdentity, plain, weakened } from "./weakening.js";

/**
 * What a change newly introduces. Both sides of every changed file are scanned and findings are
 * matched by identity (object, field, rule), never by line, across all files of the change: moving
 * a block, reordering, re-indenting, restyling, renaming the file or moving an object to another
 * changed file introduces nothing. When an identity occurs more often in head than in base, the
 * extra occurrences (the last ones) are the introduced ones. A finding with a `Weakening` whose
 * rank the change lowers is introduced whatever its identity (see `weakening.ts`).
 */
export function diffChanges(
  kinds: readonly FileKind[],
  changes: readonly ChangedFile[],
  options?: ScanOptions,
): DiffResult {
  const head: RawFinding[] = [];
  const base: RawFinding[] = [];
  const problems: Problem[] = [];
  const context = options?.context ?? [];
  const heads: SourceFile[] = [];
  const bases: SourceFile[] = [];
  for (const c of changes) {
    if (typeof c.head === "string") heads.push({ path: c.path, text: c.head });
    if (typeof c.base === "string") bases.push({ path: c.previousPath ?? c.path, text: c.base });
  }
  const headRelated = [...heads, ...context];
  const baseRelated = [...bases, ...context];
  const headMemo = new ScanMemo();
  const baseMemo = new ScanMemo();
  for (const change of changes) {
    if (typeof change.head === "string") {
      const r = scanWith(
        kinds,
        { path: change.path, text: change.head },
        kindOptions(options, change.path, headRelated, headMemo),
      );
      for (const f of r.findings) head.push(f);
      for (const p of r.problems) problems.push(p);
    }
    if (typeof change.base === "string") {
      const basePath = change.previousPath ?? change.path;
      const r = scanWith(
        kinds,
        { path: basePath, text: change.base },
        { ...kindOptions(options, change.path, baseRelated, baseMemo), fixes: false },
      );
      for (const f of r.findings) base.push(f);
    }
  }
  const ranks = baseRanks(base);
  const lowered = new Map<RawFinding, RawFinding>();
  for (const f of head) {
    const w = weakened(f, ranks);
    if (w) lowered.set(f, w);
  }
  const headKept = head.filter((f) => matchedByIdentity(f) || lowered.has(f));
  const baseKept = base.filter(matchedByIdentity).map(plain);
  const headFindings = withFingerprints(headKept.map((f) => lowered.get(f) ?? plain(f)));
  const available = countBy(baseKept.map((f) => f.identity));
  const headCount = countBy(headKept.filter(matchedByIdentity).map((f) => f.identity));
  const introduced: Finding[] = [];
  const existing: Finding[] = [];
  const seen = new Map<string, number>();
  headFindings.forEach((f, i) => {
    if (lowered.has(headKept[i] as RawFinding)) {
      introduced.push(f);
      return;
    }
    const n = (seen.get(f.identity) ?? 0) + 1;
    seen.set(f.identity, n);
    const inBase = available.get(f.identity) ?? 0;
    const total = headCount.get(f.identity) ?? 0;
    // The first `inBase` occurrences match base; later ones are new.
    if (n <= Math.min(inBase, total)) existing.push(f);
    else introduced.push(f);
  });
  const baseFindings = withFingerprints(baseKept);
  const resolved: Finding[] = [];
  const used = new Map<string, number>();
  for (const f of baseFindings) {
    const n = (used.get(f.identity) ?? 0) + 1;
    used.set(f.identity, n);
    if (n > (headCount.get(f.identity) ?? 0)) resolved.push(f);
  }
  // Every base finding, those that are only a comparison included: an annotated exception on the
  // base side was reviewed there, whatever its rule.
  return { introduced, existing, resolved, base: withFingerprints(base.map(plain)), problems };
}

function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
