/**
 * A fix whose result Kubernetes would reject is not offered, and the finding says why.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";

function findingsOf(text: string, level: "baseline" | "restricted" = "baseline") {
  const [result] = scan([{ path: "m.yaml", text }], { level });
  expect(result?.problems).toEqual([]);
  return result?.findings ?? [];
}

describe("fixes Kubernetes would reject", () => {
  it("privileged is not removed from a container with a Bidirectional mount (a CSI node plugin)", () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ebs-csi-node}
spec:
  selector: {matchLabels: {app: n}}
  template:
    metadata: {labels: {app: n}}
    spec:
      containers:
        - name: node
          image: public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0
          securityContext:
            privileged: true
          volumeMounts:
            - name: kubelet-dir
              mountPath: /var/lib/kubelet
              mountPropagation: Bidirectional
      volumes:
        - name: kubelet-dir
          hostPath: {path: /var/lib/kubelet, type: Directory}
`;
    const privileged = findingsOf(text).find((f) => f.ruleId === "privileged");
    expect(privileged?.fix).toBeUndefined();
    expect(privileged?.remediation).toContain("This looks like a CSI node plugin (image");
  });

  it("runAsNonRoot is not set on a container that inherits runAsUser: 0", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 0}
  containers:
    - {name: app, image: nginx, securityContext: {runAsNonRoot: true, runAsUser: 1000}}
    - {name: side, image: busybox}
`;
    const finding = findingsOf(text, "restricted").find((f) => f.ruleId === "run-as-non-root");
    expect(finding?.container).toBe("side");
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("would not be accepted by Kubernetes");
    expect(finding?.remediation).toContain("runAsUser breaks non-root policy");
  });
});
