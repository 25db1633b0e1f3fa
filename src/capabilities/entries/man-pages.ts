import type { Evidence } from "../types.js";

const CAPABILITIES_7 = "https://man7.org/linux/man-pages/man7/capabilities.7.html";

/** capabilities(7), the section of one capability. */
export function capabilitiesMan(capability: string, says: string): Evidence {
  return { url: CAPABILITIES_7, says: `capabilities(7), ${capability}: ${says}` };
}
