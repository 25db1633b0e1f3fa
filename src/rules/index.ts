import type { KubernetesRule } from "../kubernetes/rule.js";
import { privileged } from "./k8s/privileged.js";

/** Every Kubernetes rule, in report order. An explicit list: no directory scan, no registration side effects. */
export const KUBERNETES_RULES: readonly KubernetesRule[] = [privileged];
