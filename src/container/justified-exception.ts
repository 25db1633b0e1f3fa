import { justifiedAdvice, type Recognition } from "../capabilities/index.js";

/**
 * The advice for a container runtime setting that a recognised workload genuinely needs (a
 * Docker-in-Docker daemon's privileged mode), isolated in the terms of a host or CI runner.
 */
export function justifiedContainerException(
  recognition: Recognition,
  ruleId: string,
  setting: string,
): string {
  return justifiedAdvice(
    recognition,
    setting,
    "Keep it as a justified exception, isolated: a dedicated host or CI runner that holds no " +
      "secrets of other projects and runs nothing else, off shared networks, and the reason " +
      "written in a " +
      `\`privilege-guard: allow ${ruleId} -- <reason>\` comment on the line above the setting or ` +
      "an exception entry (`path`, and `service`) in the app's config.",
  );
}
