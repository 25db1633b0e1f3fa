import type { ChunkReading } from "../yaml/parse-stream.js";
import { BASELINE_ALLOWED_CAPABILITIES } from "./pss-capabilities.js";

/** The names of the settings the baseline rules look at, as a pattern to build tests from. */
const SETTING_NAMES =
  "privileged|host(?:network|pid|ipc|port|path|process|users)|seccomp|apparmor|selinux|procmount";

/**
 * Keys that some baseline finding needs in its document, compared without case (the screen is
 * wider than the rules): the settings themselves, the seccomp and AppArmor annotations, and the
 * `host` of probes and lifecycle handlers and the capabilities' `add`.
 */
const TRIGGER_KEY = new RegExp(`${SETTING_NAMES}|sysctls|^(?:host|add)$`, "i");

/** Whether a mapping key may name a setting that a baseline rule looks at. */
export function isTriggerKey(key: string): boolean {
  return TRIGGER_KEY.test(key);
}

/**
 * Kinds whose objects the policy rules read whatever keys they hold (a Namespace without a
 * Pod Security label is compared with its base), as a YAML reader gives `kind`'s value.
 */
const TRIGGER_KINDS: ReadonlySet<string> = new Set([
  "Namespace",
  "AdmissionConfiguration",
  "PodSecurityConfiguration",
]);

/** Whether `key: value` names an object kind the policy rules read (value as read, or quoted). */
export function isTriggerKind(key: string, value: unknown): boolean {
  if (key !== "kind" || typeof value !== "string") return false;
  return TRIGGER_KINDS.has(value) || TRIGGER_KINDS.has(value.replace(/^(["'])(.*)\1$/, "$2"));
}

/**
 * Trigger settings whose scalar value can be exactly safe, with that value as a YAML reader gives
 * it (a failsafe reading: every scalar a string) and as it is written plainly.
 */
const SAFE_SCALARS: ReadonlyMap<string, string> = new Map([
  ["privileged", "false"],
  ["hostNetwork", "false"],
  ["hostPID", "false"],
  ["hostIPC", "false"],
  ["procMount", "Default"],
]);

/** Whether `key: value` is a trigger setting written exactly the safe way (value as read). */
export function isSafeScalar(key: string, value: string): boolean {
  return SAFE_SCALARS.get(key) === value;
}

/** The one safe seccomp profile a screen lets pass: `{type: RuntimeDefault}`. */
export const SAFE_SECCOMP_TYPE = "RuntimeDefault";

/** Whether a capability is one baseline allows adding, as PSA spells it. */
export function isDefaultCapability(name: string): boolean {
  return BASELINE_ALLOWED_CAPABILITIES.has(name);
}

/**
 * Words without which a piece of a chart template (an `else` branch) can hold no setting a rule
 * looks at, compared without case and wider than the rules: the trigger keys, what makes a pod or a
 * container (and so, at restricted, a setting left out), a mount's propagation (which a fix must
 * keep valid), what the capability catalogue reads of a container (its command, arguments, mounts,
 * ports, probes and devices), the volume sources restricted refuses
 * (`nfs:`, `rbd:`… written in a volume entry without the word "volume"), a Namespace's Pod
 * Security labels, and whatever brings text from elsewhere (values, variables, named templates).
 */
const SETTING_WORDS =
  /privileged|host|seccomp|apparmor|selinux|procmount|sysctl|capabilit|\badd\b|container|securitycontext|runas|escalation|volume|propagation|mountpath|command|args|port|probe|device|nfs|iscsi|gluster|rbd|cinder|ceph|flocker|\bfc\b|azure|quobyte|persistentdisk|elasticblockstore|gitrepo|scaleio|storageos|spec|template|image|kind|pod-security|values|include|toyaml|tpl|\$/i;

/** Whether template text may hold a setting a rule looks at (see `SETTING_WORDS`). */
export function mayHoldSetting(text: string): boolean {
  return SETTING_WORDS.test(text);
}

/**
 * Whether a scalar that a chart template writes with a conditional (`name: {{ if .a -}}\nx\n{{-
 * else -}}\ny\n{{- end }}`) may be a setting, from its own key (for a sequence item, the
 * sequence's), the key above it and the text of its branches: the key or the text holds a setting
 * word (`privileged`, `add`, an AppArmor annotation…), or the key above is a trigger key
 * (`seccompProfile.type`, `hostPath.path`, `sysctls[].value`). The key above is judged by the
 * trigger keys only: structural words (`spec`, `containers`) do not make a scalar under them one.
 */
export function scalarMayBeSetting(keys: readonly string[], text: string): boolean {
  const own = keys.at(-1) ?? "";
  const above = keys.at(-2);
  return mayHoldSetting(`${own}\n${text}`) || (above !== undefined && isTriggerKey(above));
}

/** Setting words in free text: the trigger settings, and a Namespace's Pod Security labels. */
const SETTING_TEXT = new RegExp(`${SETTING_NAMES}|sysctl|capabilit|pod-security`, "i");
/** A line that starts with a key making a pod, a container or an object (`containers:`, `spec:`). */
const STRUCTURE_KEY =
  /^[ \t]*(?:- +)?["']?(?:apiVersion|kind|metadata|spec|template|containers|initContainers|ephemeralContainers|securityContext|image|volumes|add)["']?:(?:[ \t]|$)/m;

/**
 * Whether a named template whose body does not read as YAML may write a setting where it is
 * included: one of its actions writes a block, its text holds a setting word, or a line of it
 * starts with a key that makes an object, a pod or a container. One that does none of these
 * (Bitnami's `validateValues` templates: `airflow: executors\n    You need to provide ...`,
 * rendered for `fail`) writes only its text and scalar values, a message rather than a manifest.
 */
export function fragmentMayHoldSetting(literal: string, writesBlocks: boolean): boolean {
  return writesBlocks || SETTING_TEXT.test(literal) || STRUCTURE_KEY.test(literal);
}

/**
 * What a document that does not read must hold, compared without case, for some reading of it
 * (kubectl's, a later fix of its syntax) to give a finding, beside a setting word (`SETTING_TEXT`):
 * what makes a pod or a
 * container (at restricted a setting left out is a finding) or a volume; a Namespace or an
 * admission configuration (a Pod Security label removed is a finding); and the two characters
 * through which a key can be spelled without its letters: a backslash (the escapes of quoted
 * keys, `"\u0070rivileged"`) and `!` (a tag, `!!binary`, which Go's YAML reader decodes to a
 * string key).
 */
const UNREADABLE_MAY_HOLD = /container|volume|namespace|admission|podsecurity|[\\!]/i;

/**
 * Whether a document (not a chart template, not a chart's values) that does not read may hold
 * something a rule reports. One that cannot (a `tsconfig.json` with comments, a linter's JSON
 * with a key set twice) is no manifest of any kind a rule reads, and its reading problems are
 * not this scan's to report.
 */
export function unreadableMayHoldFinding(text: string): boolean {
  return SETTING_TEXT.test(text) || UNREADABLE_MAY_HOLD.test(text);
}

/**
 * Kinds of Kubernetes' own APIs (and the monitoring, certificate and gateway objects charts
 * write most) that hold no pod template, no Pod Security label and nothing else a rule reads.
 */
const INERT_KINDS: ReadonlySet<string> = new Set([
  "Ingress",
  "IngressClass",
  "Service",
  "Endpoints",
  "EndpointSlice",
  "ConfigMap",
  "Secret",
  "ServiceAccount",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "PersistentVolumeClaim",
  "StorageClass",
  "PodDisruptionBudget",
  "HorizontalPodAutoscaler",
  "NetworkPolicy",
  "PriorityClass",
  "ResourceQuota",
  "LimitRange",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "APIService",
  "ServiceMonitor",
  "PodMonitor",
  "PrometheusRule",
  "Certificate",
  "Issuer",
  "ClusterIssuer",
  "Gateway",
  "HTTPRoute",
  "GRPCRoute",
]);

/** A line that sets an object's kind at the top of a document, the kind as written. */
const TOP_KIND = /^kind:[ \t]*(["']?)([A-Za-z]+)\1[ \t]*(?:#.*)?$/gm;

/**
 * Whether a template document holds, by its literal kind, nothing a rule reads: one `kind:` at the
 * top, of an inert kind (an Ingress, a Service), and no `---` that could start another object.
 * Kubernetes version switches in such templates (`{{- if semverCompare ">=1.19-0" … }}` over an
 * Ingress backend's `service:`, `{{- else }}` over `serviceName:`) write two shapes of one value
 * that do not read as one text; only the first branch of each is then read.
 */
export function documentHoldsNoSetting(text: string): boolean {
  const kinds = [...text.matchAll(TOP_KIND)];
  return kinds.length === 1 && INERT_KINDS.has(kinds[0]?.[2] ?? "") && !/^---/m.test(text);
}

/** How the Kubernetes kind reads chart templates (see `ChunkReading`). */
export const TEMPLATE_READING: ChunkReading = {
  branchHoldsSettings: mayHoldSetting,
  scalarMayBeSetting,
  fragmentMayHoldSetting,
  documentHoldsNoSetting,
};
