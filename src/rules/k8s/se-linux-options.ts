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
      for (const entry of doc.entries(options)) {
        const option = entry.key;
        if (option !== "type" && option !== "user" && option !== "role") continue;
        const value = stringField(entry.value);
        if (value === undefined || !forbidden(option, value)) continue;
        const level = written.container ? "container" : "pod";
        context.report({
          messageId: `${level}${capitalize(option)}` as const,
          data: { value, field: `seLinuxOptions.${option}` },
          at: entry.range,
          container: written.container,
          field: `${written.path}.seLinuxOptions.${option}`,
          fix: deleteOptionFix(doc, pod, written, option),
        });
      }
    }
  },
});

function forbidden(option: Option, value: string): boolean {
  return option === "type" ? !ALLOWED_SELINUX_TYPES.has(value) : value !== "";
}

function capitalize<S extends string>(s: S): Capitalize<S> {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}` as Capitalize<S>;
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
