/**
 * The catalogue: the file kinds and rules Privilege Guard ships, wired to the engine. This is the
 * public interface adapters (the CLI, the GitHub App, the Action) and the package root use; it sits
 * above the engine (`src/engine/`, which runs any list of kinds) and the kinds and rules it lists.
 * Everything it returns is plain data (see `core/types.ts`).
 *
 * - `scan(files, options)`: every finding in each file.
 * - `diff(changes, options)`: the findings a change newly introduces, those it keeps, and those it
 *   resolves, matched by semantic identity.
 * - `rules`: the rule catalogue (id, title, severity, PSS control, rationale, remediation), for
 *   documentation, `explain` and SARIF rule metadata.
 */

import { githubActionsKind } from "../ci/github-actions-kind.js";
import { gitlabCiKind } from "../ci/gitlab-ci-kind.js";
import { composeKind } from "../compose/compose-kind.js";
import type { FileKind, FileReference } from "../core/file-kind.js";
import type {
  ChangedFile,
  DiffResult,
  FileResult,
  ScanOptions,
  SourceFile,
} from "../core/types.js";
import { devcontainerKind } from "../devcontainer/devcontainer-kind.js";
import { diffChanges, referencesOf, scanFiles } from "../engine/index.js";
import { kubernetesKind } from "../kubernetes/kubernetes-kind.js";
import { makefileKind } from "../makefile/makefile-kind.js";
import { CONTAINER_RULES } from "../rules/container/index.js";
import { KUBERNETES_RULES } from "../rules/index.js";
import { POD_SECURITY_RULES } from "../rules/pod-security/index.js";
import { shellKind } from "../shell/shell-kind.js";

export type { FileKind, FileReference } from "../core/file-kind.js";
export { PSS_CHECKS } from "../core/pss.js";
export type * from "../core/types.js";
export { applyLineFix } from "../fix/line-fix.js";
export { hasLoneCr } from "../yaml/line-breaks.js";

/** The file kinds in the order they claim files: the first that claims a path reads it. */
export const DEFAULT_KINDS: readonly FileKind[] = [
  githubActionsKind(CONTAINER_RULES),
  gitlabCiKind(CONTAINER_RULES),
  makefileKind(CONTAINER_RULES),
  shellKind(CONTAINER_RULES),
  // After GitLab CI (whose files may have a top-level `services:`), before Kubernetes.
  composeKind(CONTAINER_RULES),
  devcontainerKind(CONTAINER_RULES),
  kubernetesKind(KUBERNETES_RULES, {}, POD_SECURITY_RULES),
];

/** The file kinds the container runtime rules judge (each reads its syntax into the model). */
const CONTAINER_KIND_IDS: readonly string[] = [
  "compose",
  "devcontainer",
  "github-actions",
  "gitlab-ci",
  "makefile",
  "shell",
];

const info = (
  r:
    | (typeof KUBERNETES_RULES)[number]
    | (typeof POD_SECURITY_RULES)[number]
    | (typeof CONTAINER_RULES)[number],
  kinds: readonly string[],
) => ({
  id: r.id,
  title: r.title,
  pss: r.pss,
  /** Where `pss` is null: why no Pod Security Standards control covers the rule. */
  outsidePss: ("outsidePss" in r && r.outsidePss) || null,
  severity: r.severity,
  removes: r.removes,
  rationale: r.rationale,
  remediation: r.remediation,
  /** The file kinds whose findings this rule makes. */
  kinds,
});

/** Every rule, as documentation data. */
export const rules = [
  ...KUBERNETES_RULES.map((r) => info(r, ["kubernetes"])),
  ...POD_SECURITY_RULES.map((r) => info(r, ["kubernetes"])),
  ...CONTAINER_RULES.map((r) => info(r, CONTAINER_KIND_IDS)),
];

export type RuleInfo = (typeof rules)[number];

/** Whether the engine reads a file at this path (a file kind claims it). */
export function readsPath(path: string, kinds = DEFAULT_KINDS): boolean {
  return kinds.some((k) => k.claims(path));
}

/**
 * Whether a kind reads a file at this path whatever its content: a file here that is not text
 * (binary, not UTF-8) cannot pass unchecked. A path read only for what its text says (a script
 * without an extension, claimed by its shebang) holds nothing to check when it is not text.
 */
export function readsPathWithoutText(path: string, kinds = DEFAULT_KINDS): boolean {
  return kinds.some((k) => k.claims(path, ""));
}

export function scan(
  files: readonly SourceFile[],
  options?: ScanOptions,
  kinds = DEFAULT_KINDS,
): FileResult[] {
  return scanFiles(kinds, files, options);
}

export function diff(
  changes: readonly ChangedFile[],
  options?: ScanOptions,
  kinds = DEFAULT_KINDS,
): DiffResult {
  return diffChanges(kinds, changes, options);
}

/**
 * The other files a file refers to and its kind reads when they are at hand (`ScanOptions.context`):
 * a GitLab CI configuration's local includes (and, for a file that may be one, the project's
 * `.gitlab-ci.yml`), a Compose file's `extends.file`.
 */
export function references(
  file: SourceFile,
  options?: ScanOptions,
  kinds = DEFAULT_KINDS,
): readonly FileReference[] {
  return referencesOf(kinds, file, options);
}
