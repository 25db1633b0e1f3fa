/**
 * PSA `allowPrivilegeEscalation` (restricted).
 * Restricted fields: spec.containers[*].securityContext.allowPrivilegeEscalation, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: false (set explicitly). Pods with `spec.os.name: windows` are exempt (1.25+).
 */
import type { ContainerView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { YamlDoc } from "../../yaml/yaml-doc.js";
import { containerAnchor } from "./util/anchors.js";
import { editContainerContext } from "./util/context-edits.js";
import { booleanSetting } from "./util/settings.js";
import { isTrue, stringValue } from "./util/values.js";

export const allowPrivilegeEscalation = defineRule({
  id: "allow-privilege-escalation",
  title: "Privilege escalation allowed",
  pss: { control: "allowPrivilegeEscalation", level: "restricted" },
  severity: "medium",
  removes: ["privilege-escalation"],
  rationale:
    "Unless `allowPrivilegeEscalation` is false, the kernel's no_new_privs flag is not set on the " +
    "container's processes, so a setuid or setcap binary in the image (su, sudo, ping, a planted " +
    "one) raises a compromised process to root or to capabilities its parent never had, undoing " +
    "the container's user and capability limits.",
  remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
  messages: {
    missing:
      "Container `{{container}}` does not set `securityContext.allowPrivilegeEscalation: false`, so setuid binaries can raise its privileges.",
    allowed:
      "Container `{{container}}` allows privilege escalation (`securityContext.allowPrivilegeEscalation: true`).",
  },
  check(pod, context) {
    if (pod.windows) return;
    const doc = context.doc;
    for (const container of pod.containers) {
      const setting = booleanSetting(doc, container.securityContext, "allowPrivilegeEscalation");
      if (setting.value === false) continue;
      const allowed = setting.entry !== undefined && isTrue(setting.entry.value);
      if (!allowed && !pod.complete) continue;
      context.report({
        messageId: allowed ? "allowed" : "missing",
        at: setting.entry?.range ?? containerAnchor(doc, container),
        container,
        field: `${container.securityContextPath}.allowPrivilegeEscalation`,
        ...(allowed ? { severity: "high" as const } : {}),
        ...(canTurnOff(doc, container) ? { fix: turnOff(container) } : {}),
      });
    }
  },
});

/**
 * The API server refuses `allowPrivilegeEscalation: false` beside `privileged: true` or an added
 * `CAP_SYS_ADMIN`; such a container is fixed by removing those (the privileged rule's fix does).
 */
function canTurnOff(doc: YamlDoc, container: ContainerView): boolean {
  const sc = container.securityContext;
  if (isTrue(doc.get(sc, "privileged")?.value)) return false;
  const add = doc.getSeq(doc.getMap(sc, "capabilities"), "add");
  return !add || !doc.items(add).some((item) => stringValue(item) === "CAP_SYS_ADMIN");
}

function turnOff(container: ContainerView): FixPlan {
  return {
    description:
      "Set `allowPrivilegeEscalation: false`, so no process in the container can gain privileges its parent does not have.",
    build: (editor) =>
      editContainerContext(editor, container, [
        { op: "set", path: ["allowPrivilegeEscalation"], value: false },
      ]),
  };
}
