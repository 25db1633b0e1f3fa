import {
  type AdviceWording,
  CONFINEMENT_NAME,
  type Confinement,
  justifiedAdvice,
  needsHostNamespace,
  needsHostPath,
  needsUnconfined,
  type Recognition,
  recognizePrivilegedWorkload,
} from "../capabilities/index.js";
import { codeSpan } from "../core/code-span.js";
import type { ContainerSubject, NamespaceName } from "./settings.js";
import { containerWorkloadFacts } from "./workload-facts.js";

/**
 * The advice for a container runtime setting that a recognised workload genuinely needs (a
 * Docker-in-Docker daemon's privileged mode), isolated in the terms of a host or CI runner.
 */
export function justifiedContainerException(
  recognition: Recognition,
  ruleId: string,
  setting: string,
  wording?: AdviceWording,
): string {
  return justifiedAdvice(
    recognition,
    setting,
    "Keep it as a justified exception, isolated: a dedicated host or CI runner that holds no " +
      "secrets of other projects and runs nothing else, off shared networks, and the reason " +
      "written in a " +
      `\`privilege-guard: allow ${ruleId} -- <reason>\` comment on the line above the setting or ` +
      "an exception entry (`path`, and `service`) in the app's config.",
    wording,
  );
}

/** The kind of privileged workload `subject` is, from what it runs and what its settings show. */
export function recognizeSubject(subject: ContainerSubject): Recognition | null {
  return recognizePrivilegedWorkload(containerWorkloadFacts(subject));
}

/**
 * The advice for sharing the host's `namespace` when the recognised workload needs it (a node
 * agent's PID namespace, a CNI agent's network), or null.
 */
export function hostNamespaceAdvice(
  recognition: Recognition | null,
  namespace: NamespaceName,
  ruleId: string,
): string | null {
  if (!recognition || !needsHostNamespace(recognition, namespace)) return null;
  return justifiedContainerException(recognition, ruleId, `the host's ${namespace} namespace`);
}

/** The advice for a host path the recognised workload needs mounted, or null. */
export function hostMountAdvice(
  recognition: Recognition | null,
  source: string,
  ruleId: string,
): string | null {
  if (!recognition || !needsHostPath(recognition, source)) return null;
  return justifiedContainerException(
    recognition,
    ruleId,
    `the host path ${codeSpan(source)} mounted`,
  );
}

/**
 * The advice for an unconfined profile the recognised workload needs (rootless BuildKit's seccomp
 * and AppArmor, Falco's AppArmor): why no fix confines it, and the isolated exception; or null.
 */
export function unconfinedContainerAdvice(
  recognition: Recognition | null,
  confinement: Confinement,
  ruleId: string,
): string | null {
  const need = recognition ? needsUnconfined(recognition, confinement) : null;
  if (!recognition || !need) return null;
  const name = CONFINEMENT_NAME[confinement];
  return justifiedContainerException(recognition, ruleId, `an unconfined ${name} profile`, {
    needs: need.why,
    noFix: `sets the runtime's default ${name} profile`,
  });
}
