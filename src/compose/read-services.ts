/**
 * Reads the services of a Compose file into the container model: each service's settings with
 * their spans, merge keys and anchors followed (through `YamlDoc`), `extends` resolved as Compose
 * merges it (a base's list items joined with the service's own, its single values overridden by
 * the service's), within the same file or, through `ExternalServices`, of another file the kind
 * has, variables read with their defaults.
 * https://github.com/compose-spec/compose-spec/blob/main/05-services.md
 */

import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { normalizeCapability } from "../container/capability-sets.js";
import { classifyHostPath, UNKNOWN_PART } from "../container/host-paths.js";
import type {
  ContainerSubject,
  ContainerWorkload,
  NamespaceName,
  RuntimeSetting,
} from "../container/settings.js";
import { codeSpan } from "../core/code-span.js";
import type { Entry, Range, Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { interpolate } from "./interpolate.js";

/**
 * The resolved service `service` of the Compose file `file` (as written in `extends.file`, relative
 * to the file being read), or null when that file is not at hand or has no such service.
 */
export type ExternalServices = (file: string, service: string) => ExternalService | null;

export interface ExternalService {
  readonly settings: readonly RuntimeSetting[];
  readonly workload: ContainerWorkload;
  /** How messages name it: `` service `base` of `common.yml` ``. */
  readonly label: string;
}

/** How a setting is taken out of its service mapping, when it can be edited in place. */
export type SettingEdit =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "item"; readonly key: string; readonly item: string; readonly only: boolean };

export interface ComposeSetting {
  readonly setting: RuntimeSetting;
  /** Null when the setting comes through a merge key, an alias or `extends`. */
  readonly edit: SettingEdit | null;
  /** Where the setting's key is written (the `cap_add:` of an item), for an inline exception. */
  readonly keyAt: Range;
}

export interface ComposeService {
  readonly name: string;
  readonly ref: Ref<YAMLMap>;
  readonly subject: ContainerSubject;
  readonly settings: readonly ComposeSetting[];
}

const NAMESPACE_KEYS: readonly (readonly [string, NamespaceName])[] = [
  ["pid", "pid"],
  ["ipc", "ipc"],
  ["network_mode", "network"],
  ["userns_mode", "userns"],
  ["uts", "uts"],
  ["cgroup", "cgroup"],
];

/** compose-go reads these strings as booleans for boolean fields (after interpolation). */
const TRUE_WORDS = new Set(["true", "yes", "y", "on"]);

/** Every service of the document, in file order. */
export function readServices(
  doc: YamlDoc,
  external: ExternalServices = () => null,
): ComposeService[] {
  const root = doc.root();
  if (!root || !isMap(root.node)) return [];
  const services = doc.getMap(root as Ref<YAMLMap>, "services");
  if (!services) return [];
  const byName = new Map<string, Ref<YAMLMap>>();
  for (const entry of doc.entries(services)) {
    if (entry.value && isMap(entry.value.node)) byName.set(entry.key, entry.value as Ref<YAMLMap>);
  }
  const out: ComposeService[] = [];
  for (const [name, ref] of byName) {
    const settings = resolve(doc, byName, external, name, new Set());
    out.push({
      name,
      ref,
      settings,
      subject: {
        label: `Service ${codeSpan(name)}`,
        settings: settings.map((s) => s.setting),
        workload: resolveWorkload(doc, byName, external, name, new Set()),
      },
    });
  }
  return out;
}

/**
 * A service's settings with those of the service it `extends` underneath. A base in another file
 * lends its settings positioned at the `extends` that brings them in, since that is where this
 * file asks for them.
 */
function resolve(
  doc: YamlDoc,
  byName: ReadonlyMap<string, Ref<YAMLMap>>,
  external: ExternalServices,
  name: string,
  seen: Set<string>,
): ComposeSetting[] {
  const ref = byName.get(name);
  if (!ref || seen.has(name)) return [];
  seen.add(name);
  const own = readOwn(doc, ref);
  const base = extendedService(doc, ref);
  if (base === null) return own;
  const merged = new Map<string, ComposeSetting>();
  if (base.file === null) {
    for (const s of resolve(doc, byName, external, base.service, seen))
      merged.set(s.setting.field, { ...s, edit: null });
  } else {
    const other = external(base.file, base.service);
    for (const setting of other?.settings ?? []) {
      merged.set(setting.field, {
        setting: { ...setting, at: base.at, inheritedFrom: other?.label ?? "" },
        edit: null,
        keyAt: base.at,
      });
    }
  }
  for (const s of own) merged.set(s.setting.field, s);
  return [...merged.values()];
}

function resolveWorkload(
  doc: YamlDoc,
  byName: ReadonlyMap<string, Ref<YAMLMap>>,
  external: ExternalServices,
  name: string,
  seen: Set<string>,
): ContainerWorkload {
  const ref = byName.get(name);
  if (!ref || seen.has(name)) return {};
  seen.add(name);
  const base = extendedService(doc, ref);
  const inherited =
    base === null
      ? {}
      : base.file === null
        ? resolveWorkload(doc, byName, external, base.service, seen)
        : (external(base.file, base.service)?.workload ?? {});
  const image = text(doc.get(ref, "image")?.value);
  const command = words(doc, doc.get(ref, "entrypoint")?.value);
  const args = words(doc, doc.get(ref, "command")?.value);
  const environment = environmentNames(doc, doc.get(ref, "environment")?.value);
  const mountPaths = mountTargets(doc, doc.get(ref, "volumes")?.value);
  return {
    ...inherited,
    ...(image !== null ? { image } : {}),
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(environment.length > 0 ? { environment } : {}),
    ...(mountPaths.length > 0 ? { mountPaths } : {}),
  };
}

/**
 * The names of the variables a service's `environment` sets: a mapping's keys, or a list's
 * `NAME=value` and `NAME` items (the Compose Specification's two forms).
 */
function environmentNames(doc: YamlDoc, ref: Ref | null | undefined): string[] {
  if (!ref) return [];
  if (isMap(ref.node)) return doc.entries(ref as Ref<YAMLMap>).map((e) => e.key);
  if (!isSeq(ref.node)) return [];
  return doc.items(ref as Ref<never>).flatMap((item) => {
    const name = text(item)?.split("=")[0]?.trim();
    return name ? [name] : [];
  });
}

/**
 * Where each of a service's `volumes` lands in the container, a host path's, a named volume's or
 * an anonymous one's: the short syntax's target (`source:target[:mode]`, or a lone path), the
 * long syntax's `target`.
 */
function mountTargets(doc: YamlDoc, ref: Ref | null | undefined): string[] {
  if (!ref || !isSeq(ref.node)) return [];
  return doc.items(ref as Ref<never>).flatMap((item) => {
    if (isMap(item.node)) {
      const target = text(doc.get(item as Ref<YAMLMap>, "target")?.value);
      return target ? [target] : [];
    }
    const value = text(item);
    const target = value ? shortSyntax(value).target : "";
    return target.startsWith("/") ? [target] : [];
  });
}

interface Extended {
  readonly service: string;
  /** `extends.file` as written; null for a service of the same file. */
  readonly file: string | null;
  /** The `extends` entry. */
  readonly at: Range;
}

/** The files the document's services extend services of (`extends.file`), as written. */
export function extendedFiles(doc: YamlDoc): string[] {
  const root = doc.root();
  if (!root || !isMap(root.node)) return [];
  const services = doc.getMap(root as Ref<YAMLMap>, "services");
  const files: string[] = [];
  for (const entry of services ? doc.entries(services) : []) {
    if (!entry.value || !isMap(entry.value.node)) continue;
    const file = extendedService(doc, entry.value as Ref<YAMLMap>)?.file;
    if (file) files.push(file);
  }
  return files;
}

/** `extends: base`, `extends: {service: base}` or `extends: {file: other.yml, service: base}`. */
function extendedService(doc: YamlDoc, ref: Ref<YAMLMap>): Extended | null {
  const entry = doc.get(ref, "extends");
  const value = entry?.value;
  if (!entry || !value) return null;
  if (isScalar(value.node)) {
    const service = text(value);
    return service === null ? null : { service, file: null, at: entry.range };
  }
  if (!isMap(value.node)) return null;
  const map = value as Ref<YAMLMap>;
  const service = text(doc.get(map, "service")?.value);
  if (service === null) return null;
  const fileEntry = doc.get(map, "file");
  if (!fileEntry) return { service, file: null, at: entry.range };
  const file = text(fileEntry.value);
  return file === null ? null : { service, file, at: entry.range };
}

/** The settings written in (or merged into) one service mapping. */
function readOwn(doc: YamlDoc, service: Ref<YAMLMap>): ComposeSetting[] {
  const out: ComposeSetting[] = [];
  const editable = (entry: Entry) =>
    service.direct && entry.direct && entry.pair !== null && (entry.value?.direct ?? false);
  const privileged = doc.get(service, "privileged");
  const flag = scalarSetting(privileged);
  if (privileged && flag) {
    out.push({
      setting: {
        kind: "privileged",
        value: TRUE_WORDS.has(flag.value.toLowerCase()),
        at: privileged.range,
        field: "privileged",
        ...flag.written,
      },
      edit: editable(privileged) ? { kind: "key", key: "privileged" } : null,
      keyAt: privileged.range,
    });
  }
  for (const [key, namespace] of NAMESPACE_KEYS) {
    const entry = doc.get(service, key);
    const value = scalarSetting(entry);
    if (!entry || !value) continue;
    out.push({
      setting: {
        kind: "namespace",
        namespace,
        value: value.value,
        at: entry.range,
        field: key,
        ...value.written,
      },
      edit: editable(entry) ? { kind: "key", key } : null,
      keyAt: entry.range,
    });
  }
  listItems(
    doc,
    service,
    "cap_add",
    (item, value) => ({
      kind: "cap-add",
      capability: value,
      at: item.range,
      field: `cap_add[${normalizeCapability(value.trim())}]`,
    }),
    out,
  );
  listItems(
    doc,
    service,
    "security_opt",
    (item, value) => ({
      kind: "security-opt",
      value,
      at: item.range,
      field: `security_opt[${value.trim()}]`,
    }),
    out,
  );
  listItems(
    doc,
    service,
    "device_cgroup_rules",
    (item, value) => ({
      kind: "device-cgroup-rule",
      value,
      at: item.range,
      field: `device_cgroup_rules[${value.trim()}]`,
    }),
    out,
  );
  listItems(
    doc,
    service,
    "devices",
    (item, value) => ({
      kind: "device",
      value,
      at: item.range,
      field: `devices[${value.split(":")[0] ?? value}]`,
    }),
    out,
    (item) => doc.getScalar(item as Ref<YAMLMap>, "source"),
  );
  readVolumes(doc, service, out);
  return out;
}

/**
 * Each scalar item of a list (or, with `fromMap`, the value a long-syntax item gives) as a
 * setting. An item whose variable has no default is unknown and left out.
 */
function listItems(
  doc: YamlDoc,
  service: Ref<YAMLMap>,
  key: string,
  build: (item: Ref, value: string) => RuntimeSetting,
  out: ComposeSetting[],
  fromMap?: (item: Ref) => unknown,
): void {
  const entry = doc.get(service, key);
  const seq = doc.getSeq(service, key);
  if (!entry || !seq) return;
  const items = doc.items(seq);
  for (const item of items) {
    const raw = isScalar(item.node)
      ? item.node.value
      : isMap(item.node) && fromMap
        ? fromMap(item)
        : undefined;
    const read = readText(raw);
    if (!read) continue;
    const editable = editableItem(service, entry, seq, item);
    out.push({
      setting: { ...build(item, read.value), ...read.written } as RuntimeSetting,
      edit: editable ? { kind: "item", key, item: String(raw), only: items.length === 1 } : null,
      keyAt: entry.range,
    });
  }
}

/**
 * Whether a list item can be edited in place: written directly in the service (no anchor, alias
 * or merge between them) and a scalar.
 */
function editableItem(service: Ref<YAMLMap>, entry: Entry, seq: Ref<YAMLSeq>, item: Ref): boolean {
  return (
    service.direct &&
    entry.direct &&
    entry.pair !== null &&
    seq.direct &&
    item.direct &&
    isScalar(item.node)
  );
}

/** Bind mounts (short `src:dst[:mode]` and long `type: bind`) as host mounts. */
function readVolumes(doc: YamlDoc, service: Ref<YAMLMap>, out: ComposeSetting[]): void {
  const entry = doc.get(service, "volumes");
  const seq = doc.getSeq(service, "volumes");
  if (!entry || !seq) return;
  const items = doc.items(seq);
  for (const item of items) {
    const mount = isScalar(item.node)
      ? shortMount(item.node.value)
      : isMap(item.node)
        ? longMount(doc, item as Ref<YAMLMap>)
        : null;
    if (!mount) continue;
    const editable = editableItem(service, entry, seq, item);
    out.push({
      setting: {
        kind: "host-mount",
        source: mount.source,
        target: mount.target,
        readOnly: mount.readOnly,
        at: item.range,
        field: `volumes[${mount.target}]`,
        ...mount.written,
      },
      edit: editable
        ? {
            kind: "item",
            key: "volumes",
            item: String((item.node as { value: unknown }).value),
            only: items.length === 1,
          }
        : null,
      keyAt: entry.range,
    });
  }
}

interface Mount {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly written: { written?: string };
}

/** A host path as Compose tells it from a volume name: absolute, relative, home or a drive. */
const HOST_SOURCE = /^(?:[/.~]|\\\\|[A-Za-z]:[\\/])/;

function shortMount(raw: unknown): Mount | null {
  const read = readText(raw) ?? readWithUnknown(raw);
  if (!read) return null;
  const { source, target, mode } = shortSyntax(read.value);
  if (source === null || !hostSource(source)) return null;
  return { source, target, readOnly: mode.split(",").includes("ro"), written: read.written };
}

/**
 * A short-syntax volume's parts (`source:target[:mode]`); a lone path is a target with no source
 * (an anonymous volume).
 */
function shortSyntax(value: string): { source: string | null; target: string; mode: string } {
  // A Windows drive letter's colon is not a separator.
  const drive = /^[A-Za-z]:[\\/]/.test(value) ? 2 : 0;
  const cut = value.indexOf(":", drive);
  if (cut === -1) return { source: null, target: value, mode: "" };
  const rest = value.slice(cut + 1);
  const modeCut = rest.lastIndexOf(":");
  return {
    source: value.slice(0, cut),
    target: modeCut === -1 ? rest : rest.slice(0, modeCut),
    mode: modeCut === -1 ? "" : rest.slice(modeCut + 1),
  };
}

function longMount(doc: YamlDoc, map: Ref<YAMLMap>): Mount | null {
  const type = readText(doc.getScalar(map, "type"))?.value;
  if (type !== "bind" && type !== "npipe") return null;
  const rawSource = doc.getScalar(map, "source");
  const source = readText(rawSource) ?? readWithUnknown(rawSource);
  const rawTarget = doc.getScalar(map, "target");
  const target = readText(rawTarget) ?? readWithUnknown(rawTarget);
  if (!source || !target) return null;
  // A bind's source is a host path as written; one with a variable must name a runtime socket.
  if (source.value.includes(UNKNOWN_PART) && !hostSource(source.value)) return null;
  const readOnly = TRUE_WORDS.has(String(doc.getScalar(map, "read_only") ?? "").toLowerCase());
  return { source: source.value, target: target.value, readOnly, written: source.written };
}

/** A scalar entry's value as text, variables read with their defaults; null when unknown. */
function scalarSetting(
  entry: Entry | undefined,
): { value: string; written: { written?: string } } | null {
  if (!entry?.value || !isScalar(entry.value.node)) return null;
  return readText(entry.value.node.value);
}

function readText(raw: unknown): { value: string; written: { written?: string } } | null {
  if (typeof raw === "boolean" || typeof raw === "number")
    return { value: String(raw), written: {} };
  if (typeof raw !== "string") return null;
  const read = interpolate(raw);
  if (read.value === null) return null;
  return { value: read.value, written: read.variable ? { written: raw } : {} };
}

/**
 * A mount's text with each variable that has no default shown as `UNKNOWN_PART`: the rest may still
 * say enough (`${XDG_RUNTIME_DIR}/docker.sock` is rootless Docker's socket wherever that is).
 */
function readWithUnknown(raw: unknown): { value: string; written: { written?: string } } | null {
  if (typeof raw !== "string") return null;
  const read = interpolate(raw, UNKNOWN_PART);
  return read.value === null ? null : { value: read.value, written: {} };
}

/** A host path; one with a part known only at run time only when it names a runtime's socket. */
function hostSource(source: string): boolean {
  if (source.includes(UNKNOWN_PART)) return classifyHostPath(source) === "runtime";
  return HOST_SOURCE.test(source);
}

function text(ref: Ref | null | undefined): string | null {
  if (!ref || !isScalar(ref.node)) return null;
  return readText(ref.node.value)?.value ?? null;
}

/** A command as words: a list's scalars, or a string split at spaces as Compose splits it. */
function words(doc: YamlDoc, ref: Ref | null | undefined): string[] | null {
  if (!ref) return null;
  if (isSeq(ref.node)) {
    return doc.items(ref as Ref<never>).flatMap((item) => {
      const t = text(item);
      return t === null ? [] : [t];
    });
  }
  const t = text(ref);
  return t === null ? null : t.split(/\s+/).filter(Boolean);
}
