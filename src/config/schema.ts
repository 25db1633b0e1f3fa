/**
 * The schema of `.github/privilege-guard.yml`. Strict: an unknown key is an error (a misspelt
 * option must not be silently ignored). Defaults are filled in, so `Config` is complete.
 * The published JSON Schema (schema/privilege-guard.schema.json) is generated from it. The
 * defaults themselves are written once, in `defaults.ts`.
 */
import { z } from "zod";
import { rules } from "../catalogue/index.js";
import { CONFIG_DEFAULTS } from "./defaults.js";
import { MAX_REVIEW_COMMENTS } from "./review-limits.js";

export { DEFAULT_INCLUDE, defaultConfig } from "./defaults.js";

/** Each option's `.default` below comes from here (one source: `defaults.ts`). */
const DEFAULTS = CONFIG_DEFAULTS;

/** Rule ids and PSS control ids of the engine's rules: what an exception's `rule` may name. */
export function knownRuleNames(): string[] {
  const names = new Set<string>();
  for (const r of rules) {
    names.add(r.id);
    if (r.pss) names.add(r.pss.control);
  }
  return [...names];
}

const selector = (what: string) =>
  z
    .string()
    .min(1)
    .describe(`${what}: exact, or a glob (picomatch: \`*\`, \`?\`, \`[abc]\`, \`{a,b}\`).`);

export const exceptionSchema = z
  .strictObject({
    rule: z
      .string()
      .min(1)
      .refine((rule) => knownRuleNames().includes(rule), {
        error: (issue) =>
          `unknown rule ${JSON.stringify(issue.input)}; expected a rule id or PSS control id: ${knownRuleNames().join(", ")}`,
      })
      .describe(
        "The rule to accept: a rule id (`privileged`) or a PSS control id (`privileged`, `hostNamespaces`).",
      ),
    reason: z
      .string()
      .regex(/\S/, "a reason is required: say why this workload needs the setting")
      .describe("Why the workload needs the setting. Mandatory; shown in the check run."),
    namespace: selector("Namespace of the object").optional(),
    kind: selector("Kind of the object (case-insensitive), e.g. `DaemonSet`").optional(),
    name: selector("Name of the object").optional(),
    container: selector("Container name").optional(),
    service: selector("Compose service name").optional(),
    path: z
      .string()
      .min(1)
      .describe("File path, a glob (picomatch), e.g. `deploy/agents/**`.")
      .optional(),
  })
  .describe(
    "A finding to accept: every selector given must match (none given: the rule everywhere).",
  );

/** `org/team-slug`, as GitHub writes a team in a CODEOWNERS file (without the `@`). */
const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+$/;

export const exceptionApprovalSchema = z
  .strictObject({
    conclusion: z
      .enum(["action_required", "failure"])
      .default(DEFAULTS.exceptionApproval.conclusion)
      .describe(
        "Check conclusion while an exception requested in the pull request awaits approval; both block a required check.",
      ),
    approvers: z
      .strictObject({
        writers: z
          .boolean()
          .default(DEFAULTS.exceptionApproval.approvers.writers)
          .describe(
            "People with write or admin permission on the repository may approve (never the pull request's author).",
          ),
        teams: z
          .array(
            z
              .string()
              .regex(TEAM, "a team is written `org/team-slug`")
              .describe("A team, `org/team-slug`."),
          )
          .default(() => [...DEFAULTS.exceptionApproval.approvers.teams])
          .describe(
            "Members of these teams may approve (never the pull request's author). Needs the App's Members: read organization permission.",
          ),
      })
      .default(() => structuredClone(DEFAULTS.exceptionApproval.approvers))
      .describe("Who may approve an exception with `/privilege-guard approve <rule> [resource]`."),
  })
  .describe(
    "Exceptions a pull request requests for itself (an annotation it adds) keep the check from passing until someone other than its author approves them.",
  );

export const reviewSchema = z
  .strictObject({
    maxComments: z
      .int()
      .min(1)
      .max(MAX_REVIEW_COMMENTS)
      .default(DEFAULTS.review.maxComments)
      .describe(
        `Inline comments (each with its suggestion) in one review, most severe first; new findings past it are listed in the review body and the check run. At most ${MAX_REVIEW_COMMENTS}.`,
      ),
  })
  .describe("The review posted on a pull request.");

export const configSchema = z
  .strictObject({
    level: z
      .enum(["baseline", "restricted"])
      .default(DEFAULTS.level)
      .describe("Pod Security Standards level to check against."),
    paths: z
      .strictObject({
        include: z
          .array(z.string().min(1))
          .default(() => [...DEFAULTS.paths.include])
          .describe("Globs (picomatch) of the files to scan."),
        exclude: z
          .array(z.string().min(1))
          .default(() => [...DEFAULTS.paths.exclude])
          .describe("Globs of files never scanned, even when included."),
      })
      .default(() => structuredClone(DEFAULTS.paths))
      .describe("Which changed files are scanned."),
    failOn: z
      .enum(["critical", "high", "medium", "low"])
      .default(DEFAULTS.failOn)
      .describe("The check fails when a new finding is at least this severe."),
    onError: z
      .enum(["neutral", "failure"])
      .default(DEFAULTS.onError)
      .describe("Check conclusion when the scan itself fails. `neutral` lets the merge through."),
    onUnreadable: z
      .enum(["neutral", "failure"])
      .default(DEFAULTS.onUnreadable)
      .describe(
        "Check conclusion when a changed file that may hold manifests could not be read in full (a parse error, too large, binary, too deep, too many aliases, contents not returned by GitHub). Never `success`; `neutral` lets the merge through.",
      ),
    exceptions: z
      .array(exceptionSchema)
      .default(() => [...DEFAULTS.exceptions])
      .describe("Findings accepted as justified exceptions."),
    allowAnnotationExceptions: z
      .boolean()
      .default(DEFAULTS.allowAnnotationExceptions)
      .describe(
        "Honour `privilege-guard.io/allow-<rule>: <reason>` annotations on objects as exceptions.",
      ),
    exceptionApproval: exceptionApprovalSchema.default(() =>
      structuredClone(DEFAULTS.exceptionApproval),
    ),
    review: reviewSchema.default(() => structuredClone(DEFAULTS.review)),
  })
  .describe("Privilege Guard configuration (.github/privilege-guard.yml).");

export type Config = z.output<typeof configSchema>;
export type ConfigException = Config["exceptions"][number];
