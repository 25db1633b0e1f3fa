/**
 * PSA `appArmorProfile` (baseline).
 * Restricted fields: metadata.annotations['container.apparmor.security.beta.kubernetes.io/*'];
 * allowed values: undefined, empty, 'runtime/default', 'localhost/*'.
 * Restricted fields: spec.securityContext.appArmorProfile.type,
 * spec.containers[*].securityContext.appArmorProfile.type, and the same for initContainers and
 * ephemeralContainers; allowed values: undefined, RuntimeDefault, Localhost.
 *
 * Every annotation with the prefix counts, whether or not a container of that name exists, and
 * both levels of the field are checked on their own, as PSA does.
 */
import type { YAMLMap } from "yaml";
import type { PodView } from "../../kubernetes/pod-view.js";
import { defineRule } from "../../kubernetes/rule.js";
import { APPARMOR_ANNOTATION } from "../../kubernetes/validity/security-context.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { childPath, podMetadataPath } from "./util/field-path.js";
import { profileNeededAdvice, reportBadProfiles } from "./util/profile-type.js";

const KEY = "appArmorProfile";

export const appArmorProfile = defineRule({
  id: "app-armor-profile",
  title: "AppArmor profile disabled",
  pss: { control: "appArmorProfile", level: "baseline" },
  severity: "high",
  removes: ["apparmor"],
  rationale:
    "On AppArmor nodes the runtime's default profile confines every container: it denies mounts, " +
    "writes to /proc and /sys and other paths used to break out of a container. An `unconfined` " +
    "profile lifts that mandatory access control, so a compromised process keeps every path its " +
    "user and capabilities allow, and a misconfiguration or kernel bug becomes an escape to the node.",
  remediation:
    "Use the `RuntimeDefault` AppArmor profile (annotation value `runtime/default`), or a reviewed `Localhost` profile when the workload needs more.",
  messages: {
    container:
      "Container `{{container}}` runs without the default AppArmor profile (`securityContext.appArmorProfile.type: {{type}}`).",
    pod: "Pod runs without the default AppArmor profile (`securityContext.appArmorProfile.type: {{type}}`).",
    annotation:
      "Container `{{name}}` runs without the default AppArmor profile (annotation `{{annotation}}: {{value}}`).",
  },
  check(pod, context) {
    const doc = context.doc;
    reportBadProfiles(pod, context, {
      key: KEY,
      podMessage: "pod",
      containerMessage: "container",
      fixDescription: "Use the container runtime's default AppArmor profile (`RuntimeDefault`).",
      ruleId: "app-armor-profile",
    });
    const annotations = podAnnotations(doc, pod);
    if (!annotations) return;
    for (const entry of doc.entries(annotations.map)) {
      if (!entry.key.startsWith(APPARMOR_ANNOTATION) || !entry.value) continue;
      const value = doc.getScalarOf(entry.value);
      if (value === undefined || value === null || allowedAnnotationValue(value)) continue;
      const name = entry.key.slice(APPARMOR_ANNOTATION.length);
      const map = annotations.map;
      const container = pod.containers.find((c) => c.name === name) ?? null;
      // A chart template may write the container's name as an action (Falco's `{{ .Chart.Name
      // }}`): the annotation may then be any container's.
      const targets = container ? [container] : doc.templated ? pod.containers : [];
      const advice = profileNeededAdvice(doc, pod, targets, KEY, "app-armor-profile");
      context.report({
        messageId: "annotation",
        data: { name, annotation: entry.key, value: String(value) },
        at: entry.range,
        container,
        field: `${annotations.path}[${entry.key}]`,
        ...(advice
          ? { advice }
          : {
              fix: {
                description:
                  "Use the container runtime's default AppArmor profile (`runtime/default`).",
                build: (editor) =>
                  editor.edit(map, [{ op: "set", path: [entry.key], value: "runtime/default" }]),
              },
            }),
      });
    }
  },
});

/** Empty, `runtime/default` or `localhost/<profile>`, as PSA allows. */
function allowedAnnotationValue(value: unknown): boolean {
  return (
    value === "" ||
    value === "runtime/default" ||
    (typeof value === "string" && value.startsWith("localhost/"))
  );
}

/** The pod template's annotations; for a fragment (Helm values), its `podAnnotations`. */
function podAnnotations(doc: YamlDoc, pod: PodView): { map: Ref<YAMLMap>; path: string } | null {
  if (pod.metadata) {
    const map = doc.getMap(pod.metadata, "annotations");
    return map ? { map, path: `${podMetadataPath(pod)}.annotations` } : null;
  }
  if (pod.complete) return null;
  const map = doc.getMap(pod.spec, "podAnnotations");
  return map ? { map, path: childPath(pod.path, "podAnnotations") } : null;
}
