import { readFileSync } from "node:fs";

/** A file of test/fixtures/github (manifests served as repository contents). */
export function manifest(name: string): string {
  return readFileSync(new URL(`../../fixtures/github/${name}`, import.meta.url), "utf8");
}

/** 40 hex digits derived from a label: readable, distinct commit SHAs for tests. */
export function sha(label: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 40; round++) {
    for (const c of `${label}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
}
