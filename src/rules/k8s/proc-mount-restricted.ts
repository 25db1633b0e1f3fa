/**
 * PSA `procMount_restricted` (restricted, 1.35+; replaces the baseline `procMount` check there).
 * Restricted fields: spec.containers[*].securityContext.procMount, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined/null, `Default`. Unlike baseline, a user namespace
 * (`hostUsers: false`) does not relax it.
 */
import { defineRule } from "../../kubernetes/rule.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { presentEntry } from "./util/settings.js";

export const procMountRestricted = defineRule({
  id: "proc-mount-restricted",
  title: "Unmasked /proc",
  pss: { control: "procMount_restricted", level: "restricted" },
  severity: "medium",
  removes: ["kernel"],
  rationale:
    "The container runtime masks and makes read-only the parts of /proc and /sys that expose the " +
    "node's kernel (/proc/kcore, /proc/sysrq-trigger, /proc/sys, /sys/firmware, …). A procMount " +
    "other than Default lifts those masks, so a process in the container can read kernel memory " +
    "and keys, change kernel parameters or trigger a reboot, even from inside a user namespace " +
    "when the runtime or kernel has a flaw.",
  remediation: "Remove `procMount` (or set it to `Default`) so the runtime keeps /proc masked.",
  messages: {
    procMount:
      "Container `{{container}}` sets `securityContext.procMount` to `{{value}}`, which unmasks the node's /proc.",
  },
  check(pod, context) {
    const doc = context.doc;
    for (const container of pod.containers) {
      const entry = presentEntry(doc, container.securityContext, "procMount");
      const value = entry?.value ? doc.getScalarOf(entry.value) : undefined;
      if (!entry || value === "Default") continue;
      context.report({
        messageId: "procMount",
        data: { value: value === undefined ? "(not a name)" : String(value) },
        at: entry.range,
        container,
        field: `${container.securityContextPath}.procMount`,
        fix: {
          description: "Remove `procMount`, so the runtime's default masked /proc applies.",
          build: (editor) => {
            const place = containerContextPlace(doc, pod, container, ["procMount"]);
            return place ? deleteSetting(editor, doc, place) : null;
          },
        },
      });
    }
  },
});
