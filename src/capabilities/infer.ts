import { CAPABILITY_CATALOGUE } from "./catalogue.js";
import { compileMatch, indexFacts, type SignalFinder } from "./match.js";
import type { CatalogueEntry, CatalogueMatch, ContainerFacts, Inference } from "./types.js";

/** A catalogue with its globs compiled. */
export type CompiledCatalogue = readonly {
  readonly entry: CatalogueEntry;
  readonly find: SignalFinder;
}[];

export function compileCatalogue(catalogue: readonly CatalogueEntry[]): CompiledCatalogue {
  return catalogue.map((entry) => ({ entry, find: compileMatch(entry.match) }));
}

const COMPILED = compileCatalogue(CAPABILITY_CATALOGUE);

/**
 * What the container needs by the catalogue: every entry one of whose signals the container
 * shows, and the union of their capabilities and devices.
 */
export function inferNeeds(
  facts: ContainerFacts,
  catalogue: CompiledCatalogue = COMPILED,
): Inference {
  return inferNeedsOfAll([facts], catalogue);
}

/**
 * What a setting shared by several containers needs (a chart value that several containers'
 * security contexts render): every entry one of them shows, with the first signal found.
 */
export function inferNeedsOfAll(
  facts: readonly ContainerFacts[],
  catalogue: CompiledCatalogue = COMPILED,
): Inference {
  const indexes = facts.map(indexFacts);
  const matches: CatalogueMatch[] = [];
  for (const { entry, find } of catalogue) {
    for (const index of indexes) {
      const signal = find(index);
      if (!signal) continue;
      matches.push({ entry, signal });
      break;
    }
  }
  const capabilities = unique(matches.flatMap((m) => m.entry.capabilities));
  const devices = unique(matches.flatMap((m) => m.entry.devices ?? []));
  // A note names its entry where several matched; alone, the fix has named it already.
  const own = (entry: CatalogueEntry, note: string) =>
    matches.length > 1
      ? `${entry.title}: ${note}`
      : `${note[0]?.toUpperCase() ?? ""}${note.slice(1)}`;
  const notes = matches.flatMap(({ entry }) => [
    ...(entry.note ? [own(entry, entry.note)] : []),
    ...(entry.olderKernels
      ? [
          own(
            entry,
            `on kernels before Linux ${entry.olderKernels.before}, ${entry.olderKernels.capabilities.join(" and ")} instead of ${entry.capabilities.join(" and ")}.`,
          ),
        ]
      : []),
  ]);
  return { matches, capabilities, devices, notes };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The matched tools as a reader names them: `tcpdump`, `kube-proxy and iptables`. */
export function describeMatches(inference: Inference): string {
  return listCapabilities(inference.matches.map((m) => m.entry.title));
}

/** Names joined for a sentence: `NET_RAW and NET_ADMIN`, `BPF, PERFMON and SYS_PTRACE`. */
export function listCapabilities(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
