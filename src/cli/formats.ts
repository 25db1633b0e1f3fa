/** The output formats of the commands, known before any command module is loaded. */

/** `scan`, `diff` and `fix` output. */
export const FORMATS = ["text", "compact", "github", "json", "sarif", "junit"] as const;
export type Format = (typeof FORMATS)[number];

/** `rules` output. */
export const RULE_FORMATS = ["text", "markdown", "json"] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];
