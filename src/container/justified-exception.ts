import type { Recognition } from "../capabilities/index.js";

/**
 * The advice for a container runtime setting that a recognised workload genuinely needs (a
 * Docker-in-Docker daemon's privileged mode): no fix removes it; keep it as a reviewed, isolated
 * exception, and the safer alternative where one exists. The counterpart of the Kubernetes rules'
 * `justifiedException`, in the terms of a host or CI runner instead of a cluster.
 */
export function justifiedContainerException(
  recognition: Recognition,
  ruleId: string,
  setting: string,
): string {
  const { workload, signal } = recognition;
  return [
    `This looks like a ${workload.title} (${signal}), which needs ${setting} to ${workload.needs}, so no fix removes it.`,
    "Keep it as a justified exception, isolated: a dedicated host or CI runner that holds no " +
      "secrets of other projects and runs nothing else, off shared networks, and the reason " +
      `written in a \`privilege-guard: allow ${ruleId} -- <reason>\` comment on the line above ` +
      "the setting or an exception entry (`path`, and `service`) in the app's config.",
    ...(workload.alternative ? [`Safer alternative: ${workload.alternative}`] : []),
  ].join(" ");
}
