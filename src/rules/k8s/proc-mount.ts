/**
 * PSA `procMount` (baseline; the user-namespace relaxation as of 1.35).
 * Restricted fields: spec.containers[*].securityContext.procMount, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined/null, "Default" (compared exactly); any value when the pod runs in a
 * user namespace (`spec.hostUsers: false`).
 * There is no pod-level field. At the restricted level PSA replaces this check by
 * `procMount_restricted`, which has no user-namespace relaxation.
 */
import { defineRule } from "../../kubernetes/rule.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { stringField } from "./util/string-field.js";

export const procMount = defineRule({
  id: "proc-mount",
  title: "Unmasked /proc",
  pss: { control: "procMount", level: "baseline" },
  severity: "high",
  removes: ["kernel", "filesystem"],
  rationale:
    "Container runtimes mask the sensitive parts of /proc and /sys (/proc/kcore, /proc/keys, " +
    "/proc/sysrq-trigger, /proc/timer_list, /sys/firmware) and mount others, such as /proc/sys, " +
    "read-only. `procMount: Unmasked` drops those masks: a process in the container can read " +
    "kernel memory and node-wide state, and as root write kernel parameters and trigger SysRq " +
    "actions on the node itself. Only a user namespace (`hostUsers: false`) keeps those writes " +
    "away from the host.",
  remediation:
    "Remove `procMount` (or set it to `Default`); a workload that truly needs an unmasked /proc, such as a nested container runtime, should run in a user namespace with `hostUsers: false`.",
  messages: {
    procMount:
      "Container `{{container}}` sets `procMount: {{value}}`, so /proc is not masked, outside a user namespace.",
  },
  check(pod, context) {
    if (pod.userNamespace) return;
    const doc = context.doc;
    for (const container of pod.containers) {
      const entry = doc.get(container.securityContext, "procMount");
      // Null leaves the field unset (the runtime default); a collection cannot be decoded.
      const raw = entry?.value ? doc.getScalarOf(entry.value) : undefined;
      const value = stringField(entry?.value);
      if (!entry || raw === null || raw === undefined || value === undefined) continue;
      if (value === "Default") continue;
      const place = containerContextPlace(doc, pod, container, ["procMount"]);
      context.report({
        messageId: "procMount",
        data: { value: value === "" ? '""' : value },
        at: entry.range,
        container,
        field: `${container.securityContextPath}.procMount`,
        fix: {
          description: "Remove `procMount`, so that the runtime masks /proc again (`Default`).",
          build: (editor) => (place ? deleteSetting(editor, doc, place) : null),
        },
      });
    }
  },
});
