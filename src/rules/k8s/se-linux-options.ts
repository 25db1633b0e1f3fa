/**
 * PSA `seLinuxOptions` (baseline; the type list as of 1.31).
 * Restricted fields: spec.securityContext.seLinuxOptions.type,
 * spec.containers[*].securityContext.seLinuxOptions.type, and the same for initContainers and
 * ephemeralContainers.
 * Allowed values: undefined/empty, container_t, container_init_t, container_kvm_t,
 * container_engine_t.
 * Restricted fields: spec.securityContext.seLinuxOptions.user and .role, and the same on every
 * container.
 * Allowed values: undefined/empty.
 * `level` is not restricted. PSA checks the pod and each container independently: a container's
 * valid options do not excuse the pod's, nor the reverse. Windows pods are not exempt.
 */
import type { PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { YamlDoc } from "../../yaml/yaml-doc.js";
import {
  containerContextPlace,
  deleteSetting,
  podContextPlace,
  type SettingPlace,
} from "./util/delete-setting.js";
import { seLinuxTypeAdvice } from "./util/privileged-workload.js";
import { type WrittenContext, writtenContexts } from "./util/security-contexts.js";
import { stringField } from "./util/string-field.js";

/** SELinux types PSA allows (`selinuxAllowedTypes1_31`); empty means the runtime default. */
export const ALLOWED_SELINUX_TYPES: ReadonlySet<string> = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

type Option = "type" | "user" | "role";

const FIX_DESCRIPTIONS: Readonly<Record<Option, string>> = {
  type: "Remove the custom SELinux type, so that the runtime's confined container type (`container_t`) applies.",
  user: "Remove the custom SELinux user, so that the runtime's default user applies.",
  role: "Remove the custom SELinux role, so that the runtime's default role applies.",
};

export const seLinuxOptions = defineRule({
  id: "se-linux-options",
  title: "Custom SELinux options",
  pss: { control: "seLinuxOptions", level: "baseline" },
  severity: "high",
  removes: ["selinux"],
  rationale:
    "SELinux confines every container process to the `container_t` type, which may touch only " +
    "files labelled for its own container. A custom type such as `spc_t` (super-privileged " +
    "container) or `unconfined_t` lifts that confinement, and a custom SELinux user or role can " +
    "grant permissions no container type has: a process that escapes its namespaces can then " +
    "read and write host files, other containers' data and the container runtime's sockets.",
  remediation:
    "Remove custom SELinux `type`, `user` and `role` settings (or use `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t` as the type), keeping only `level` for MCS categories.",
  messages: {
    containerType:
      "Container `{{container}}` sets the SELinux type `{{value}}` (`{{field}}`), outside the confined container types.",
    podType:
      "Pod sets the SELinux type `{{value}}` (`{{field}}`), outside the confined container types.",
    containerUser:
      "Container `{{container}}` sets a custom SELinux user `{{value}}` (`{{field}}`).",
    podUser: "Pod sets a custom SELinux user `{{value}}` (`{{field}}`).",
    containerRole:
      "Container `{{container}}` sets a custom SELinux role `{{value}}` (`{{field}}`).",
    podRole: "Pod sets a custom SELinux role `{{value}}` (`{{field}}`).",
  },
  check(pod, context) {
    const doc = context.doc;
    for (const written of writtenContexts(pod)) {
      const options = doc.getMap(written.context, "seLinuxOptions");
      if (!options) continue;
      // A workload that runs as its own SELinux type where SELinux enforces keeps it, and the
      // user and role written with it.
      const type = stringField(doc.get(options, "type")?.value);
      const typeAdvice =
        type !== undefined && forbidden("type", type)
          ? typeNeededAdvice(doc, pod, written, type)
          : null;
      for (const entry of doc.entries(options)) {
        const option = entry.key;
        if (option !== "type" && option !== "user" && option !== "role") continue;
        const value = stringField(entry.value);
        if (value === undefined || !forbidden(option, value)) continue;
        const level = written.container ? "container" : "pod";
        const advice =
          typeAdvice && option !== "type" ? `${WHOLE_LABEL} ${typeAdvice}` : typeAdvice;
        context.report({
          messageId: `${level}${capitalize(option)}` as const,
          data: { value, field: `seLinuxOptions.${option}` },
          at: entry.range,
          container: written.container,
          field: `${written.path}.seLinuxOptions.${option}`,
          ...(advice ? { advice } : { fix: deleteOptionFix(doc, pod, written, option) }),
        });
      }
    }
  },
});

/** Why the user and role set beside a type the workload needs are kept with it. */
const WHOLE_LABEL =
  "The SELinux user and role written with the type are kept with it: an OpenShift " +
  "SecurityContextConstraints (or a PodSecurityPolicy) with `seLinuxContext: MustRunAs` compares " +
  "user, role, type and level one by one, and rejects a pod whose label leaves one out.";

function forbidden(option: Option, value: string): boolean {
  return option === "type" ? !ALLOWED_SELINUX_TYPES.has(value) : value !== "";
}

function capitalize<S extends string>(s: S): Capitalize<S> {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}` as Capitalize<S>;
}

/**
 * The advice for a type the workload it applies to needs (`spc_t` for Cilium's agent), or null: a
 * container's own options apply to it; the pod's, to the containers that set none of their own.
 */
function typeNeededAdvice(
  doc: YamlDoc,
  pod: PodView,
  written: WrittenContext,
  type: string,
): string | null {
  // The kubelet takes a container's seLinuxOptions whole, in place of the pod's.
  const containers = written.container
    ? [written.container]
    : pod.containers.filter((c) => !doc.getMap(c.securityContext, "seLinuxOptions"));
  const podWorkloads = written.container ? [] : (pod.workloads ?? []);
  return seLinuxTypeAdvice(doc, pod, containers, podWorkloads, type, "se-linux-options");
}

/** Deletes the option (an omitted type, user or role is the runtime's confined default). */
function deleteOptionFix(
  doc: YamlDoc,
  pod: PodView,
  written: WrittenContext,
  option: Option,
): FixPlan {
  const path = ["seLinuxOptions", option];
  const place: SettingPlace | null = written.container
    ? containerContextPlace(doc, pod, written.container, path)
    : podContextPlace(doc, pod, path);
  return {
    description: FIX_DESCRIPTIONS[option],
    build: (editor) => (place ? deleteSetting(editor, doc, place) : null),
  };
}
