/**
 * Real pull request changes for the App's tests: base and head manifests, the engine's `diff` of
 * them, and the file's patch as GitHub's pull request files API sends it (hunks only, 3 lines of
 * context, made with the `diff` package like `git diff`).
 */
import { createTwoFilesPatch } from "diff";
import { diff } from "../../src/catalogue/index.js";
import type { ChangedFile, DiffResult, Finding, Level } from "../../src/core/types.js";

/** GitHub's `patch`: the unified diff without its file headers, without a final newline. */
export function githubPatch(base: string, head: string): string {
  const full = createTwoFilesPatch("a", "b", base, head, "", "", { context: 3 });
  const start = full.indexOf("\n@@");
  return start < 0 ? "" : full.slice(start + 1).replace(/\n$/, "");
}

export interface Change {
  readonly result: DiffResult;
  /** head path → GitHub `patch` */
  readonly patches: Map<string, string | undefined>;
  readonly headTexts: Map<string, string>;
}

/** Diffs the files with the engine and builds their patches (`fixes: false` is much faster). */
export function change(
  files: readonly ChangedFile[],
  level: Level = "baseline",
  fixes = true,
): Change {
  const result = diff(files, { level, fixes });
  const patches = new Map<string, string | undefined>();
  const headTexts = new Map<string, string>();
  for (const f of files) {
    if (typeof f.head !== "string") continue;
    patches.set(f.path, githubPatch(f.base ?? "", f.head));
    headTexts.set(f.path, f.head);
  }
  return { result, patches, headTexts };
}

export function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`expected exactly one item, got ${items.length}`);
  return items[0] as T;
}

export function byRule(findings: readonly Finding[], ruleId: string): Finding {
  return only(findings.filter((f) => f.ruleId === ruleId));
}

/** A tcpdump Deployment; `securityContext` lines (indented for the container) are inserted last. */
export function tcpdumpDeployment(securityContext = "", name = "sniffer"): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: netops
  labels:
    app: sniffer
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sniffer
  template:
    metadata:
      labels:
        app: sniffer
    spec:
      containers:
        - name: tcpdump
          image: corfr/tcpdump:4.9
          command: ["tcpdump", "-i", "any", "-w", "/captures/all.pcap"]
          volumeMounts:
            - name: captures
              mountPath: /captures
${securityContext}      volumes:
        - name: captures
          emptyDir: {}
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - operator: Exists
      terminationGracePeriodSeconds: 30
`;
}

export const PRIVILEGED = "          securityContext:\n            privileged: true\n";

/** A hardened security context; `extra` lines go right after `securityContext:`. */
export function hardenedContext(extra = ""): string {
  return `          securityContext:
${extra}            runAsUser: 1000
            runAsGroup: 1000
            readOnlyRootFilesystem: true
            seccompProfile:
              type: RuntimeDefault
            capabilities:
              drop: [ALL]
`;
}

/** A debug Pod sharing the host's PID and network namespaces. */
export const HOST_NAMESPACES_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: ops
spec:
  hostPID: true
  hostNetwork: true
  containers:
    - name: shell
      image: busybox:1.36
      command: ["sleep", "infinity"]
`;

/** A DaemonSet with `count` privileged containers named `<prefix><i>`. */
export function privilegedAgents(count: number, prefix = "agent-", name = "agents"): string {
  const containers = Array.from(
    { length: count },
    (_, i) =>
      `        - name: ${JSON.stringify(`${prefix}${i}`)}\n          image: busybox\n          securityContext:\n            privileged: true\n`,
  ).join("");
  return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${JSON.stringify(name)}\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;
}

/** A Pod whose YAML breaks at line 10 (a flow sequence left open). */
export const BROKEN_POD = `apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  hostPID: true
  containers:
    - name: a
      image: [unclosed
      securityContext:
        privileged: true
`;
