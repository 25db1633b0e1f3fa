/** The capability catalogue: what a container runs → the capabilities and devices it needs. */
export { ALTERNATIVES, type Alternative, alternativesTo } from "./alternatives.js";
export { LINUX_CAPABILITIES } from "./capability-names.js";
export { CAPABILITY_CATALOGUE } from "./catalogue.js";
export { parseImageRef } from "./image-ref.js";
export {
  type CompiledCatalogue,
  compileCatalogue,
  describeMatches,
  listCapabilities,
  inferNeeds,
  inferNeedsOfAll,
} from "./infer.js";
export {
  type AdviceWording,
  justifiedAdvice,
  neededCapabilityAdvice,
  removalCaveat,
  withArticle,
} from "./justified-advice.js";
export {
  CONFINEMENT_NAME,
  type Confinement,
  PRIVILEGED_WORKLOADS,
  type PrivilegedWorkload,
  type UnconfinedNeed,
} from "./privileged-workloads.js";
export {
  needsHostNamespace,
  needsHostPath,
  needsUnconfined,
  type Recognition,
  recognizePrivilegedWorkload,
  type WorkloadFacts,
} from "./recognize.js";
export {
  NODE_LOCAL_PORTS,
  type NodeLocalPorts,
  nodeLocalPortNeeded,
} from "./node-local-ports.js";
export { CAPABILITIES_NEED_ROOT } from "./run-as-root.js";
export {
  SELINUX_TYPE_NEEDS,
  type SeLinuxTypeNeed,
  seLinuxTypeNeeded,
} from "./selinux-types.js";
export type {
  CatalogueEntry,
  CatalogueMatch,
  ContainerFacts,
  Evidence,
  Inference,
  KeepsDefaults,
  Match,
} from "./types.js";
