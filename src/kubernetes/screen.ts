import type { Level } from "../core/types.js";

/**
 * Settings written the safe way, removed before screening so they do not force a full parse.
 * Each pattern matches one whole setting whose value is exactly safe, and only when nothing else
 * can belong to it: the seccomp block form must end right after its `type` line (no further key
 * at that indentation or deeper, not even after blank or comment lines), so that a repeated
 * `type:` (the last one wins) or another key of that mapping is never hidden. Removing text can
 * only join its neighbours, which can add a trigger but never take one away.
 */
const SAFE_SETTINGS = [
  /\bprivileged["']?[ \t]*:[ \t]*["']?false\b["']?/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\r?\n([ \t]*)["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\r?\n(?!(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*\1)/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\{[ \t]*["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\}/g,
  /\bprocMount["']?[ \t]*:[ \t]*["']?Default\b["']?/g,
];

/**
 * Text that any baseline finding needs in its document: the key of the setting (compared without
 * case), `host`/`add` keys also with a comment before their colon (explicit `? key` form), and any
 * escape that could spell a key without its letters (`\x`, `\u`, `\U`, or an escaped line break
 * joining two halves of a double-quoted key).
 */
const BASELINE_TRIGGERS =
  /privileged|host(?:Network|PID|IPC|Port|Path|Process|Users)|\b(?:host|add)["']?(?:\s|#[^\n]*)*:|seccomp|apparmor|selinux|procMount|sysctls|\\[ux]|\\\r?\n/i;

/**
 * A cheap, conservative test of whether a document can hold a finding at `level`, so that the
 * full parse (which gives exact positions) runs only where it can matter. It never says no to a
 * document that has a finding: at baseline every finding needs one of the trigger words in the
 * text; at restricted a left-out setting is itself a finding, so every document is parsed.
 * A document it skips is not parsed at all, so its syntax errors are not reported either: they
 * could not hide a finding.
 */
export function mayHaveFindings(text: string, level: Level): boolean {
  if (level === "restricted") return true;
  if (!BASELINE_TRIGGERS.test(text)) return false;
  let rest = text;
  for (const safe of SAFE_SETTINGS) rest = rest.replace(safe, "");
  return BASELINE_TRIGGERS.test(rest);
}
