import { describeMatches, type Inference, listCapabilities } from "../../../capabilities/index.js";

/** How to find what a workload needs when the catalogue knows nothing of it. */
export const FIND_CAPABILITIES =
  "run it with `capabilities.drop: [ALL]` and add back one capability at a time for what fails, " +
  "or trace the kernel's capability checks while it runs (BCC's `capable` tool, or " +
  "`bpftrace -e 'kprobe:cap_capable { @[comm, arg2] = count(); }'`)";

/**
 * What replacing privileged mode grants, in words: the inferred capabilities and the tools that
 * need them, the devices privileged mode exposed, the catalogue's notes; or, when nothing was
 * inferred, that the workload must be tested without it and how to find what it needs. `hardening`
 * is what the restricted level adds: nothing, privilege escalation off, or that and `drop: [ALL]`.
 */
export function describeGrant(
  inference: Inference,
  hardening: "none" | "no-escalation" | "drop-all",
): string {
  const tools = describeMatches(inference);
  const words = {
    none: "",
    "no-escalation": ", with privilege escalation off",
    "drop-all": ", with privilege escalation off and all other capabilities dropped",
  }[hardening];
  const sentences: string[] = [];
  if (inference.capabilities.length > 0)
    sentences.push(
      `Drop privileged mode and grant only ${listCapabilities(inference.capabilities)}, which ${tools} ${inference.matches.length > 1 ? "need" : "needs"}${words}.`,
    );
  else if (inference.matches.length > 0)
    sentences.push(
      `Drop privileged mode: ${tools} ${inference.matches.length > 1 ? "need" : "needs"} no added capability${words}.`,
    );
  else
    sentences.push(
      `Drop privileged mode${words}. No capability was inferred for this container, so test the workload without privileged mode; to find what it needs, ${FIND_CAPABILITIES}.`,
    );
  if (inference.devices.length > 0)
    sentences.push(
      `It also opens ${inference.devices.map((d) => `\`${d}\``).join(" and ")}, which privileged mode exposed: give the container the device through a device plugin or a hostPath volume of type CharDevice that the runtime's device rules allow.`,
    );
  sentences.push(...inference.notes);
  return sentences.join(" ");
}
