/**
 * PSA `restrictedVolumes` (restricted; replaces `hostPathVolumes` there).
 * Restricted fields: spec.volumes[*].hostPath, gcePersistentDisk, awsElasticBlockStore, gitRepo,
 * nfs, iscsi, glusterfs, rbd, flexVolume, cinder, cephfs, flocker, fc, azureFile, vsphereVolume,
 * quobyte, azureDisk, portworxVolume, photonPersistentDisk, scaleIO, storageos.
 * Allowed values: undefined/null. Allowed volume sources: configMap, csi, downwardAPI, emptyDir,
 * ephemeral, image, persistentVolumeClaim, projected, secret. A volume that names no source is
 * defaulted to an emptyDir by the API server.
 */
import type { Severity } from "../../core/types.js";
import { defineRule } from "../../kubernetes/rule.js";
import { classifyHostPath } from "../../container/host-paths.js";
import { hostPathAdvice } from "./util/privileged-workload.js";
import { presentEntry } from "./util/settings.js";
import { hostPathLabel, hostPathOf, volumeLabel } from "./util/volume-labels.js";

const ALLOWED_LIST =
  "restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes";

const ALLOWED_SOURCES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
] as const;

/** The restricted sources, in the order PSA names them when a volume has more than one. */
const RESTRICTED_SOURCES = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "nfs",
  "iscsi",
  "glusterfs",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "fc",
  "azureFile",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "portworxVolume",
  "scaleIO",
  "storageos",
] as const;

export const restrictedVolumes = defineRule({
  id: "restricted-volumes",
  title: "Restricted volume type",
  pss: { control: "restrictedVolumes", level: "restricted" },
  severity: "medium",
  removes: ["filesystem"],
  rationale:
    "Volume types outside the restricted list are mounted by the node itself: a hostPath exposes " +
    "the node's own files, network and cloud disks (NFS, iSCSI, RBD, EBS, …) attach storage the " +
    "pod's namespace does not own with the node's credentials, flexVolume runs a driver binary as " +
    "root on the node, and gitRepo clones with the node's git. Each lets a pod reach data or code " +
    "outside what its namespace grants.",
  remediation:
    "Use a persistentVolumeClaim (or a csi, configMap, secret, projected, downwardAPI, emptyDir, ephemeral or image volume) instead of the inline volume source.",
  messages: {
    volume: `Volume \`{{volume}}\` uses the \`{{type}}\` volume type; ${ALLOWED_LIST}.`,
    hostPath: `Volume \`{{volume}}\` mounts host path \`{{path}}\` from the node (\`hostPath\`); ${ALLOWED_LIST}.`,
  },
  check(pod, context) {
    const doc = context.doc;
    for (const volume of pod.volumes) {
      if (ALLOWED_SOURCES.some((key) => presentEntry(doc, volume.ref, key))) continue;
      const type = RESTRICTED_SOURCES.find((key) => presentEntry(doc, volume.ref, key));
      const entry = type ? presentEntry(doc, volume.ref, type) : undefined;
      if (!type || !entry) continue;
      const volumeName = volumeLabel(doc, volume);
      const at = entry.range;
      const field = `${volume.path}.${type}`;
      if (type !== "hostPath") {
        const data = { volume: volumeName, type };
        context.report({ messageId: "volume", data, at, container: null, field });
        continue;
      }
      const path = hostPathOf(doc, volume, entry);
      const data = { volume: volumeName, path: hostPathLabel(doc, volume, entry) };
      const severity = hostPathSeverity(path);
      context.report({
        messageId: "hostPath",
        data,
        at,
        container: null,
        field,
        severity,
        // A CNI agent, CSI node plugin, device plugin or node agent that needs this very path.
        ...hostPathAdvice(doc, pod, path, "restricted-volumes"),
      });
    }
  },
});

/** As at baseline: a runtime socket or a system directory hands over the node. */
function hostPathSeverity(path: string | undefined): Severity {
  return path !== undefined && classifyHostPath(path) !== "other" ? "critical" : "high";
}
