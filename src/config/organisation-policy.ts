/**
 * An organisation's policy (`.github/privilege-guard.yml` in its `.github` repository) is a floor
 * that a repository's own file may raise but never lower, for every option the policy sets: the
 * stricter level, the lower failing severity, the stricter conclusion for scan errors and unread
 * files, annotation exceptions only where both allow them. Lists add up: the organisation's
 * exceptions and path globs apply in every repository, next to the repository's own. Options the
 * policy leaves out are the repository's alone.
 */
import { SEVERITIES } from "../core/types.js";
import type { Config } from "./schema.js";

/**
 * Every key is decided here on purpose (no spread of either side): a new option must say how the
 * two files combine, or this does not type-check.
 */
export function withOrganisationPolicy(policy: Partial<Config>, repository: Config): Config {
  return {
    level: policy.level === "restricted" ? "restricted" : repository.level,
    // SEVERITIES runs from critical to low: a later entry fails on more findings.
    failOn:
      policy.failOn !== undefined &&
      SEVERITIES.indexOf(policy.failOn) > SEVERITIES.indexOf(repository.failOn)
        ? policy.failOn
        : repository.failOn,
    onError: policy.onError === "failure" ? "failure" : repository.onError,
    onUnreadable: policy.onUnreadable === "failure" ? "failure" : repository.onUnreadable,
    allowAnnotationExceptions:
      policy.allowAnnotationExceptions !== false && repository.allowAnnotationExceptions,
    exceptions: [...(policy.exceptions ?? []), ...repository.exceptions],
    paths: {
      include: union(policy.paths?.include ?? [], repository.paths.include),
      exclude: union(policy.paths?.exclude ?? [], repository.paths.exclude),
    },
    exceptionApproval: policy.exceptionApproval
      ? {
          // The organisation decides how a pending exception blocks and who may approve it: a
          // repository may only take the writers away, never add approvers of its own.
          conclusion: policy.exceptionApproval.conclusion,
          approvers: {
            writers:
              policy.exceptionApproval.approvers.writers &&
              repository.exceptionApproval.approvers.writers,
            teams: [...policy.exceptionApproval.approvers.teams],
          },
        }
      : repository.exceptionApproval,
    // How many inline comments a review carries is no security setting: the policy's when it
    // sets one (for every repository), the repository's otherwise.
    review: policy.review ?? repository.review,
  };
}

/** The options a parsed file sets, with their values: what a policy consists of. */
export function givenOptions(config: Config, given: readonly (keyof Config)[]): Partial<Config> {
  return Object.fromEntries(given.map((key) => [key, config[key]])) as Partial<Config>;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
