/**
 * What every kind's fix verification asks of a re-scan of the fixed text, and how much re-scanning
 * a file may cost: a fix is offered only when the fixed text has fewer findings of the fixed
 * identity and no identity more often than before, except those of rules the fix knowingly trades
 * for it (an added capability in place of privileged mode).
 */
import type { Limits } from "../core/types.js";

/** Re-scanning allowed for fix verification on top of `maxFixScanFactor` times the file. */
export const FIX_SCAN_ALLOWANCE = 1024 * 1024;

/** The characters a file's fix verification may re-scan in all. */
export function rescanBudget(text: string, limits: Limits): { left: number } {
  return { left: limits.maxFixScanFactor * text.length + FIX_SCAN_ALLOWANCE };
}

/** Takes a re-scan of `text` from the budget; false (and nothing taken) when it does not fit. */
export function spendRescan(budget: { left: number }, text: string): boolean {
  if (budget.left < text.length) return false;
  budget.left -= text.length;
  return true;
}

export function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/**
 * Whether identities found after a fix show it removed `identity` and brought nothing else in but
 * findings of the `trades` rules. Identities end in `>ruleId`.
 */
export function fixResolves(
  identity: string,
  trades: readonly string[],
  before: ReadonlyMap<string, number>,
  after: readonly string[],
): boolean {
  const counts = countBy(after);
  if ((counts.get(identity) ?? 0) >= (before.get(identity) ?? 0)) return false;
  for (const [id, n] of counts) {
    if (n <= (before.get(id) ?? 0)) continue;
    if (!trades.includes(id.slice(id.lastIndexOf(">") + 1))) return false;
  }
  return true;
}
