/** The output formats of the commands, known before any command module is loaded. */

/** `scan`, `diff` and `fix` output. */
export const FORMATS = ["text", "compact", "github", "json", "sarif", "junit"] as const;
export type Format = (typeof FORMATS)[number];

/** Whether a format shows fixes: `compact` prints one line per finding, so its fixes are not computed. */
export function showsFixes(format: Format): boolean {
  return format !== "compact";
}

/** `rules` output. */
export const RULE_FORMATS = ["text", "markdown", "json"] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];
