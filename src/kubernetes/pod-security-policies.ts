/**
 * Where a Pod Security Admission policy is written, read from a parsed document: a `Namespace`'s
 * `pod-security.kubernetes.io/<mode>[-version]` labels, and the `defaults` and `exemptions` of a
 * `PodSecurityConfiguration`, standalone (the file an `AdmissionConfiguration` plugin's `path`
 * names) or inside an `AdmissionConfiguration`'s `PodSecurity` plugin
 * (k8s.io/pod-security-admission `admission/api/v1/types.go`;
 * https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-admission-controller/).
 */
import { isMap, isNode, isScalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { ResourceRef } from "../core/types.js";
import type { Entry, Range, Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { objectExceptions } from "./find-pods.js";
import { POD_SECURITY_LABEL_PREFIX } from "./pod-security-levels.js";

/** A mode's level key (`enforce`) or version key (`enforce-version`). */
export type PolicyKey =
  | "enforce"
  | "enforce-version"
  | "audit"
  | "audit-version"
  | "warn"
  | "warn-version";

const POLICY_KEYS: readonly PolicyKey[] = [
  "enforce",
  "enforce-version",
  "audit",
  "audit-version",
  "warn",
  "warn-version",
];

export interface PolicySetting {
  /** The key as written (`pod-security.kubernetes.io/enforce`, or `enforce` in defaults). */
  readonly key: string;
  /** The value as a string; null when it is not known here (a template's value, not a string). */
  readonly value: string | null;
  /** The `key: value` entry. */
  readonly at: Range;
  readonly field: string;
}

/** One item of an exemption list, e.g. `kube-system` in `exemptions.namespaces`. */
export interface Exemption {
  readonly list: "namespaces" | "usernames" | "runtimeClasses";
  readonly value: string;
  readonly at: Range;
  readonly field: string;
}

/** A policy and where it is written: a Namespace's labels, or the admission defaults. */
export interface PolicySource {
  readonly origin: "namespace" | "defaults";
  /** The namespace's name (null when it has none); null for the admission defaults. */
  readonly namespace: string | null;
  readonly resource: ResourceRef | null;
  /** Exceptions declared on the object by annotation: rule id → written reason. */
  readonly exceptions: ReadonlyMap<string, string>;
  /** Logical path of the label mapping or `defaults`, where a left-out key would be. */
  readonly path: string;
  /** Where a left-out key is reported: the label mapping's key, else the object's name. */
  readonly anchor: Range;
  readonly settings: ReadonlyMap<PolicyKey, PolicySetting>;
  readonly exemptions: readonly Exemption[];
}

const EXEMPTION_LISTS = ["namespaces", "usernames", "runtimeClasses"] as const;
const ADMISSION_API = /^apiserver\.config\.k8s\.io\//;
const PSA_CONFIG_API = /^pod-security\.admission\.config\.k8s\.io\//;

/** Every policy a document writes, in document order. */
export function findPolicies(doc: YamlDoc): PolicySource[] {
  const root = doc.root();
  if (!root || !isMap(root.node)) return [];
  const out: PolicySource[] = [];
  visit(doc, root as Ref<YAMLMap>, "", out);
  return out;
}

function visit(doc: YamlDoc, obj: Ref<YAMLMap>, path: string, out: PolicySource[]): void {
  const kind = doc.getScalar(obj, "kind");
  const apiVersion = doc.getScalar(obj, "apiVersion");
  const api = typeof apiVersion === "string" ? apiVersion : null;
  if (kind === "Namespace" && (api === null || api === "v1")) {
    const ns = namespacePolicy(doc, obj);
    if (ns) out.push(ns);
  } else if (kind === "PodSecurityConfiguration" && (api === null || PSA_CONFIG_API.test(api))) {
    out.push(configurationPolicy(doc, obj, path, obj.range));
  } else if (kind === "AdmissionConfiguration" && (api === null || ADMISSION_API.test(api))) {
    doc.mapItems(doc.getSeq(obj, "plugins")).forEach((plugin) => {
      if (doc.getScalar(plugin, "name") !== "PodSecurity") return;
      const configuration = doc.getMap(plugin, "configuration");
      if (!configuration) return;
      const at = doc.get(plugin, "name")?.range ?? plugin.range;
      out.push(configurationPolicy(doc, configuration, "plugins[PodSecurity].configuration", at));
    });
  } else if (typeof kind === "string" && kind.endsWith("List")) {
    for (const item of doc.mapItems(doc.getSeq(obj, "items"))) visit(doc, item, path, out);
  }
}

function namespacePolicy(doc: YamlDoc, obj: Ref<YAMLMap>): PolicySource | null {
  const metadata = doc.getMap(obj, "metadata");
  const name = doc.getScalar(metadata, "name");
  const namespace = typeof name === "string" && name !== "" ? name : null;
  const labelsEntry = doc.get(metadata, "labels");
  const labels = doc.getMap(metadata, "labels");
  const settings = new Map<PolicyKey, PolicySetting>();
  const path = "metadata.labels";
  if (labels) {
    for (const e of doc.entries(labels)) {
      if (!e.key.startsWith(POD_SECURITY_LABEL_PREFIX)) continue;
      const key = e.key.slice(POD_SECURITY_LABEL_PREFIX.length) as PolicyKey;
      if (!POLICY_KEYS.includes(key)) continue;
      settings.set(key, {
        key: e.key,
        value: stringOf(e.value),
        at: e.range,
        field: settingField("namespace", path, key),
      });
    }
  }
  const anchor = keyRange(doc, labelsEntry) ?? doc.get(metadata, "name")?.range ?? obj.range;
  return {
    origin: "namespace",
    namespace,
    resource: { apiVersion: "v1", kind: "Namespace", name: namespace, namespace: null },
    exceptions: objectExceptions(doc, [metadata]),
    path,
    anchor,
    settings,
    exemptions: [],
  };
}

function configurationPolicy(
  doc: YamlDoc,
  config: Ref<YAMLMap>,
  path: string,
  at: Range,
): PolicySource {
  const settings = new Map<PolicyKey, PolicySetting>();
  const defaultsPath = join(path, "defaults");
  const defaults = doc.getMap(config, "defaults");
  if (defaults) {
    for (const e of doc.entries(defaults)) {
      const key = e.key as PolicyKey;
      if (!POLICY_KEYS.includes(key)) continue;
      settings.set(key, {
        key: e.key,
        value: stringOf(e.value),
        at: e.range,
        field: settingField("defaults", defaultsPath, key),
      });
    }
  }
  const exemptions: Exemption[] = [];
  const lists = doc.getMap(config, "exemptions");
  for (const list of EXEMPTION_LISTS) {
    const seq = doc.getSeq(lists, list);
    if (!seq) continue;
    for (const item of doc.items(seq as Ref<YAMLSeq>)) {
      const value = stringOf(item);
      if (value === null || value === "") continue;
      exemptions.push({
        list,
        value,
        at: item.range,
        field: `${join(path, "exemptions")}.${list}[${value}]`,
      });
    }
  }
  return {
    origin: "defaults",
    namespace: null,
    resource: null,
    exceptions: new Map(),
    path: defaultsPath,
    anchor: doc.get(config, "defaults")?.range ?? at,
    settings,
    exemptions,
  };
}

/**
 * The logical path of a policy key, whether it is written or not, so that a label and its removal
 * share one identity: `metadata.labels[pod-security.kubernetes.io/enforce]`, `….defaults.enforce`.
 */
export function settingField(origin: PolicySource["origin"], path: string, key: PolicyKey): string {
  return origin === "namespace" ? `${path}[${POD_SECURITY_LABEL_PREFIX}${key}]` : `${path}.${key}`;
}

/** Where a key of a policy is, or would be: its field and the span to report it on. */
export function settingAt(
  policy: PolicySource,
  key: PolicyKey,
): { readonly setting: PolicySetting | null; readonly field: string; readonly at: Range } {
  const setting = policy.settings.get(key) ?? null;
  return {
    setting,
    field: settingField(policy.origin, policy.path, key),
    at: setting?.at ?? policy.anchor,
  };
}

/** A scalar written as a string (YAML reads `v1.25` and `latest` as strings), else null. */
function stringOf(ref: Ref | null): string | null {
  if (!ref || !isScalar(ref.node)) return null;
  const value = ref.node.value;
  return typeof value === "string" ? value : null;
}

/** The range of an entry's key as written (a one-line span above a block value). */
function keyRange(doc: YamlDoc, entry: Entry | undefined): Range | null {
  const key = entry?.pair?.key;
  return key && isNode(key) && key.range ? doc.absolute(key.range) : null;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
