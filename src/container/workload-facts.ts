/**
 * What the capability catalogue and the privileged workloads are told of a container runtime
 * subject: what it runs (image, entrypoint, arguments) and what its settings show of it, the host
 * namespaces it shares, the host paths it mounts and where, and the devices it is given. A Compose
 * service with `pid: host` and `/proc:/host/proc:ro` is then the node agent a Kubernetes pod with
 * `hostPID: true` and the same hostPath is.
 */
import type { WorkloadFacts } from "../capabilities/index.js";
import type { ContainerSubject } from "./settings.js";

/** The namespaces the privileged workloads speak of (those a pod can share with its node). */
const POD_NAMESPACES: ReadonlySet<string> = new Set(["pid", "network", "ipc"]);

/** The facts of `subject` for recognising its workload and inferring what it needs. */
export function containerWorkloadFacts(subject: ContainerSubject): WorkloadFacts {
  const hostNamespaces: string[] = [];
  const mountPaths: string[] = [];
  const hostPaths: string[] = [];
  const devices: string[] = [];
  for (const setting of subject.settings) {
    if (setting.kind === "namespace") {
      const shared = setting.value.trim().toLowerCase() === "host";
      if (shared && POD_NAMESPACES.has(setting.namespace)) hostNamespaces.push(setting.namespace);
    } else if (setting.kind === "host-mount") {
      hostPaths.push(setting.source);
      mountPaths.push(setting.target);
    } else if (setting.kind === "device") {
      // `host[:container[:permissions]]`: the host's device, and where the container sees it.
      const [host = "", inside] = setting.value.split(":");
      devices.push(host);
      if (inside?.startsWith("/") && inside !== host) devices.push(inside);
    }
  }
  const targets = [...new Set([...(subject.workload.mountPaths ?? []), ...mountPaths])];
  return { ...subject.workload, hostNamespaces, mountPaths: targets, hostPaths, devices };
}
