import type { Level } from "../core/types.js";

/** The capabilities baseline allows adding (the container runtimes' defaults), as PSA spells them. */
const DEFAULT_CAPABILITY =
  "[\"']?(?:AUDIT_WRITE|CHOWN|DAC_OVERRIDE|FOWNER|FSETID|KILL|MKNOD|NET_BIND_SERVICE|SETFCAP|SETGID|SETPCAP|SETUID|SYS_CHROOT)[\"']?";

/**
 * Settings written the safe way, removed before screening so they do not force a full parse.
 * Each pattern matches one whole setting whose value is exactly safe, and only when nothing else
 * can belong to it: a block form must end right after its last line (no further line at that
 * indentation or deeper, not even after blank or comment lines), so that a repeated key (the last
 * one wins), another key of that mapping or a continuation line is never hidden. All patterns are
 * matched on the original text, so that one removal never makes another pattern match.
 */
const SAFE_SETTINGS = [
  /\bprivileged["']?[ \t]*:[ \t]*["']?false\b["']?/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\r?\n([ \t]*)["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\r?\n(?!(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*\1)/g,
  /\bseccompProfile["']?[ \t]*:[ \t]*\{[ \t]*["']?type["']?[ \t]*:[ \t]*["']?RuntimeDefault\b["']?[ \t]*\}/g,
  /\bprocMount["']?[ \t]*:[ \t]*["']?Default\b["']?/g,
  new RegExp(
    `\\badd["']?[ \\t]*:[ \\t]*\\r?\\n([ \\t]*)-[ \\t]+${DEFAULT_CAPABILITY}[ \\t]*\\r?\\n(?:\\1-[ \\t]+${DEFAULT_CAPABILITY}[ \\t]*\\r?\\n)*(?!(?:[ \\t]*(?:#[^\\r\\n]*)?\\r?\\n)*\\1[ \\t-])`,
    "g",
  ),
  new RegExp(
    `\\badd["']?[ \\t]*:[ \\t]*\\[[ \\t]*(?:${DEFAULT_CAPABILITY}[ \\t]*(?:,[ \\t]*${DEFAULT_CAPABILITY}[ \\t]*)*)?\\]`,
    "g",
  ),
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
 * A document it skips is not parsed by the `yaml` package; its syntax is still checked (see
 * `yaml/syntax-check.ts`), so a broken file is reported all the same.
 */
export function mayHaveFindings(text: string, level: Level): boolean {
  if (level === "restricted") return true;
  if (!BASELINE_TRIGGERS.test(text)) return false;
  return BASELINE_TRIGGERS.test(withoutSafeSettings(text));
}

/** The text with every safe setting cut out, each found on the original text. */
function withoutSafeSettings(text: string): string {
  const cuts: [number, number][] = [];
  for (const safe of SAFE_SETTINGS) {
    for (const m of text.matchAll(safe)) cuts.push([m.index, m.index + m[0].length]);
  }
  if (cuts.length === 0) return text;
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of cuts) {
    if (start > at) out += text.slice(at, start);
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}
