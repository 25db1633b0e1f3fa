import { createHash } from "node:crypto";

/** A short stable hash of a finding's identity, safe to hide in a comment. */
export function fingerprintOf(identity: string): string {
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}

/**
 * Fingerprints for a list of identities: equal identities (the same setting twice on one
 * object) get an occurrence suffix so every finding's fingerprint is unique.
 */
export function assignFingerprints(identities: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return identities.map((id) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    const base = fingerprintOf(id);
    return n === 0 ? base : `${base}-${n}`;
  });
}
