import type { KeepsDefaults } from "./types.js";

/**
 * Why a container that needs a capability beyond the runtime's defaults runs as root (UID 0) in
 * Kubernetes: the runtime puts added capabilities in the bounding, permitted and effective sets but
 * not in the ambient set, so a process running as another user loses them when it starts (only
 * file capabilities of its executable would give them back, and `allowPrivilegeEscalation: false`
 * switches those off).
 */
export const CAPABILITIES_NEED_ROOT: KeepsDefaults = {
  why: "Kubernetes gives added capabilities only to a process running as root: the runtime sets no ambient capabilities, so a non-root process loses them when it starts",
  evidence: [
    {
      url: "https://github.com/kubernetes/kubernetes/issues/56374",
      says: "Specified capabilities don't stick with a non-root container user: CapPrm and CapEff are 0 after the change of user (open)",
    },
    {
      url: "https://github.com/containerd/cri/pull/812",
      says: "containerd clears the ambient capabilities of every container: the implication of non-root + caps is not defined in Kubernetes",
    },
    {
      url: "https://man7.org/linux/man-pages/man7/capabilities.7.html",
      says: "capabilities(7), Transformation of capabilities during execve(): a process that is not root keeps only ambient and file capabilities",
    },
  ],
};
