/**
 * What a container needs to keep running, as the restricted fixes must respect it: the workload
 * that genuinely needs privilege it is recognised as, and what the capability catalogue infers
 * from what it runs. From these: the capabilities no fix may remove, whether it must run as root
 * (so no fix sets `runAsNonRoot: true`), and whether `capabilities.drop: [ALL]` would stop it.
 */
import {
  CAPABILITIES_NEED_ROOT,
  describeMatches,
  listCapabilities,
  type Inference,
  inferNeedsOfAll,
  type KeepsDefaults,
  neededCapabilityAdvice,
  removalCaveat,
  withArticle,
  type Recognition,
} from "../../../capabilities/index.js";
import {
  DOCKER_DEFAULT_CAPABILITIES,
  normalizeCapability,
} from "../../../container/capability-sets.js";
import { codeSpan } from "../../../core/code-span.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import { RESTRICTED_ALLOWED_CAPABILITIES } from "../../../kubernetes/pss-capabilities.js";
import type { YamlDoc } from "../../../yaml/yaml-doc.js";
import {
  containerWorkloads,
  isolatedException,
  justifiedException,
  recognizeWorkloads,
} from "./privileged-workload.js";
import { isTrue, stringValue } from "./values.js";

export interface ContainerNeeds {
  readonly container: ContainerView;
  /** The workload that genuinely needs privilege the container is recognised as, or null. */
  readonly recognition: Recognition | null;
  /** What the capability catalogue infers from what it runs (or, for a chart value, what the containers it is given to run). */
  readonly inference: Inference;
  /** The capabilities it adds, as written. */
  readonly added: readonly string[];
  /** `privileged: true` is set and, the workload being recognised as needing it, kept. */
  readonly keepsPrivileged: boolean;
}

export function containerNeeds(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
): ContainerNeeds {
  const workloads = containerWorkloads(doc, pod, container);
  const recognition = recognizeWorkloads(doc, workloads);
  // What the catalogue infers depends on the facts alone: worked out once per document (and the
  // documents its fixes make) for the same facts.
  const inference = doc.derived(`infer ${JSON.stringify(workloads)}`, () =>
    inferNeedsOfAll(workloads),
  );
  const add = doc.getSeq(doc.getMap(container.securityContext, "capabilities"), "add");
  const added = add ? doc.items(add).flatMap((item) => stringValue(item) ?? []) : [];
  const privileged = isTrue(doc.get(container.securityContext, "privileged")?.value);
  const keepsPrivileged = privileged && !!recognition && recognition.workload.privileged !== false;
  return { container, recognition, inference, added, keepsPrivileged };
}

/**
 * Why the container keeps `capability`, when it needs it: a workload recognised as one that
 * genuinely needs privilege (flannel's NET_ADMIN and NET_RAW), or a tool the capability catalogue
 * says needs it (tcpdump's NET_RAW). Null when nothing says so.
 */
export function capabilityAdvice(
  needs: ContainerNeeds,
  capability: string,
  ruleId: string,
): string | null {
  const { recognition, inference } = needs;
  // A workload that needs only host namespaces (the MetalLB speaker) needs the capabilities the
  // catalogue says it does, not every one it adds: MetalLB dropped the speaker's NET_ADMIN and
  // SYS_ADMIN as not needed.
  if (recognition && recognition.workload.privileged !== false)
    return justifiedException(recognition, ruleId, codeSpan(capability));
  return neededCapabilityAdvice(
    inference,
    // As the catalogue spells it: `CAP_NET_ADMIN` and `net_admin` are the runtime's NET_ADMIN.
    normalizeCapability(capability),
    codeSpan(capability),
    "Keep it as a reviewed exception: the reason in a " +
      `\`privilege-guard.io/allow-${ruleId}\` annotation on the object or an exception in the app's config.`,
  );
}

/**
 * What must hold before a fix removes `capability` from a container whose tool uses it for one
 * step only (WireGuard's SYS_MODULE), to follow the fix's description; null when nothing says so.
 */
export function capabilityRemovalCaveat(needs: ContainerNeeds, capability: string): string | null {
  return removalCaveat(needs.inference, normalizeCapability(capability));
}

/**
 * The capabilities it needs that only root holds: those the catalogue infers and, for a recognised
 * workload that needs privilege, those it adds; NET_BIND_SERVICE aside (the restricted level allows it, and the
 * `net.ipv4.ip_unprivileged_port_start` sysctl serves a non-root process instead).
 */
function rootCapabilities(needs: ContainerNeeds): string[] {
  // As in `capabilityAdvice`: a workload that needs only host namespaces (the MetalLB speaker)
  // needs what the catalogue says, not every capability it adds.
  const own =
    needs.recognition && needs.recognition.workload.privileged !== false ? needs.added : [];
  return [...new Set([...needs.inference.capabilities, ...own])].filter(
    (c) => !RESTRICTED_ALLOWED_CAPABILITIES.has(c),
  );
}

/**
 * Why the container must run as root (UID 0), as advice that no fix sets `runAsNonRoot: true` or
 * takes its `runAsUser: 0` away (the kubelet would refuse to start it, or it would lose what it
 * needs); null when nothing says so.
 */
export function runsAsRootAdvice(needs: ContainerNeeds, ruleId: string): string | null {
  const name = codeSpan(needs.container.label);
  const refused =
    'With `runAsNonRoot: true` the kubelet would refuse to start it ("container has runAsNonRoot and image will run as root"), so no fix makes it run as another user.';
  const { recognition } = needs;
  const root = recognition?.workload.root;
  if (recognition && (root || needs.keepsPrivileged)) {
    const why =
      root?.why ?? "it keeps privileged mode, whose capabilities only a root process holds";
    return [
      `Container ${name} looks like ${withArticle(recognition.workload.title)} (${recognition.signal}), which runs as root (UID 0): ${why}.`,
      refused,
      isolatedException(ruleId),
    ].join(" ");
  }
  const capabilities = rootCapabilities(needs);
  if (capabilities.length === 0) return null;
  const who = recognition
    ? `a ${recognition.workload.title} (${recognition.signal})`
    : `${describeMatches(needs.inference)}, by the capability catalogue`;
  return [
    `Container ${name} needs ${listCapabilities(capabilities)} (${who}), and ${CAPABILITIES_NEED_ROOT.why}.`,
    "So it runs as root: `runAsNonRoot: true` would stop it, or take those capabilities away with a non-root user; no fix makes it run as another user.",
    isolatedException(ruleId),
  ].join(" ");
}

/**
 * Why `capabilities.drop: [ALL]` would stop the container or change nothing, as advice that no
 * fix drops them; null when dropping all and adding back what it needs is safe.
 */
export function keepsDefaultsAdvice(needs: ContainerNeeds, ruleId: string): string | null {
  const { recognition } = needs;
  const name = codeSpan(needs.container.label);
  if (recognition && needs.keepsPrivileged) {
    return [
      `Container ${name} looks like ${withArticle(recognition.workload.title)} (${recognition.signal}) and keeps privileged mode, which grants every capability whatever \`capabilities.drop\` says: dropping ALL would change nothing while it is privileged, so no fix adds it.`,
      isolatedException(ruleId),
    ].join(" ");
  }
  const keeps: { title: string; keeps: KeepsDefaults }[] = [];
  if (recognition?.workload.keepsDefaults)
    keeps.push({
      title: `a ${recognition.workload.title}`,
      keeps: recognition.workload.keepsDefaults,
    });
  for (const m of needs.inference.matches)
    if (m.entry.keepsDefaults) keeps.push({ title: m.entry.title, keeps: m.entry.keepsDefaults });
  const first = keeps[0];
  if (!first) return null;
  return [
    `Container ${name} is ${first.title}, which ${first.keeps.why}: dropping ALL capabilities would stop it even with the ones it adds kept, so no fix drops them.`,
    "To narrow it, drop only capabilities you have tested it without.",
    isolatedException(ruleId),
  ].join(" ");
}

/**
 * What a `drop: [ALL]` must add back so that the container keeps what it needs: the capabilities
 * the catalogue infers that the runtime grants by default (NET_RAW for tcpdump) and it does not
 * add already (containerd's `defaultUnixCaps` in pkg/oci is the same list as Moby's). A capability
 * outside the default set, which it does not have today, is not granted. A tool known only by the
 * image does not count when the container replaces the image's entrypoint with its own `command`
 * (MetalLB's init containers run a copy tool from the speaker image).
 */
export function addBack(needs: ContainerNeeds, doc: YamlDoc): string[] {
  const ownCommand = !!doc.getSeq(needs.container.ref, "command");
  const running = needs.inference.matches.filter(
    (m) => !(ownCommand && m.signal.startsWith("image ")),
  );
  const capabilities = new Set(running.flatMap((m) => m.entry.capabilities));
  return [...capabilities].filter(
    (c) => DOCKER_DEFAULT_CAPABILITIES.has(c) && !needs.added.includes(c),
  );
}
