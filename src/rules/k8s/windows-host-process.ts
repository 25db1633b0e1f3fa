/**
 * PSA `windowsHostProcess` (baseline).
 * Restricted fields: spec.securityContext.windowsOptions.hostProcess,
 * spec.containers[*].securityContext.windowsOptions.hostProcess, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined, false.
 * PSA checks the pod and each container independently. The API server further demands that a pod
 * with any HostProcess container has only HostProcess containers (set on each, or inherited from
 * the pod) and `hostNetwork: true`; that is why a fix is offered only where deleting this one
 * setting leaves no HostProcess container at all.
 */
import { isMap, isSeq, visit } from "yaml";
import type { PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { YamlDoc } from "../../yaml/yaml-doc.js";
import {
  containerContextPlace,
  deleteSetting,
  podContextPlace,
  type SettingPlace,
} from "./util/delete-setting.js";
import { isolatedException } from "./util/privileged-workload.js";
import { type WrittenContext, writtenContexts } from "./util/security-contexts.js";
import { isTrue } from "./util/values.js";

export const windowsHostProcess = defineRule({
  id: "windows-host-process",
  title: "Windows HostProcess container",
  pss: { control: "windowsHostProcess", level: "baseline" },
  severity: "critical",
  removes: ["namespaces", "filesystem", "devices", "user"],
  rationale:
    "A Windows HostProcess container is not isolated at all: it runs as an ordinary process on " +
    "the node, in the node's network namespace, with the node's file system and devices, under " +
    "any host or domain account it names (often `NT AUTHORITY\\SYSTEM`). Whoever controls it " +
    "controls the Windows node: they can read the kubelet's credentials and other pods' " +
    "secrets, change the node's networking and install services that outlive the pod.",
  remediation:
    "Remove `windowsOptions.hostProcess: true` and run the workload as an ordinary Windows container; a node agent that truly needs the host belongs in a reviewed exception.",
  messages: {
    container:
      "Container `{{container}}` is a Windows HostProcess container (`windowsOptions.hostProcess: true`): a process on the node, with its network, files and devices.",
    pod: "Pod makes its containers Windows HostProcess containers (`windowsOptions.hostProcess: true`): processes on the node, with its network, files and devices.",
  },
  check(pod, context) {
    const doc = context.doc;
    const setters = writtenContexts(pod).filter((w) => hostProcessEntry(doc, w) !== undefined);
    const hostBuilt = setters.length > 0 && builtForHost(pod);
    for (const written of setters) {
      const entry = hostProcessEntry(doc, written);
      if (!entry) continue;
      context.report({
        messageId: written.container ? "container" : "pod",
        at: entry.range,
        container: written.container,
        field: `${written.path}.windowsOptions.hostProcess`,
        // With another setter left, the pod stays HostProcess (or the API refuses it): no fix.
        ...(hostBuilt
          ? { advice: `${HOST_BUILT} ${isolatedException("windows-host-process")}` }
          : pod.complete && setters.length === 1
            ? { fix: deleteHostProcessFix(doc, pod, written) }
            : {}),
      });
    }
  },
});

/**
 * Whether a container of the pod is built to run on the node: its command, arguments, variables
 * or mounts name `CONTAINER_SANDBOX_MOUNT_POINT`, the folder where the node mounts a HostProcess
 * container's image, which only a HostProcess container has (antrea's Windows agent runs
 * `$env:CONTAINER_SANDBOX_MOUNT_POINT/var/lib/antrea-windows/Run-AntreaAgent.ps1`). Removing
 * `hostProcess` would leave it nothing to run.
 */
function builtForHost(pod: PodView): boolean {
  return pod.containers.some((c) => {
    let found = false;
    if (!c.ref) return false;
    const mounted = kubeletMounted(c.ref.node);
    visit(c.ref.node, {
      Scalar: (_key, scalar) => {
        const value = scalar.value;
        if (typeof value !== "string") return;
        if (
          !value.includes(SANDBOX_MOUNT) &&
          !HOST_PROCESS_FLAG.test(value) &&
          (mounted || !NODE_KUBELET_DIR.test(value))
        )
          return;
        found = true;
        return visit.BREAK;
      },
    });
    return found;
  });
}

const SANDBOX_MOUNT = "CONTAINER_SANDBOX_MOUNT_POINT";
/**
 * The flag by which the Kubernetes CSI project's Windows node plugins (SMB, Azure Disk, Azure
 * File) run as HostProcess containers instead of through csi-proxy
 * (https://github.com/kubernetes-csi/csi-driver-smb/blob/master/deploy/csi-smb-node-windows-hostprocess.yaml:
 * `smbplugin.exe --enable-windows-host-process=true`).
 */
const HOST_PROCESS_FLAG = /^--enable-windows-host-process(?:=true)?$/;
/**
 * The kubelet's folder on a Windows node's drive (`C:\var\lib\kubelet\plugins\…`, where the
 * same manifest's init container creates the plugin's folder and its socket lives): only a
 * HostProcess container reaches it without a volume mounted there.
 */
const NODE_KUBELET_DIR = /^(?:unix:\/\/)?[A-Za-z]:\\{1,2}var\\{1,2}lib\\{1,2}kubelet(?:\\|$)/i;

/** Whether a volume of the container is mounted at or above the kubelet's folder. */
function kubeletMounted(container: unknown): boolean {
  if (!isMap(container)) return false;
  const mounts = container.get("volumeMounts");
  if (!isSeq(mounts)) return false;
  return mounts.items.some((m) => {
    const path = isMap(m) ? m.get("mountPath") : null;
    return (
      typeof path === "string" &&
      /^[A-Za-z]:(?:\\{1,2}var(?:\\{1,2}lib(?:\\{1,2}kubelet)?)?)?\\*$/i.test(path)
    );
  });
}

const HOST_BUILT =
  "Its containers are built to run on the Windows node, as a node agent: they run what the node " +
  "mounts at `$CONTAINER_SANDBOX_MOUNT_POINT`, use the node's own `C:\\var\\lib\\kubelet` " +
  "folder or are told to run as HostProcess containers (`--enable-windows-host-process`), which " +
  "only a HostProcess container can (https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/), " +
  "so no fix removes `hostProcess`.";

function hostProcessEntry(doc: YamlDoc, written: WrittenContext) {
  const entry = doc.get(doc.getMap(written.context, "windowsOptions"), "hostProcess");
  return entry && isTrue(entry.value) ? entry : undefined;
}

function deleteHostProcessFix(doc: YamlDoc, pod: PodView, written: WrittenContext): FixPlan {
  const path = ["windowsOptions", "hostProcess"];
  const place: SettingPlace | null = written.container
    ? containerContextPlace(doc, pod, written.container, path)
    : podContextPlace(doc, pod, path);
  return {
    description:
      "Remove `hostProcess`, so that the pod runs as ordinary, isolated Windows containers; an image built for HostProcess, host paths and a host account in `runAsUserName` must change with it, and `hostNetwork: true` is then no longer required.",
    build: (editor) => (place ? deleteSetting(editor, doc, place) : null),
  };
}
