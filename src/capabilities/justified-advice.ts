import type { Recognition } from "./recognize.js";

/**
 * The advice for a setting that a recognised workload genuinely needs: why no fix removes it, how
 * to keep it as a justified, isolated exception (`keep`, one sentence from the caller: a cluster's
 * namespace, nodes and NetworkPolicy; a host's or CI runner's dedication), and a safer alternative
 * where the data names one.
 */
export function justifiedAdvice(recognition: Recognition, setting: string, keep: string): string {
  const { workload, signal } = recognition;
  return [
    `This looks like a ${workload.title} (${signal}), which needs ${setting} to ${workload.needs}, so no fix removes it.`,
    keep,
    ...(workload.alternative ? [`Safer alternative: ${workload.alternative}`] : []),
  ].join(" ");
}
