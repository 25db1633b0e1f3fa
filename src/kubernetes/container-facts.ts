import { isScalar, type YAMLMap } from "yaml";
import type { ContainerFacts, WorkloadFacts } from "../capabilities/index.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { ContainerView, PodView } from "./pod-view.js";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];

/**
 * A container's manifest fields as the capability catalogue reads them: image, command, args,
 * exec probes, mount paths, the host paths behind its mounts (a hostPath of a character device
 * counts as a device), its ports, and the names of its environment variables.
 */
export function containerFacts(
  doc: YamlDoc,
  ref: Ref<YAMLMap> | null,
  hostPathOf: PodContext["hostPaths"],
): ContainerFacts {
  const image = doc.getScalar(ref, "image");
  const probes = PROBES.flatMap((p) => {
    const command = strings(doc, doc.getMap(doc.getMap(ref, p), "exec"), "command");
    return command.length > 0 ? [command] : [];
  });
  const mounts = doc.mapItems(doc.getSeq(ref, "volumeMounts"));
  const mountPaths = mounts.flatMap((m) => stringOf(doc.getScalar(m, "mountPath")));
  const hostPaths: string[] = [];
  const devices: string[] = [];
  for (const m of mounts) {
    const host = hostPathOf.get(String(doc.getScalar(m, "name")));
    if (!host) continue;
    if (host.type === "CharDevice" || host.path.startsWith("/dev/")) devices.push(host.path);
    else hostPaths.push(host.path);
  }
  devices.push(
    ...doc
      .mapItems(doc.getSeq(ref, "volumeDevices"))
      .flatMap((d) => stringOf(doc.getScalar(d, "devicePath"))),
  );
  const ports = doc.mapItems(doc.getSeq(ref, "ports")).flatMap((p) => {
    const port = doc.getScalar(p, "containerPort");
    const protocol = doc.getScalar(p, "protocol");
    if (typeof port !== "number") return [];
    return [typeof protocol === "string" ? `${port}/${protocol}` : String(port)];
  });
  const environment = doc
    .mapItems(doc.getSeq(ref, "env"))
    .flatMap((e) => stringOf(doc.getScalar(e, "name")));
  return {
    image: typeof image === "string" ? image : null,
    command: strings(doc, ref, "command"),
    args: strings(doc, ref, "args"),
    probes,
    mountPaths,
    hostPaths,
    devices,
    ports,
    environment,
  };
}

function stringOf(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

/** The scalar items of a list field as strings (numbers and booleans as written). */
function strings(doc: YamlDoc, map: Ref<YAMLMap> | null, key: string): string[] {
  const seq = doc.getSeq(map, key);
  if (!seq) return [];
  return doc.items(seq).flatMap((item) => {
    const v = doc.getScalarOf(item);
    return v === null || v === undefined || typeof v === "object" ? [] : [String(v)];
  });
}

const HOST_NAMESPACES = [
  ["hostNetwork", "network"],
  ["hostPID", "pid"],
  ["hostIPC", "ipc"],
] as const;

/**
 * What a pod gives its containers, as the capability catalogue reads it: the host namespaces it
 * shares and the host paths behind its volumes, by volume name.
 */
export interface PodContext {
  readonly hostNamespaces: readonly string[];
  readonly hostPaths: ReadonlyMap<string, { readonly path: string; readonly type: string }>;
}

/** The host namespaces and volume host paths of a pod. */
export function podContext(doc: YamlDoc, pod: PodView): PodContext {
  const hostPaths = new Map<string, { path: string; type: string }>();
  for (const volume of pod.volumes) {
    const hostPath = doc.getMap(volume.ref, "hostPath");
    const path = doc.getScalar(hostPath, "path");
    if (volume.name !== null && typeof path === "string")
      hostPaths.set(volume.name, { path, type: String(doc.getScalar(hostPath, "type") ?? "") });
  }
  const hostNamespaces = HOST_NAMESPACES.filter(([key]) => {
    const value = doc.get(pod.spec, key)?.value;
    return !!value && isScalar(value.node) && value.node.value === true;
  }).map(([, ns]) => ns);
  return { hostNamespaces, hostPaths };
}

/** A container's facts with what its pod adds: the propagation of its mounts and the host namespaces. */
export function workloadFacts(doc: YamlDoc, pod: PodView, container: ContainerView): WorkloadFacts {
  const facts = mappingFacts(doc, container.ref, podContext(doc, pod));
  const image = facts.image || !container.chartImage ? null : container.chartImage();
  return image ? { ...facts, image } : facts;
}

/**
 * The facts of a container mapping `ref` of `doc` in a pod described by `context`, which may come
 * from another text (a chart template's pod, for a container a values file holds); a null `ref`
 * (a security context found on its own) has only the pod's.
 */
export function mappingFacts(
  doc: YamlDoc,
  ref: Ref<YAMLMap> | null,
  context: PodContext,
): WorkloadFacts {
  const propagation = doc.mapItems(doc.getSeq(ref, "volumeMounts")).flatMap((m) => {
    const mode = doc.getScalar(m, "mountPropagation");
    return typeof mode === "string" ? [mode] : [];
  });
  return {
    ...(ref ? containerFacts(doc, ref, context.hostPaths) : {}),
    propagation,
    hostNamespaces: context.hostNamespaces,
  };
}
