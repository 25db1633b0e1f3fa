import { isCollection, isPair, isScalar, type Node, type YAMLMap } from "yaml";
import type { MapEditor, MapOp } from "../../../fix/map-editor.js";
import type { TextEdit } from "../../../fix/text-edit.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { Ref, YamlDoc } from "../../../yaml/yaml-doc.js";

/** A setting's place for editing: the mapping to edit and the key path from it to the setting. */
export interface SettingPlace {
  readonly base: Ref<YAMLMap>;
  readonly path: readonly string[];
  /**
   * How many leading keys of `path` name mappings that must stay even when emptied (written as
   * `{}`): a chart's `securityContext` value, which templates may read fields of.
   */
  readonly keep: number;
}

/**
 * Where a container's security context setting `path` is edited from: the container mapping, so
 * that a security context left empty goes too. A security context standing alone (a Helm value)
 * is edited from the mapping that holds it, and is kept as `{}` when emptied.
 */
export function containerContextPlace(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
  path: readonly string[],
): SettingPlace | null {
  const context = container.securityContext;
  if (!context) return null;
  const owner = container.ref ?? pod.spec;
  const key = owner ? keyOf(doc, owner, context) : null;
  if (!owner || !key) return { base: context, path, keep: 0 };
  return { base: owner, path: [key, ...path], keep: container.ref ? 0 : 1 };
}

/**
 * The same for a pod-level security context: deleted when emptied in a pod spec, kept as `{}` for
 * a chart's `podSecurityContext` value.
 */
export function podContextPlace(
  doc: YamlDoc,
  pod: PodView,
  path: readonly string[],
): SettingPlace | null {
  const context = pod.securityContext;
  if (!context) return null;
  const key = pod.spec ? keyOf(doc, pod.spec, context) : null;
  if (!pod.spec || !key) return { base: context, path, keep: 0 };
  return { base: pod.spec, path: [key, ...path], keep: key === "securityContext" ? 0 : 1 };
}

/**
 * Edits deleting a setting, together with the mappings it leaves empty on its way up to the base:
 * deleting `seLinuxOptions.user` from `securityContext: {seLinuxOptions: {user: x}}` deletes the
 * whole `securityContext`. Tries the widest edit first and narrower ones when the editor cannot
 * make it (a pair sharing its line with a `- ` item marker). Null when no safe edit exists
 * (aliases, merge keys).
 */
export function deleteSetting(
  editor: MapEditor,
  doc: YamlDoc,
  place: SettingPlace,
): TextEdit[] | null {
  for (const op of deletionOps(doc, place)) {
    const edits = editor.edit(place.base, [op]);
    if (edits && edits.length > 0) return edits;
  }
  return null;
}

/** Edits of the base that remove the setting and nothing else, widest first. */
export function deletionOps(doc: YamlDoc, place: SettingPlace): MapOp[] {
  const { base, path, keep } = place;
  const maps: Ref<YAMLMap>[] = [base];
  for (const key of path.slice(0, -1)) {
    const next = doc.getMap(maps[maps.length - 1], key);
    if (!next) return [{ op: "delete", path }];
    maps.push(next);
  }
  // Deleting path[0..k) removes maps[k..]; each of those must hold only the key on the path, and
  // the removed subtree must define no anchor that an alias elsewhere still uses.
  const removable = (k: number) => {
    if (!maps.slice(k).every((map, j) => onlyEntry(doc, map, path[k + j]))) return false;
    const removed =
      k < maps.length ? maps[k]?.node : doc.get(maps[k - 1], path[k - 1] ?? "")?.pair?.value;
    return !definesAnchor(removed as Node | null | undefined);
  };
  const out: MapOp[] = [];
  if (keep > 0 && removable(keep)) out.push({ op: "set", path: path.slice(0, keep), value: {} });
  for (let k = Math.max(1, keep + 1); k <= path.length; k++) {
    if (removable(k)) out.push({ op: "delete", path: path.slice(0, k) });
  }
  return out;
}

function onlyEntry(doc: YamlDoc, map: Ref<YAMLMap>, key: string | undefined): boolean {
  const entries = doc.entries(map);
  const only = entries.length === 1 ? entries[0] : undefined;
  return (
    map.node.items.length === 1 && only !== undefined && only.key === key && only.pair !== null
  );
}

/** The key under which `owner` holds `child`, or null. */
function keyOf(doc: YamlDoc, owner: Ref<YAMLMap>, child: Ref<YAMLMap>): string | null {
  for (const e of doc.entries(owner)) if (e.value?.node === child.node && e.pair) return e.key;
  return null;
}

/** True when the node or anything inside it carries an anchor. */
function definesAnchor(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (typeof (node as { anchor?: string }).anchor === "string") return true;
  if (isScalar(node) || !isCollection(node)) return false;
  return node.items.some((item) =>
    isPair(item)
      ? definesAnchor(item.key as Node | null) || definesAnchor(item.value as Node | null)
      : definesAnchor(item as Node),
  );
}
