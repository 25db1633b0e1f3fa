/**
 * The engine's public data model. Everything here is plain data: the App, the CLI and every
 * reporter build on these types and nothing else from the engine's internals.
 */

/** Pod Security Standards level. Baseline is the default; restricted adds its own checks. */
export type Level = "baseline" | "restricted";

/** How bad a finding is, most severe first. */
export type Severity = "critical" | "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** A Pod Security Admission check id, exactly as PSA spells it. */
export type PssControl =
  | "privileged"
  | "hostNamespaces"
  | "hostPorts"
  | "hostPathVolumes"
  | "capabilities_baseline"
  | "seccompProfile_baseline"
  | "appArmorProfile"
  | "seLinuxOptions"
  | "procMount"
  | "sysctls"
  | "windowsHostProcess"
  | "hostProbesAndHostLifecycle"
  | "allowPrivilegeEscalation"
  | "runAsNonRoot"
  | "runAsUser"
  | "seccompProfile_restricted"
  | "capabilities_restricted"
  | "restrictedVolumes"
  | "procMount_restricted";

/** The layer of isolation a setting takes away; used to explain findings. */
export type Protection =
  | "capabilities"
  | "seccomp"
  | "apparmor"
  | "selinux"
  | "devices"
  | "namespaces"
  | "filesystem"
  | "privilege-escalation"
  | "user"
  | "kernel"
  | "network";

/** A place in a text: character offsets (end exclusive) and 1-based lines and columns (end inclusive line). */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * A fix as a GitHub suggestion block holds it: lines `line`..`endLine` (1-based, inclusive) of the
 * head text are replaced by `text`. `text` is whole lines, each ending in "\n" (an empty `text`
 * deletes the lines); it never holds the file's "\r".
 */
export interface Fix {
  readonly line: number;
  readonly endLine: number;
  readonly text: string;
  /** One sentence: what applying the fix changes. */
  readonly description: string;
  /**
   * Narrower findings the fix deliberately leaves in place of the one it clears (rule ids), e.g.
   * replacing `privileged: true` by `NET_RAW` still leaves a `capabilities-baseline` finding.
   */
  readonly trades: readonly string[];
}

/** The Kubernetes object a finding belongs to, when the document is one. */
export interface ResourceRef {
  readonly apiVersion: string | null;
  readonly kind: string;
  readonly name: string | null;
  readonly namespace: string | null;
}

/** One privileged setting found in a file. */
export interface Finding {
  /** Rule id, kebab-case (e.g. `privileged`, `capabilities-baseline`). */
  readonly ruleId: string;
  /** The PSA check id, or null for a rule outside the Pod Security Standards. */
  readonly pss: PssControl | null;
  readonly severity: Severity;
  readonly path: string;
  /** Head-text span of the setting, where it takes effect (an alias use, not its anchor). */
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  /** What is wrong, naming the container and field. */
  readonly message: string;
  /** One sentence saying what to do instead. */
  readonly remediation: string;
  /** The protections this setting removes. */
  readonly removes: readonly Protection[];
  /** Why it matters: which protection is gone and what an attacker gains. */
  readonly explanation: string;
  /** How to keep the setting as a justified exception, for workloads that truly need it. */
  readonly exception: string;
  readonly resource: ResourceRef | null;
  /** Container name (or `#index` when it has none); null for pod-level settings. */
  readonly container: string | null;
  /** The Compose service the setting belongs to; absent for other kinds. */
  readonly service?: string;
  /** Logical field path within the resource, e.g. `spec.template.spec.containers[app].securityContext.privileged`. */
  readonly field: string;
  /**
   * Semantic identity: the same for the same setting on the same object wherever it sits in the
   * file (line numbers, order, indentation and style do not enter it).
   */
  readonly identity: string;
  /** Short stable hash of identity (plus an occurrence index when identities repeat). */
  readonly fingerprint: string;
  readonly fix?: Fix;
  /**
   * The written reason of an exception declared on the object itself with a
   * `privilege-guard.io/allow-<ruleId>` annotation, or null. Adapters decide whether to honour it.
   */
  readonly annotatedException: string | null;
}

/**
 * A finding whose weight depends on the base side of a change (see docs/engine.md,
 * "Weakenings"): `rank` orders the setting's strictness (higher is stricter). A head finding is
 * introduced when the base holds the same identity at a higher rank. With `onlyWhenWeakened` the
 * finding is that comparison alone: `scan` drops it, and a diff reports it only as a weakening
 * (never as existing or resolved); without it, it is an ordinary finding that a diff also reports
 * when the change lowers its rank. Engine-internal: findings returned carry none.
 */
export interface Weakening {
  readonly rank: number;
  /** The setting's value as it reads, for the message of a weakening (`restricted`). */
  readonly value: string;
  readonly onlyWhenWeakened: boolean;
}

/** Something that stopped (part of) a file from being scanned. Never silently dropped. */
export interface Problem {
  readonly path: string;
  /**
   * `parse-error`, `too-large`, `binary`, `too-deep`, `alias-limit`, `internal-error`,
   * `template-not-checked`, `contents-missing` (an adapter could not get the file's text),
   * `unreadable` (an adapter failed to read it) or `encoding` (its bytes are not UTF-8).
   */
  readonly code: ProblemCode;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type ProblemCode =
  | "parse-error"
  | "too-large"
  | "binary"
  | "too-deep"
  | "alias-limit"
  | "internal-error"
  | "contents-missing"
  /** A Helm chart template whose YAML could not be read with its template actions replaced. */
  | "template-not-checked"
  | "unreadable"
  | "encoding";

/** A file to scan. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Result of scanning one file. */
export interface FileResult {
  readonly path: string;
  /** Which file kind handled it (`kubernetes`), or null when no kind claims the path. */
  readonly kind: string | null;
  readonly findings: readonly Finding[];
  readonly problems: readonly Problem[];
}

/** One file of a change. `base` absent: the file is added; `head` absent: removed. */
export interface ChangedFile {
  readonly path: string;
  /** Path on the base side when the file was renamed. */
  readonly previousPath?: string;
  readonly base?: string | null;
  readonly head?: string | null;
}

/** What a change does to the findings. */
export interface DiffResult {
  /** Findings in head and not in base: what the change newly introduces. */
  readonly introduced: readonly Finding[];
  /** Findings in head that were already in base. */
  readonly existing: readonly Finding[];
  /** Findings in base that head no longer has. */
  readonly resolved: readonly Finding[];
  /**
   * Every finding of the base sides (without fixes), e.g. to tell whether an annotated exception
   * was already there before the change.
   */
  readonly base: readonly Finding[];
  /** Problems of the head files (a broken base file is not the change's concern). */
  readonly problems: readonly Problem[];
}

/** Resource bounds for untrusted input. */
export interface Limits {
  /** Largest file scanned, in characters. */
  readonly maxFileSize: number;
  /** Deepest nesting of collections accepted. */
  readonly maxDepth: number;
  /**
   * Fix verification re-scans the fixed document; one file may re-scan at most this many times its
   * own length (plus 1 MiB). Past it, findings are reported without fixes.
   */
  readonly maxFixScanFactor: number;
}

export interface ScanOptions {
  readonly level?: Level;
  readonly limits?: Partial<Limits>;
  /** Offer fixes (default true). Each offered fix has been verified by re-scanning. */
  readonly fixes?: boolean;
  /**
   * Helm charts the scanned paths belong to: the directory of each `Chart.yaml`, in the same
   * terms as the paths (`""` for a chart at the root). Files under a chart's `templates/` are read
   * as Go templates. Adapters find them (the CLI on disk, the App among the repository's paths).
   */
  readonly charts?: readonly string[];
  /**
   * Files read for context only, never reported: the templates of a chart whose `values.yaml` is
   * scanned, so that values are judged by the settings they feed. Files scanned (or, in a diff,
   * changed on the same side) serve as context too.
   */
  readonly context?: readonly SourceFile[];
}
