/**
 * Findings judged against the base side of a change (`Weakening` in core/types.ts): a setting is
 * reported when the change lowers it, which neither side shows alone. Kind-independent: a file
 * kind says how strict a setting is (`rank`) and whether it counts only as a weakening.
 */
import { codeSpan } from "../core/code-span.js";
import type { RawFinding } from "../core/file-kind.js";

/** What a scan reports: findings that count only as a weakening dropped, none carrying one. */
export function withoutWeakenings(findings: readonly RawFinding[]): RawFinding[] {
  return findings.filter((f) => !f.weakening?.onlyWhenWeakened).map(plain);
}

/** A finding without its weakening data. */
export function plain(f: RawFinding): RawFinding {
  if (!f.weakening) return f;
  const { weakening: _, ...rest } = f;
  return rest;
}

/** The strictest rank the base holds for each identity, with that rank's value. */
export function baseRanks(
  base: readonly RawFinding[],
): Map<string, { readonly rank: number; readonly value: string }> {
  const out = new Map<string, { rank: number; value: string }>();
  for (const f of base) {
    const w = f.weakening;
    if (!w) continue;
    const known = out.get(f.identity);
    if (!known || w.rank > known.rank) out.set(f.identity, { rank: w.rank, value: w.value });
  }
  return out;
}

/**
 * The head finding as a weakening of the base, its message saying what the base had; null when
 * the base holds its identity at no higher rank (or not at all: a new object weakens nothing).
 */
export function weakened(
  f: RawFinding,
  ranks: ReadonlyMap<string, { readonly rank: number; readonly value: string }>,
): RawFinding | null {
  const w = f.weakening;
  if (!w) return null;
  const before = ranks.get(f.identity);
  if (!before || before.rank <= w.rank) return null;
  return { ...plain(f), message: `${f.message} The base side had ${codeSpan(before.value)}.` };
}

/** Whether a finding takes part in matching by identity (one that is only a weakening does not). */
export function matchedByIdentity(f: RawFinding): boolean {
  return !f.weakening?.onlyWhenWeakened;
}
