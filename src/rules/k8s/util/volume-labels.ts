/**
 * A hostPath volume's path, and how messages name a volume and its path, also where a chart
 * template sets them with an action (`name: {{ .Values.name }}`, `path: {{ .Values.root }}`): as
 * the template writes them (see `YamlDoc.written`), rather than by the volume's place in its list
 * or "(no path)".
 */
import type { VolumeView } from "../../../kubernetes/pod-view.js";
import type { Entry, YamlDoc } from "../../../yaml/yaml-doc.js";
import { stringValue } from "./values.js";

/** The host path of a volume's `hostPath` entry (its `path`, or the entry written as a string). */
export function hostPathOf(doc: YamlDoc, volume: VolumeView, entry: Entry): string | undefined {
  const source = doc.getMap(volume.ref, "hostPath");
  return source ? stringValue(doc.get(source, "path")?.value) : stringValue(entry.value);
}

/** The volume's name, as written where a template action sets it, else its place in the pod. */
export function volumeLabel(doc: YamlDoc, volume: VolumeView): string {
  return volume.name ?? doc.written(doc.get(volume.ref, "name")?.value) ?? volume.path;
}

/** A hostPath volume's path for a message: known, or as a template writes it, or "(no path)". */
export function hostPathLabel(doc: YamlDoc, volume: VolumeView, entry: Entry): string {
  const path = hostPathOf(doc, volume, entry);
  if (path !== undefined) return path;
  const source = doc.getMap(volume.ref, "hostPath");
  return doc.written(source ? doc.get(source, "path")?.value : entry.value) ?? "(no path)";
}
