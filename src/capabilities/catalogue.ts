import { BUILDER_ENTRIES } from "./entries/builders.js";
import { DEBUGGING_ENTRIES } from "./entries/debugging.js";
import { NETWORK_ENTRIES } from "./entries/network.js";
import { SYSTEM_ENTRIES } from "./entries/system.js";
import type { CatalogueEntry } from "./types.js";

/** Every tool and workload type whose needs are known, in the order inference reports them. */
export const CAPABILITY_CATALOGUE: readonly CatalogueEntry[] = [
  ...NETWORK_ENTRIES,
  ...DEBUGGING_ENTRIES,
  ...SYSTEM_ENTRIES,
  ...BUILDER_ENTRIES,
];
