/**
 * Inline exceptions, for file kinds without annotations (Compose, dev containers, scripts, CI
 * files): a comment on the line above a setting,
 *
 *     # privilege-guard: allow container-privileged -- runs the CI's Docker-in-Docker daemon
 *
 * naming one or more rules (rule ids or PSS control ids, separated by commas or spaces) and a
 * reason after ` -- `. The reason is mandatory: a comment without one accepts nothing. The kind's
 * parser finds the comment (never a text search); this module reads its text. Adapters treat the
 * reason as they treat an annotation's (`allowAnnotationExceptions`, "requested in this PR").
 */
export interface InlineException {
  readonly rules: readonly string[];
  /** The reason, trimmed; null when none is given. */
  readonly reason: string | null;
}

const MARKER = /^(?:#+|\/\/+|\/\*+)\s*/;
const EXCEPTION = /^privilege-guard:\s*allow(?=\s)(.*)$/;
/** The ` -- ` between the rules and the reason. */
const SEPARATOR = /(?:^|\s)--(?=\s|$)/;
const RULE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The exception a comment states (marker included or not), or null for any other comment. */
export function parseInlineException(comment: string): InlineException | null {
  const body = comment.trim().replace(MARKER, "");
  const match = EXCEPTION.exec(body.replace(/\s*\*\/\s*$/, ""));
  if (!match) return null;
  const rest = match[1] ?? "";
  const cut = rest.search(SEPARATOR);
  const rules = (cut === -1 ? rest : rest.slice(0, cut)).split(/[\s,]+/).filter(Boolean);
  if (rules.length === 0 || !rules.every((r) => RULE_NAME.test(r))) return null;
  const reason =
    cut === -1
      ? ""
      : rest
          .slice(cut)
          .replace(/^\s*--/, "")
          .trim();
  return { rules, reason: reason === "" ? null : reason };
}

/**
 * The reason an inline exception on the line above `line` (1-based) gives for a rule, or null.
 * `comments` maps 1-based lines to the comment standing alone on that line.
 */
export function inlineExceptionReason(
  comments: ReadonlyMap<number, string>,
  lines: readonly number[],
  rule: { readonly id: string; readonly pss: { readonly control: string } | null },
): string | null {
  for (const line of lines) {
    const comment = comments.get(line - 1);
    if (comment === undefined) continue;
    const exception = parseInlineException(comment);
    if (!exception?.reason) continue;
    if (exception.rules.some((r) => r === rule.id || r === rule.pss?.control))
      return exception.reason;
  }
  return null;
}
