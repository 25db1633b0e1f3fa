import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { CONSTRAINTS, nonLocalChanges, validateDocument } from "./index.js";

/** A Deployment whose pod spec is `spec` (YAML, indented for `spec:` under `template:`). */
const deployment = (spec: string, metadata = "") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata: {labels: {app: d}${metadata}}
    spec:
${spec}`;

interface Case {
  readonly name: string;
  readonly yaml: string;
  /** `constraint field` of each violation, in order. */
  readonly violations: readonly string[];
}

const TABLES: Readonly<Record<string, readonly Case[]>> = {
  "bidirectional-propagation-needs-privileged": [
    {
      name: "Bidirectional in a non-privileged container is refused",
      yaml: deployment(
        "      containers:\n        - name: csi\n          image: x\n          volumeMounts:\n            - {name: pods, mountPath: /var/lib/kubelet/pods, mountPropagation: Bidirectional}\n",
      ),
      violations: ["spec.template.spec.containers[0].volumeMounts[0].mountPropagation"],
    },
    {
      name: "Bidirectional in a privileged container is allowed",
      yaml: deployment(
        "      containers:\n        - name: csi\n          image: x\n          securityContext: {privileged: true}\n          volumeMounts:\n            - {name: pods, mountPath: /p, mountPropagation: Bidirectional}\n",
      ),
      violations: [],
    },
    {
      name: "HostToContainer needs no privilege",
      yaml: deployment(
        "      containers:\n        - name: a\n          image: x\n          volumeMounts:\n            - {name: pods, mountPath: /p, mountPropagation: HostToContainer}\n",
      ),
      violations: [],
    },
    {
      name: "an init container is checked too",
      yaml: deployment(
        "      initContainers:\n        - name: i\n          image: x\n          securityContext: {privileged: false}\n          volumeMounts: [{name: v, mountPath: /v, mountPropagation: Bidirectional}]\n      containers: [{name: a, image: x}]\n",
      ),
      violations: ["spec.template.spec.initContainers[0].volumeMounts[0].mountPropagation"],
    },
  ],
  "run-as-non-root-not-uid-0": [
    {
      name: "container runAsNonRoot over pod runAsUser 0",
      yaml: deployment(
        "      securityContext: {runAsUser: 0}\n      containers:\n        - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n",
      ),
      violations: ["spec.template.spec.containers[0]"],
    },
    {
      name: "pod runAsNonRoot over container runAsUser 0",
      yaml: deployment(
        "      securityContext: {runAsNonRoot: true}\n      containers:\n        - {name: a, image: x, securityContext: {runAsUser: 0}}\n",
      ),
      violations: ["spec.template.spec.containers[0]"],
    },
    {
      name: "the container's own runAsUser wins over the pod's 0",
      yaml: deployment(
        "      securityContext: {runAsNonRoot: true, runAsUser: 0}\n      containers:\n        - {name: a, image: x, securityContext: {runAsUser: 1000}}\n",
      ),
      violations: [],
    },
    {
      name: "the container's runAsNonRoot false wins over the pod's true",
      yaml: deployment(
        "      securityContext: {runAsNonRoot: true, runAsUser: 0}\n      containers:\n        - {name: a, image: x, securityContext: {runAsNonRoot: false}}\n",
      ),
      violations: [],
    },
    {
      name: "no runAsUser: the image decides, not checked here",
      yaml: deployment(
        "      securityContext: {runAsNonRoot: true}\n      containers: [{name: a, image: x}]\n",
      ),
      violations: [],
    },
  ],
  "no-privilege-escalation-with-privileged": [
    {
      name: "allowPrivilegeEscalation false with privileged true",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {privileged: true, allowPrivilegeEscalation: false}}\n",
      ),
      violations: ["spec.template.spec.containers[0].securityContext"],
    },
    {
      name: "allowPrivilegeEscalation true with privileged true",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {privileged: true, allowPrivilegeEscalation: true}}\n",
      ),
      violations: [],
    },
  ],
  "no-privilege-escalation-with-cap-sys-admin": [
    {
      name: "the literal CAP_SYS_ADMIN with allowPrivilegeEscalation false",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}}\n",
      ),
      // CAP_SYS_ADMIN is also no capability name as Kubernetes writes them.
      violations: [
        "spec.template.spec.containers[0].securityContext",
        "spec.template.spec.containers[0].securityContext.capabilities.add[0]",
      ],
    },
    {
      name: "SYS_ADMIN is not what ValidateSecurityContext compares",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [SYS_ADMIN]}}}\n",
      ),
      violations: [],
    },
  ],
  "capability-names": [
    {
      name: "lower case, prefixed and unknown names",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {capabilities: {add: [net_raw, CAP_NET_ADMIN, NET_RAW, SUPER_POWER], drop: [ALL]}}}\n",
      ),
      violations: [
        "spec.template.spec.containers[0].securityContext.capabilities.add[0]",
        "spec.template.spec.containers[0].securityContext.capabilities.add[1]",
        "spec.template.spec.containers[0].securityContext.capabilities.add[3]",
      ],
    },
    {
      name: "names as capabilities(7) lists them, without CAP_, and ALL",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {capabilities: {add: [NET_RAW, PERFMON, BPF], drop: [ALL]}}}\n",
      ),
      violations: [],
    },
  ],
  "seccomp-localhost-profile": [
    {
      name: "Localhost without a profile name",
      yaml: deployment(
        "      securityContext: {seccompProfile: {type: Localhost}}\n      containers: [{name: a, image: x}]\n",
      ),
      violations: ["spec.template.spec.securityContext.seccompProfile.localhostProfile"],
    },
    {
      name: "a profile name with RuntimeDefault",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {seccompProfile: {type: RuntimeDefault, localhostProfile: p.json}}}\n",
      ),
      violations: [
        "spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile",
      ],
    },
    {
      name: "Localhost with its profile",
      yaml: deployment(
        "      securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}}\n      containers: [{name: a, image: x}]\n",
      ),
      violations: [],
    },
  ],
  "apparmor-localhost-profile": [
    {
      name: "Localhost AppArmor without a profile name",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: ''}}}\n",
      ),
      violations: [
        "spec.template.spec.containers[0].securityContext.appArmorProfile.localhostProfile",
      ],
    },
    {
      name: "RuntimeDefault AppArmor",
      yaml: deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {appArmorProfile: {type: RuntimeDefault}}}\n",
      ),
      violations: [],
    },
  ],
  "apparmor-annotation-format": [
    {
      name: "localhost/ without a name, and an unknown value",
      yaml: deployment(
        "      containers: [{name: a, image: x}, {name: b, image: y}]\n",
        ", annotations: {container.apparmor.security.beta.kubernetes.io/a: localhost/, container.apparmor.security.beta.kubernetes.io/b: default}",
      ),
      violations: [
        "metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]",
        "metadata.annotations[container.apparmor.security.beta.kubernetes.io/b]",
      ],
    },
    {
      name: "runtime/default and localhost/name",
      yaml: deployment(
        "      containers: [{name: a, image: x}, {name: b, image: y}]\n",
        ", annotations: {container.apparmor.security.beta.kubernetes.io/a: runtime/default, container.apparmor.security.beta.kubernetes.io/b: localhost/k8s-nginx}",
      ),
      violations: [],
    },
  ],
  "linux-options-on-windows": [
    {
      name: "capabilities and seccomp on a Windows pod",
      yaml: deployment(
        "      os: {name: windows}\n      securityContext: {seccompProfile: {type: RuntimeDefault}}\n      containers:\n        - {name: a, image: x, securityContext: {capabilities: {drop: [ALL]}, runAsNonRoot: true}}\n",
      ),
      violations: [
        "spec.template.spec.securityContext.seccompProfile",
        "spec.template.spec.containers[0].securityContext.capabilities",
      ],
    },
    {
      name: "the same on a pod of no declared OS",
      yaml: deployment(
        "      securityContext: {seccompProfile: {type: RuntimeDefault}}\n      containers:\n        - {name: a, image: x, securityContext: {capabilities: {drop: [ALL]}}}\n",
      ),
      violations: [],
    },
  ],
  "windows-options-on-linux": [
    {
      name: "windowsOptions on a Linux pod",
      yaml: deployment(
        "      os: {name: linux}\n      containers:\n        - {name: a, image: x, securityContext: {windowsOptions: {runAsUserName: ContainerUser}}}\n",
      ),
      violations: ["spec.template.spec.containers[0].securityContext.windowsOptions"],
    },
    {
      name: "windowsOptions on a Windows pod",
      yaml: deployment(
        "      os: {name: windows}\n      containers:\n        - {name: a, image: x, securityContext: {windowsOptions: {runAsUserName: ContainerUser}}}\n",
      ),
      violations: [],
    },
  ],
  "host-process-consistent": [
    {
      name: "a HostProcess container beside an ordinary one, without host network",
      yaml: deployment(
        "      os: {name: windows}\n      containers:\n        - {name: a, image: x, securityContext: {windowsOptions: {hostProcess: true}}}\n        - {name: b, image: y}\n",
      ),
      violations: ["spec.template.spec.containers", "spec.template.spec.hostNetwork"],
    },
    {
      name: "a HostProcess pod on the host network",
      yaml: deployment(
        "      hostNetwork: true\n      securityContext: {windowsOptions: {hostProcess: true}}\n      containers: [{name: a, image: x}]\n",
      ),
      violations: [],
    },
  ],
};

describe("Kubernetes validity constraints", () => {
  it("has a table for every constraint, each citing its source", () => {
    expect(Object.keys(TABLES).sort()).toEqual(CONSTRAINTS.map((c) => c.id).sort());
    for (const c of CONSTRAINTS) {
      expect(c.source.line.length).toBeGreaterThan(10);
      expect(c.source.function.length).toBeGreaterThan(3);
      expect(TABLES[c.id]?.some((t) => t.violations.length > 0)).toBe(true);
      expect(TABLES[c.id]?.some((t) => t.violations.length === 0)).toBe(true);
    }
  });

  for (const [id, cases] of Object.entries(TABLES)) {
    describe(id, () => {
      for (const c of cases) {
        it(c.name, () => {
          const found = validateDocument(parse(c.yaml));
          expect(found.map((v) => v.field)).toEqual(c.violations);
          if (c.violations.length > 0) expect(found[0]?.constraint).toBe(id);
          for (const v of found) expect(v.message.length).toBeGreaterThan(10);
        });
      }
    });
  }

  it("validates the pods of a List and of a CronJob, and ignores fragments", () => {
    const bad =
      "{name: a, image: x, securityContext: {privileged: true, allowPrivilegeEscalation: false}}";
    const list = {
      kind: "List",
      items: [
        parse(`kind: Pod\nspec:\n  containers: [${bad}]\n`),
        parse(
          `kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [${bad}]\n`,
        ),
        parse(`containerSecurityContext: {privileged: true, allowPrivilegeEscalation: false}\n`),
      ],
    };
    expect(validateDocument(list).map((v) => v.field)).toEqual([
      "items[0].spec.containers[0].securityContext",
      "items[1].spec.jobTemplate.spec.template.spec.containers[0].securityContext",
    ]);
  });
});

describe("locality of a fix", () => {
  const before = parse(
    deployment(
      "      containers:\n        - {name: a, image: x, securityContext: {privileged: true}}\n",
    ),
  );
  it.each([
    [
      "a security context edited",
      deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {capabilities: {add: [NET_RAW]}}}\n",
      ),
      [],
    ],
    [
      "a chart's containerSecurityContext spelling counts too",
      deployment(
        "      containers:\n        - {name: a, image: x, containerSecurityContext: {}, securityContext: {privileged: true}}\n",
      ),
      [],
    ],
    [
      "the image changed",
      deployment(
        "      containers:\n        - {name: a, image: y, securityContext: {privileged: true}}\n",
      ),
      ["spec.template.spec.containers[0].image"],
    ],
    [
      "a container added",
      deployment(
        "      containers:\n        - {name: a, image: x, securityContext: {privileged: true}}\n        - {name: b, image: x}\n",
      ),
      ["spec.template.spec.containers[1]"],
    ],
  ] as const)("%s", (_, after, paths) => {
    expect(nonLocalChanges([before], [parse(after)])).toEqual(paths);
  });
  it("a document added or removed is not local", () => {
    expect(nonLocalChanges([before], [])).toEqual(["(documents added or removed)"]);
  });
});
