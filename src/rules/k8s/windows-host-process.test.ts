import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { windowsHostProcess } from "./windows-host-process.js";

const head = `apiVersion: v1
kind: Pod
metadata: {name: agent}
spec:
  os: {name: windows}
  hostNetwork: true
`;

/** A container that reaches the node's kubelet folder through a hostPath volume mounted there. */
const KUBELET_VOLUME = `  containers:
    - name: plugin
      image: example/plugin:1.0
      env:
        - {name: CSI_ENDPOINT, value: "unix://C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\x\\\\csi.sock"}
      volumeMounts:
        - {name: kubelet-dir, mountPath: "C:\\\\var\\\\lib\\\\kubelet"}
  volumes:
    - name: kubelet-dir
      hostPath: {path: "C:\\\\var\\\\lib\\\\kubelet", type: Directory}
`;

const HOST_BUILT_AGENT = `${head}  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: NT AUTHORITY\\SYSTEM
  containers:
    - name: antrea-agent
      image: antrea/antrea-windows:latest
      command: [powershell]
      args:
        - -file
        - $env:CONTAINER_SANDBOX_MOUNT_POINT/var/lib/antrea-windows/Run-AntreaAgent.ps1
`;

runRuleTests(windowsHostProcess, {
  valid: [
    {
      name: "hostProcess false at pod and container level",
      code: `${head}  securityContext:
    windowsOptions: {hostProcess: false}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver
      securityContext:
        windowsOptions:
          hostProcess: false
          runAsUserName: ContainerUser
`,
    },
    {
      name: "the string 'true' is not the boolean",
      code: `${head}  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver
      securityContext:
        windowsOptions: {hostProcess: "true"}
`,
    },
    {
      name: "hostProcess outside windowsOptions is no setting",
      code: `${head}  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver
      securityContext:
        hostProcess: true
`,
    },
  ],
  invalid: [
    {
      // antrea's build/yamls/antrea-windows.yml: its agent runs a script of its image, mounted on
      // the node at $CONTAINER_SANDBOX_MOUNT_POINT.
      name: "a container built to run on the node (it runs from the sandbox mount): no fix, the reason",
      code: HOST_BUILT_AGENT,
      errors: [
        {
          line: 9,
          container: null,
          fixed: null,
        },
      ],
    },
    {
      // kubernetes-csi/csi-driver-smb's deploy/csi-smb-node-windows-hostprocess.yaml.
      name: "a CSI node plugin told to run as HostProcess, using the node's kubelet folder: no fix",
      code: `${head}  securityContext:
    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
  containers:
    - name: smb
      image: gcr.io/k8s-staging-sig-storage/smbplugin:canary-windows-hp
      command: [smbplugin.exe]
      args: [--v=5, --enable-windows-host-process=true]
`,
      errors: [{ line: 8, container: null, fixed: null }],
    },
    {
      name: "the node's kubelet folder named without the flag, no volume mounted there: no fix",
      code: `${head}  securityContext:
    windowsOptions: {hostProcess: true}
  initContainers:
    - name: init
      image: example/plugin:1.0
      command: [powershell.exe, -c, "New-Item -ItemType Directory -Path C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\x\\\\ -Force"]
  containers:
    - name: plugin
      image: example/plugin:1.0
      env:
        - {name: CSI_ENDPOINT, value: "unix://C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\x\\\\csi.sock"}
`,
      errors: [{ line: 8, container: null, fixed: null }],
    },
    {
      name: "the kubelet folder through a volume mounted there keeps the fix",
      code: `${head}  securityContext:
    windowsOptions: {hostProcess: true}
${KUBELET_VOLUME}`,
      errors: [
        {
          line: 8,
          container: null,
          fixed: `${head}${KUBELET_VOLUME}`,
        },
      ],
    },
    {
      name: "pod level, the only setter: the fix removes it and keeps runAsUserName",
      code: `${head}  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\Local service"
  containers:
    - name: agent
      image: registry.example.com/windows-agent:1.0
`,
      errors: [
        {
          line: 9,
          container: null,
          fixed: `${head}  securityContext:
    windowsOptions:
      runAsUserName: "NT AUTHORITY\\\\Local service"
  containers:
    - name: agent
      image: registry.example.com/windows-agent:1.0
`,
        },
      ],
    },
    {
      name: "the only container, in flow style",
      code: `${head}  containers:
    - {name: agent, image: agent, securityContext: {windowsOptions: {hostProcess: yes}}}
`,
      errors: [
        {
          line: 8,
          container: "agent",
          fixed: `${head}  containers:
    - {name: agent, image: agent}
`,
        },
      ],
    },
    {
      name: "container and init container: each finding, no fix (the other keeps the pod HostProcess)",
      code: `${head}  containers:
    - name: agent
      image: agent
      securityContext:
        windowsOptions: {hostProcess: true}
  initContainers:
    - name: install
      image: installer
      securityContext:
        windowsOptions: {hostProcess: true}
`,
      errors: [
        { line: 11, container: "agent", fixed: null },
        { line: 16, container: "install", fixed: null },
      ],
    },
    {
      name: "pod and container level are checked independently; neither alone can be removed",
      code: `${head}  securityContext:
    windowsOptions:
      hostProcess: true
  ephemeralContainers:
    - name: debug
      image: debug
      securityContext:
        windowsOptions:
          hostProcess: true
  containers:
    - name: agent
      image: agent
`,
      errors: [
        { line: 9, container: null, fixed: null },
        { line: 15, container: "debug", fixed: null },
      ],
    },
    {
      name: "Deployment of a node agent: pod level, hostNetwork stays",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: csi-proxy, namespace: kube-system}
spec:
  template:
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
      containers:
      - name: csi-proxy
        image: ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:v1
`,
      errors: [
        {
          line: 11,
          container: null,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: csi-proxy, namespace: kube-system}
spec:
  template:
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      hostNetwork: true
      containers:
      - name: csi-proxy
        image: ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:v1
`,
        },
      ],
    },
    {
      name: "Job: a lone HostProcess init container (the API refuses it beside an ordinary one) can go",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: patch-node}
spec:
  template:
    spec:
      restartPolicy: Never
      hostNetwork: true
      initContainers:
      - name: patch
        image: patcher
        securityContext:
          windowsOptions:
            hostProcess: true
      containers:
      - name: report
        image: reporter
`,
      errors: [
        {
          line: 14,
          container: "patch",
          fixed: `apiVersion: batch/v1
kind: Job
metadata: {name: patch-node}
spec:
  template:
    spec:
      restartPolicy: Never
      hostNetwork: true
      initContainers:
      - name: patch
        image: patcher
      containers:
      - name: report
        image: reporter
`,
        },
      ],
    },
    {
      name: "anchor and alias: reported where each takes effect, no fix",
      code: `${head}  containers:
    - name: a
      image: x
      securityContext:
        windowsOptions: &host
          hostProcess: true
    - name: b
      image: x
      securityContext:
        windowsOptions: *host
`,
      errors: [
        { line: 12, container: "a", fixed: null },
        { line: 16, container: "b", fixed: null },
      ],
    },
    {
      name: "merge key: reported at the merge, no fix",
      code: `${head}  containers:
    - name: a
      image: x
      securityContext:
        windowsOptions:
          <<: {hostProcess: true}
          runAsUserName: ContainerUser
`,
      errors: [{ line: 12, container: "a", fixed: null }],
    },
    {
      name: "Helm values: a fragment gets the finding but no fix (its other containers are unseen)",
      path: "charts/windows-exporter/values.yaml",
      code: `image:
  repository: windows-exporter
securityContext:
  windowsOptions:
    hostProcess: true
    runAsUserName: "NT AUTHORITY\\\\system"
`,
      errors: [{ line: 5, container: "securityContext", fixed: null }],
    },
  ],
});

describe("a pod built to run on the node", () => {
  it("says why no fix removes `hostProcess`, and how to keep it as an isolated exception", () => {
    const [result] = scan([{ path: "agent.yaml", text: HOST_BUILT_AGENT }]);
    const [finding] = result?.findings.filter((f) => f.ruleId === "windows-host-process") ?? [];
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toMatch(
      /only a HostProcess container can .*so no fix removes `hostProcess`\. Keep it as a justified exception, isolated/,
    );
  });
});
