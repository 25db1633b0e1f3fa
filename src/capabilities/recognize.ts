import { compile, compileMatch, indexFacts, type SignalFinder } from "./match.js";
import {
  type Confinement,
  PRIVILEGED_WORKLOADS,
  type PrivilegedWorkload,
  type UnconfinedNeed,
} from "./privileged-workloads.js";
import type { ContainerFacts } from "./types.js";

/** What is known of a container beyond its own fields: how it mounts, and its pod's host namespaces. */
export interface WorkloadFacts extends ContainerFacts {
  /** Propagation modes of its mounts (`Bidirectional`, `HostToContainer`). */
  readonly propagation?: readonly string[];
  /** Host namespaces it shares: `network`, `pid`, `ipc`. */
  readonly hostNamespaces?: readonly string[];
}

/** A workload recognised as one that genuinely needs privilege, and the signal that showed it. */
export interface Recognition {
  readonly workload: PrivilegedWorkload;
  readonly signal: string;
}

const COMPILED: readonly {
  workload: PrivilegedWorkload;
  find: SignalFinder;
  hostPaths: readonly ((path: string) => boolean)[];
}[] = PRIVILEGED_WORKLOADS.map((workload) => ({
  workload,
  find: compileMatch(workload.match),
  hostPaths: (workload.hostPaths ?? []).map(compile),
}));

/** Whether the recognised workload needs the host path `path` mounted (its `hostPaths`). */
export function needsHostPath(recognition: Recognition, path: string): boolean {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const entry = COMPILED.find((c) => c.workload === recognition.workload);
  return entry?.hostPaths.some((test) => test(trimmed)) ?? false;
}

/**
 * Whether the recognised workload needs the host's `namespace` (`network`, `pid`, `ipc`): one its
 * recognition requires, or one it needs where it shares it.
 */
export function needsHostNamespace(recognition: Recognition, namespace: string): boolean {
  const { match, hostNamespacesNeeded } = recognition.workload;
  return [...(match.hostNamespaces ?? []), ...(hostNamespacesNeeded ?? [])].some(
    (ns) => ns === namespace,
  );
}

/** Why the recognised workload must run without `confinement` (AppArmor, seccomp), or null. */
export function needsUnconfined(
  recognition: Recognition,
  confinement: Confinement,
): UnconfinedNeed | null {
  return recognition.workload.unconfined?.[confinement] ?? null;
}

/**
 * The first kind of privileged workload the container is, or null: one of its signals shows, and
 * it shares every host namespace the kind requires.
 */
export function recognizePrivilegedWorkload(facts: WorkloadFacts): Recognition | null {
  const index = indexFacts(facts);
  const shared = new Set(facts.hostNamespaces ?? []);
  for (const { workload, find } of COMPILED) {
    if (!(workload.match.hostNamespaces ?? []).every((ns) => shared.has(ns))) continue;
    const mode = (workload.match.propagation ?? []).find((p) => facts.propagation?.includes(p));
    const signal = mode ? `${mode} mount propagation` : find(index);
    if (signal) return { workload, signal };
  }
  return null;
}
