/** Kubernetes' validation and kubelet checks for the fields fixes touch, over plain data. */
export { newViolations, nonLocalChanges, violationCounts, violationsBeyond } from "./fix-check.js";
export type { Constraint, PodSpecAt, SourceRef, Violation } from "./types.js";
export { KUBERNETES_SOURCE } from "./types.js";
export { CONSTRAINTS, validateDocument } from "./validate.js";
