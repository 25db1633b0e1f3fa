import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { restrictedVolumes } from "./restricted-volumes.js";

/** A pod with volume lines `volumes` (line 9 on). */
const pod = (volumes: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - {name: app, image: nginx}
  volumes:
${volumes}`;

runRuleTests(restrictedVolumes, {
  valid: [
    {
      name: "every allowed volume type",
      level: "restricted",
      code: pod(`    - {name: a, configMap: {name: cm}}
    - {name: b, csi: {driver: secrets-store.csi.k8s.io}}
    - {name: c, downwardAPI: {items: []}}
    - {name: d, emptyDir: {}}
    - {name: e, ephemeral: {volumeClaimTemplate: {spec: {}}}}
    - {name: f, image: {reference: "registry.k8s.io/data:1"}}
    - {name: g, persistentVolumeClaim: {claimName: data}}
    - {name: h, projected: {sources: []}}
    - {name: i, secret: {secretName: s}}
`),
    },
    {
      name: "a volume with only a name is an implicit emptyDir",
      level: "restricted",
      code: pod("    - name: scratch\n"),
    },
    {
      name: "a null source is unset",
      level: "restricted",
      code: pod("    - name: scratch\n      hostPath: null\n"),
    },
    {
      name: "baseline level does not run the rule",
      code: pod("    - name: nfs\n      nfs: {server: nas, path: /exports}\n"),
    },
  ],
  invalid: [
    {
      name: "hostPath (the baseline check it replaces) is reported here at restricted, as high",
      level: "restricted",
      code: pod("    - name: logs\n      hostPath:\n        path: /var/log\n"),
      errors: [{ line: 10, container: null, fixed: null }],
    },
    {
      name: "one finding per bad volume, naming its type (flow and block)",
      level: "restricted",
      code: pod(`    - {name: cache, emptyDir: {}}
    - {name: share, nfs: {server: nas, path: /exports}}
    - name: repo
      gitRepo:
        repository: https://example.com/repo.git
    - name: disk
      awsElasticBlockStore: {volumeID: vol-1}
`),
      errors: [
        { line: 10, container: null, fixed: null },
        { line: 12, container: null, fixed: null },
        { line: 15, container: null, fixed: null },
      ],
    },
    {
      name: "Deployment with a flexVolume",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        image: web
      volumes:
      - name: driver
        flexVolume:
          driver: example.com/lvm
`,
      errors: [{ line: 12, fixed: null }],
    },
    {
      name: "CronJob with an iSCSI volume",
      level: "restricted",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - {name: backup, image: restic}
          volumes:
          - {name: target, iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0}}
`,
      errors: [{ line: 13, fixed: null }],
    },
    {
      name: "Helm values: extraVolumes with a cephfs volume is a finding in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "extraVolumes:\n  - name: shared\n    cephfs:\n      monitors: [10.0.0.1:6789]\n",
      errors: [{ line: 3, container: null, fixed: null }],
    },
  ],
});

describe("restricted-volumes findings", () => {
  const ALLOWED =
    "restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.";

  it("name the volume and its type, with the setting's path, in place of host-path-volumes", () => {
    const text = pod(
      "    - name: logs\n      hostPath: {path: /var/log}\n    - {name: share, nfs: {server: nas, path: /e}}\n",
    );
    const [result] = scan([{ path: "pod.yaml", text }], { level: "restricted" });
    const found = (result?.findings ?? []).filter((f) => f.ruleId === "restricted-volumes");
    expect(found.map((f) => [f.field, f.severity, f.pss, f.message])).toEqual([
      [
        "spec.volumes[logs].hostPath",
        "high",
        "restrictedVolumes",
        `Volume \`logs\` mounts host path \`/var/log\` from the node (\`hostPath\`); ${ALLOWED}`,
      ],
      [
        "spec.volumes[share].nfs",
        "medium",
        "restrictedVolumes",
        `Volume \`share\` uses the \`nfs\` volume type; ${ALLOWED}`,
      ],
    ]);
    expect(result?.findings.some((f) => f.ruleId === "host-path-volumes")).toBe(false);
  });

  it("keep a runtime socket or the node's root as critical, as at baseline", () => {
    const text = pod(
      "    - {name: sock, hostPath: {path: /var/run/docker.sock}}\n    - {name: root, hostPath: {path: /}}\n",
    );
    for (const level of ["baseline", "restricted"] as const) {
      const [result] = scan([{ path: "pod.yaml", text }], { level });
      const volumes = result?.findings.filter((f) => f.field.includes(".volumes["));
      expect(volumes?.map((f) => [f.ruleId, f.severity])).toEqual([
        [level === "baseline" ? "host-path-volumes" : "restricted-volumes", "critical"],
        [level === "baseline" ? "host-path-volumes" : "restricted-volumes", "critical"],
      ]);
    }
  });
});
