import type { Level } from "../core/types.js";

/**
 * Settings written the safe way, removed before screening so they do not force a full parse.
 * Each pattern matches one whole, exactly safe setting; anything else stays and is screened.
 */
const SAFE_SETTINGS = [
  /\bprivileged["']?[ \t]*:[ \t]*["']?false\b["']?/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\r?\n[ \t]*["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\r?\n/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\{[ \t]*["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\}/g,
  /\bprocMount["']?[ \t]*:[ \t]*["']?Default\b["']?/g,
];

/** Keys and values that any baseline finding needs to have in its document's text. */
const BASELINE_TRIGGERS =
  /privileged|host(?:Network|PID|IPC|Port|Path|Process|Users)|\bhost["']?\s*:|\badd["']?\s*:|seccomp|apparmor|selinux|procMount|sysctls|\\[ux]/i;

/**
 * A cheap, conservative test of whether a document can hold a finding at `level`, so that the
 * full parse (which gives exact positions) runs only where it can matter. It never says no to a
 * document that has a finding: at baseline every finding needs one of the trigger words in the
 * text (escapes in quoted keys count as a trigger); at restricted a left-out setting is itself a
 * finding, so every document is parsed.
 */
export function mayHaveFindings(text: string, level: Level): boolean {
  if (level === "restricted") return true;
  if (!BASELINE_TRIGGERS.test(text)) return false;
  let rest = text;
  for (const safe of SAFE_SETTINGS) rest = rest.replace(safe, "");
  return BASELINE_TRIGGERS.test(rest);
}
