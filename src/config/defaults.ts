/**
 * What an absent or empty `.github/privilege-guard.yml` means: every option's default. The schema
 * (`schema.ts`) takes its defaults from here, and a test checks that it fills in exactly this, so
 * a run without a configuration file needs neither the schema nor its validation library.
 */
import { DEFAULT_REVIEW_MAX_COMMENTS } from "./review-limits.js";
import type { Config } from "./schema.js";

/** Every path: which files are read is then up to the file kinds (manifests, scripts, CI files). */
export const DEFAULT_INCLUDE: readonly string[] = ["**"];

/**
 * The defaults as the schema reads them: typed without `Config`, whose type the schema infers
 * from these very values (`defaultConfig` below is then checked against it).
 */
export const CONFIG_DEFAULTS = {
  level: "baseline" as const,
  paths: { include: [...DEFAULT_INCLUDE], exclude: [] as string[] },
  failOn: "high" as const,
  onError: "failure" as const,
  onUnreadable: "failure" as const,
  exceptions: [] as never[],
  allowAnnotationExceptions: true,
  exceptionApproval: {
    conclusion: "action_required" as const,
    approvers: { writers: true, teams: [] as string[] },
  },
  review: { maxComments: DEFAULT_REVIEW_MAX_COMMENTS },
};

/** The configuration with every default, a copy of its own for each caller. */
export function defaultConfig(): Config {
  return structuredClone(CONFIG_DEFAULTS);
}
