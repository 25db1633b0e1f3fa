import { isMap, isScalar, type YAMLMap } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { ContainerView } from "./pod-view.js";

/** A pod spec: a mapping whose `containers` is a sequence of mappings. */
export function looksLikePodSpec(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  const containers = doc.getSeq(map, "containers");
  return containers !== null && doc.mapItems(containers).length > 0;
}

/**
 * In a chart template, a pod spec whose containers an action writes: a mapping whose `containers`
 * key has nothing written after it but template actions (`containers:` then `{{ include
 * "node-agent.container" . | nindent 0 }}`, as Kubescape's `node-agent.podSpec` is written) and
 * a key beside it that only a pod spec has, so that its `securityContext` is the pod's and what it
 * runs is what the named templates write.
 */
export function looksLikeWrittenPodSpec(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  if (!doc.templated) return false;
  const value = doc.get(map, "containers")?.value;
  if (!value || !isScalar(value.node) || value.node.value !== null) return false;
  // Beside it, a key only a pod spec has: a `containers` key of anything else is left alone.
  return doc.entries(map).some((e) => POD_SPEC_KEYS.has(e.key));
}

/** Keys of a pod spec that no container, values block or other object commonly has. */
const POD_SPEC_KEYS = new Set([
  "hostPID",
  "hostNetwork",
  "hostIPC",
  "serviceAccountName",
  "automountServiceAccountToken",
  "nodeSelector",
  "tolerations",
  "restartPolicy",
  "dnsPolicy",
  "priorityClassName",
  "terminationGracePeriodSeconds",
  "initContainers",
]);

/**
 * A test suite of helm-unittest (`<chart>/tests/*_test.yaml`): a `tests` list whose cases each have
 * an `it` and `asserts`, with the values each case renders the chart with under `set`. Those
 * values and the expected output in its assertions are test data, never an object that runs, so
 * the suite is not read for pods (`hostNetwork: true` under `set` tests the chart's option).
 * The format: https://github.com/helm-unittest/helm-unittest/blob/main/DOCUMENT.md
 */
export function looksLikeChartTestSuite(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  const tests = doc.mapItems(doc.getSeq(map, "tests"));
  return (
    tests.length > 0 &&
    tests.every((t) => typeof doc.getScalar(t, "it") === "string" && !!doc.get(t, "asserts"))
  );
}

/**
 * A container on its own: a mapping with a `name`, an `image` written as a scalar (a template
 * action reads as an unknown one) and a `securityContext`, as a chart writes a container in a
 * `define` (Falco's driver-loader init container) or a values list of extra containers. A values
 * block whose `image` is a mapping of registry, repository and tag is not one.
 */
export function looksLikeContainer(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  const image = doc.get(map, "image");
  return (
    !!doc.get(map, "name") &&
    !!image?.value &&
    isScalar(image.value.node) &&
    !!doc.getMap(map, "securityContext")
  );
}

/**
 * A container written without its name, as the whole of a named template whose includers write the
 * name before it (GitHub's Actions runner scale set chart: `- name: dind` then `{{- include
 * "gha-runner-scale-set.dind-container" . | nindent 8 }}`): an `image` written as a scalar, a
 * `securityContext` and a key only a container has. Values blocks, which also hold an image and a
 * security context, are read apart (`findValuePods`); this is asked only of a document's root.
 */
export function looksLikeUnnamedContainer(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  const image = doc.get(map, "image");
  return (
    !doc.get(map, "name") &&
    !!image?.value &&
    isScalar(image.value.node) &&
    !!doc.getMap(map, "securityContext") &&
    CONTAINER_ONLY_KEYS.some((key) => doc.get(map, key) !== null)
  );
}

/** Keys of a container that neither a pod spec nor a chart's values block for one usually has. */
const CONTAINER_ONLY_KEYS = [
  "command",
  "args",
  "volumeMounts",
  "volumeDevices",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle",
  "workingDir",
];

/**
 * The image a values mapping names beside its settings, as charts write it: `image: repo:tag`, or
 * `image: {registry, repository, tag}` (Bitnami's `speaker.image.repository:
 * bitnami/metallb-speaker`); null when it names none.
 */
export function siblingImage(doc: YamlDoc, map: Ref<YAMLMap>): string | null {
  const image = doc.get(map, "image")?.value;
  if (!image) return null;
  const written = doc.getScalarOf(image);
  if (typeof written === "string" && written !== "") return written;
  if (!isMap(image.node)) return null;
  const part = (key: string) => {
    const v = doc.getScalar(image as Ref<YAMLMap>, key);
    return typeof v === "string" && v !== "" ? v : null;
  };
  const repository = part("repository");
  if (!repository) return null;
  const registry = part("registry");
  const tag = part("tag");
  return `${registry ? `${registry}/` : ""}${repository}${tag ? `:${tag}` : ""}`;
}

/** A security context mapping found on its own, as charts write them. */
export function looseContext(
  ref: Ref<YAMLMap>,
  path: string,
  subject?: string,
  workloads?: readonly WorkloadFacts[],
): ContainerView {
  return {
    ref: null,
    group: "embedded",
    name: null,
    label: path,
    path,
    securityContext: ref,
    securityContextPath: path,
    ...(subject ? { subject } : {}),
    ...(workloads && workloads.length > 0 ? { workloads } : {}),
  };
}

export function itemLabel(doc: YamlDoc, item: Ref<YAMLMap>, i: number): string {
  const name = doc.getScalar(item, "name");
  return typeof name === "string" && name !== "" ? name : `#${i}`;
}

export function join(path: string, key: string): string {
  if (key === "") return path;
  return path === "" ? key : `${path}.${key}`;
}
