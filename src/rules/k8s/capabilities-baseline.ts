/**
 * PSA `capabilities_baseline` (baseline; replaced by `capabilities_restricted` at restricted).
 * Restricted fields: spec.containers[*].securityContext.capabilities.add, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined, empty, and the runtime defaults AUDIT_WRITE, CHOWN, DAC_OVERRIDE,
 * FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT,
 * compared exactly as written (`chown` and `CAP_CHOWN` are not allowed).
 *
 * One finding per added capability, its name in the field path, so that adding one more to a
 * list already reported is seen as new by the diff while the others keep their identity.
 */
import type { YAMLMap } from "yaml";
import { CRITICAL_CAPABILITIES, normalizeCapability } from "../../container/capability-sets.js";
import { codeSpan } from "../../core/code-span.js";
import type { MapEditor } from "../../fix/map-editor.js";
import type { ContainerView } from "../../kubernetes/pod-view.js";
import { BASELINE_ALLOWED_CAPABILITIES } from "../../kubernetes/pss-capabilities.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import {
  type ContainerNeeds,
  capabilityAdvice,
  capabilityRemovalCaveat,
  containerNeeds,
} from "./util/container-needs.js";

export const capabilitiesBaseline = defineRule({
  id: "capabilities-baseline",
  title: "Capabilities beyond the runtime defaults",
  pss: { control: "capabilities_baseline", level: "baseline" },
  severity: "high",
  removes: ["capabilities"],
  rationale:
    "Capabilities split root's power into pieces, and container runtimes grant only a small " +
    "default set. Each capability added beyond it gives back a piece of root over the node's " +
    "kernel: SYS_ADMIN mounts filesystems and escapes through cgroups, SYS_MODULE loads kernel " +
    "modules, SYS_PTRACE reads and injects into other processes, DAC_READ_SEARCH opens any host " +
    "file by handle, NET_ADMIN and NET_RAW rewrite and sniff the pod network, and ALL is " +
    "privileged mode without the name.",
  remediation:
    "Remove the capability from `capabilities.add`, or keep it only as a reviewed exception for a workload that truly needs it.",
  messages: {
    added:
      "Container `{{container}}` adds capability `{{capability}}` (`securityContext.capabilities.add`), beyond the runtime defaults the baseline allows.",
    misspelt:
      "Container `{{container}}` adds `{{capability}}` (`securityContext.capabilities.add`): the baseline compares names exactly as written, and only `{{canonical}}` is allowed.",
  },
  check(pod, context) {
    const doc = context.doc;
    for (const container of pod.containers) {
      const capabilities = doc.getMap(container.securityContext, "capabilities");
      const add = doc.getSeq(capabilities, "add");
      if (!add) continue;
      const written = doc.items(add).map((item) => ({ item, name: doc.getScalarOf(item) }));
      let needs: ContainerNeeds | undefined;
      for (const { item, name } of written) {
        if (name === null || name === undefined || typeof name === "object") continue;
        const capability = String(name);
        if (BASELINE_ALLOWED_CAPABILITIES.has(capability)) continue;
        const canonical = normalizeCapability(capability);
        const misspelt = BASELINE_ALLOWED_CAPABILITIES.has(canonical);
        const only = written.every((w) => w.name === name);
        needs ??= containerNeeds(doc, pod, container);
        const needed = misspelt
          ? null
          : capabilityAdvice(needs, canonical, "capabilities-baseline");
        context.report({
          messageId: misspelt ? "misspelt" : "added",
          data: { capability, canonical },
          at: item.range,
          container,
          field: `${container.securityContextPath}.capabilities.add[${capability}]`,
          severity: CRITICAL_CAPABILITIES.has(canonical) ? "critical" : "high",
          // A capability the workload needs is never removed: the advice says why and how to
          // keep it. Editing a shared (anchored or aliased) node would change, or break, its
          // other uses.
          ...(needed
            ? { advice: needed }
            : capabilities?.direct && add.direct && item.direct
              ? {
                  fix: removal(
                    doc,
                    container,
                    capabilities,
                    capability,
                    misspelt ? canonical : null,
                    only,
                    misspelt ? null : capabilityRemovalCaveat(needs, canonical),
                  ),
                }
              : {}),
        });
      }
    }
  },
});

/**
 * Removes the capability from `add`; when it is all `add` holds, removes the innermost mapping
 * that would be left empty (`add`, `capabilities`, or the container's whole `securityContext`).
 * A misspelt default is written as the baseline lists it instead.
 */
function removal(
  doc: YamlDoc,
  container: ContainerView,
  capabilities: Ref<YAMLMap> | null,
  capability: string,
  rename: string | null,
  only: boolean,
  caveat: string | null,
): FixPlan {
  const sc = container.securityContext;
  const add = ["capabilities", "add"];
  const lone = (map: Ref<YAMLMap> | null) => !!map && doc.entries(map).length === 1;
  const build = (editor: MapEditor) => {
    if (!sc) return null;
    if (rename)
      return editor.edit(sc, [
        { op: "removeItems", path: add, items: [capability] },
        { op: "addItems", path: add, items: [rename] },
      ]);
    if (!only) return editor.edit(sc, [{ op: "removeItems", path: add, items: [capability] }]);
    if (!lone(capabilities)) return editor.edit(sc, [{ op: "delete", path: add }]);
    if (lone(sc) && container.ref)
      return editor.edit(container.ref, [{ op: "delete", path: ["securityContext"] }]);
    return editor.edit(sc, [{ op: "delete", path: ["capabilities"] }]);
  };
  return {
    description: rename
      ? `Write ${codeSpan(capability)} as ${codeSpan(rename)}, the name the baseline allows.`
      : `Stop adding ${codeSpan(capability)}.${caveat ? ` ${caveat}` : ""}`,
    build,
  };
}
