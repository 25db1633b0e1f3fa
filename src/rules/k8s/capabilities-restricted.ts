/**
 * PSA `capabilities_restricted` (restricted; replaces `capabilities_baseline` there).
 * Restricted fields: spec.containers[*].securityContext.capabilities.drop, and the same for
 * initContainers and ephemeralContainers. Allowed values: must include `ALL` (exactly as written).
 * Restricted fields: spec.containers[*].securityContext.capabilities.add, likewise.
 * Allowed values: undefined/empty, `NET_BIND_SERVICE` (exactly as written).
 * Pods with `spec.os.name: windows` are exempt (1.25+).
 */
import type { YAMLMap } from "yaml";
import { listCapabilities } from "../../capabilities/index.js";
import { codeSpan } from "../../core/code-span.js";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { RESTRICTED_ALLOWED_CAPABILITIES } from "../../kubernetes/pss-capabilities.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { containerAnchor } from "./util/anchors.js";
import {
  addBack,
  type ContainerNeeds,
  capabilityAdvice,
  capabilityRemovalCaveat,
  containerNeeds,
  keepsDefaultsAdvice,
} from "./util/container-needs.js";
import { editContainerContext } from "./util/context-edits.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { presentEntry } from "./util/settings.js";
import { stringValue } from "./util/values.js";

export const capabilitiesRestricted = defineRule({
  id: "capabilities-restricted",
  title: "Capabilities not dropped",
  pss: { control: "capabilities_restricted", level: "restricted" },
  severity: "medium",
  removes: ["capabilities"],
  rationale:
    "A container keeps the runtime's default capabilities unless it drops `ALL`: NET_RAW lets it " +
    "forge packets and spoof ARP or DNS on the node's network, CHOWN, DAC_OVERRIDE, FOWNER and " +
    "SETUID let a compromised root process override file permissions and switch users, and every " +
    "added capability widens the kernel surface an exploit can use to leave the container.",
  remediation:
    "Set `securityContext.capabilities.drop: [ALL]` on every container and add back nothing but `NET_BIND_SERVICE`.",
  messages: {
    drop: "Container `{{container}}` does not drop all capabilities (`securityContext.capabilities.drop` lacks `ALL`).",
    add: "Container `{{container}}` adds capability `{{capability}}` (`securityContext.capabilities.add`); restricted allows adding only NET_BIND_SERVICE.",
  },
  check(pod, context) {
    if (pod.windows) return;
    const doc = context.doc;
    for (const container of pod.containers) {
      const base = `${container.securityContextPath}.capabilities`;
      const capsEntry = presentEntry(doc, container.securityContext, "capabilities");
      const caps = doc.getMap(container.securityContext, "capabilities");
      const dropEntry = presentEntry(doc, caps, "drop");
      let needs: ContainerNeeds | undefined;
      if (!dropsAll(doc, caps) && (dropEntry || pod.complete)) {
        needs = containerNeeds(doc, pod, container);
        const advice = keepsDefaultsAdvice(needs, "capabilities-restricted");
        context.report({
          messageId: "drop",
          at: (dropEntry ?? capsEntry)?.range ?? containerAnchor(doc, container),
          container,
          field: `${base}.drop`,
          ...(advice ? { advice } : { fix: dropAll(container, addBack(needs, doc)) }),
        });
      }
      const add = doc.getSeq(caps, "add");
      const items = add ? doc.items(add) : [];
      const names = items.map((item) => capabilityName(doc, item));
      for (const [i, item] of items.entries()) {
        const name = names[i] ?? "";
        if (RESTRICTED_ALLOWED_CAPABILITIES.has(name)) continue;
        const only = names.every((n) => n === name);
        needs ??= containerNeeds(doc, pod, container);
        // A capability the workload needs is never removed: the advice says why and how to keep it.
        const advice = capabilityAdvice(needs, name, "capabilities-restricted");
        context.report({
          messageId: "add",
          data: { capability: name },
          at: item.range,
          container,
          field: `${base}.add[${name}]`,
          ...(advice
            ? { advice }
            : {
                fix: removeAdd(pod, container, name, only, capabilityRemovalCaveat(needs, name)),
              }),
        });
      }
    }
  },
});

function dropsAll(doc: YamlDoc, caps: Ref<YAMLMap> | null): boolean {
  const drop = doc.getSeq(caps, "drop");
  return !!drop && doc.items(drop).some((item) => stringValue(item) === "ALL");
}

function capabilityName(doc: YamlDoc, item: Ref): string {
  const value = doc.getScalarOf(item);
  return value === undefined ? "(not a name)" : String(value);
}

/**
 * Adds `ALL` to `capabilities.drop`, and adds back what the container needs of the runtime's
 * default set (tcpdump's NET_RAW), which dropping all would take away.
 */
function dropAll(container: ContainerView, back: readonly string[]): FixPlan {
  const beyond = back.filter((c) => !RESTRICTED_ALLOWED_CAPABILITIES.has(c));
  return {
    description:
      back.length === 0
        ? "Add `ALL` to `capabilities.drop`, so the container keeps no capability it does not add back explicitly."
        : `Add \`ALL\` to \`capabilities.drop\` and add back ${listCapabilities(back)}, which it needs (the capability catalogue), so the container keeps no other capability.${beyond.length > 0 ? ` ${listCapabilities(beyond)} ${beyond.length > 1 ? "are" : "is"} still outside the restricted level: keep ${beyond.length > 1 ? "them" : "it"} as a reviewed exception.` : ""}`,
    ...(beyond.length > 0 ? { trades: ["capabilities-restricted"] } : {}),
    build: (editor) =>
      editContainerContext(editor, container, [
        ...(back.length > 0
          ? [{ op: "addItems" as const, path: ["capabilities", "add"], items: [...back] }]
          : []),
        { op: "addItems", path: ["capabilities", "drop"], items: ["ALL"] },
      ]),
  };
}

function removeAdd(
  pod: PodView,
  container: ContainerView,
  name: string,
  only: boolean,
  caveat: string | null,
): FixPlan {
  return {
    description: `Stop adding ${codeSpan(name)}; ${caveat ? caveat : "if the workload truly needs it, keep it as a reviewed exception instead."}`,
    build: (editor) => {
      if (!only) {
        const items = [name];
        return editContainerContext(editor, container, [
          { op: "removeItems", path: ["capabilities", "add"], items },
        ]);
      }
      const place = containerContextPlace(pod.doc, pod, container, ["capabilities", "add"]);
      return place ? deleteSetting(editor, pod.doc, place) : null;
    },
  };
}
