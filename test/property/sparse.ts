/**
 * Sparse manifests for testing the screen: a workload whose only security setting is one drawn
 * from every baseline control, so that a document holds exactly one trigger (or none). Rich
 * manifests nearly always hold several, which would let a missing trigger go unnoticed.
 */
import fc from "fast-check";
import { type PlainMap, workload } from "./manifests.js";

type Setting = {
  readonly pod?: PlainMap;
  readonly container?: PlainMap;
  readonly annotations?: PlainMap;
};

const setting: fc.Arbitrary<Setting> = fc.oneof(
  fc.boolean().map((v): Setting => ({ container: { securityContext: { privileged: v } } })),
  fc
    .subarray(["NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN", "chown", "NET_RAW"], { minLength: 1 })
    .map((add): Setting => ({ container: { securityContext: { capabilities: { add } } } })),
  fc
    .constantFrom("Unconfined", "RuntimeDefault", "Localhost")
    .chain((type) =>
      fc.constantFrom<Setting>(
        { container: { securityContext: { seccompProfile: { type } } } },
        { pod: { securityContext: { seccompProfile: { type } } } },
        { container: { securityContext: { appArmorProfile: { type } } } },
        { pod: { securityContext: { appArmorProfile: { type } } } },
      ),
    ),
  fc.constantFrom("unconfined", "runtime/default").map(
    (v): Setting => ({
      annotations: { "container.apparmor.security.beta.kubernetes.io/app": v },
    }),
  ),
  fc
    .constantFrom<PlainMap>(
      { type: "spc_t" },
      { user: "root" },
      { role: "r" },
      { type: "container_t" },
    )
    .map((o): Setting => ({ container: { securityContext: { seLinuxOptions: o } } })),
  fc
    .constantFrom("Unmasked", "Default")
    .map((v): Setting => ({ container: { securityContext: { procMount: v } } })),
  fc.constantFrom<Setting>(
    { container: { securityContext: { windowsOptions: { hostProcess: true } } } },
    { pod: { securityContext: { windowsOptions: { hostProcess: true } } } },
  ),
  fc
    .constantFrom("hostNetwork", "hostPID", "hostIPC")
    .map((k): Setting => ({ pod: { [k]: true } })),
  fc
    .constantFrom(0, 80)
    .map((p): Setting => ({ container: { ports: [{ containerPort: 80, hostPort: p }] } })),
  fc.constant<Setting>({ pod: { volumes: [{ name: "h", hostPath: { path: "/" } }] } }),
  fc
    .constantFrom("kernel.msgmax", "net.ipv4.ip_local_port_range")
    .map((name): Setting => ({ pod: { securityContext: { sysctls: [{ name, value: "1" }] } } })),
  fc.constantFrom<Setting>(
    { container: { readinessProbe: { httpGet: { path: "/", port: 80, host: "1.2.3.4" } } } },
    { container: { livenessProbe: { tcpSocket: { port: 80, host: "bad.host" } } } },
    { container: { lifecycle: { postStart: { httpGet: { path: "/", port: 80, host: "x" } } } } },
  ),
  fc.constant<Setting>({}),
);

const KINDS = ["Pod", "Deployment", "CronJob", "PodTemplate", "Job"] as const;

export const sparseDocument: fc.Arbitrary<PlainMap> = fc
  .tuple(fc.constantFrom(...KINDS), setting, fc.boolean())
  .map(([kind, s, initContainer]) => {
    const one: PlainMap = { name: "app", image: "nginx", ...(s.container ?? {}) };
    const group = initContainer ? "initContainers" : "containers";
    const spec: PlainMap = {
      ...(initContainer ? { containers: [{ name: "main", image: "nginx" }] } : {}),
      [group]: [one],
      ...(s.pod ?? {}),
    };
    const doc = workload(kind, "w", spec);
    if (!s.annotations) return doc;
    return JSON.parse(
      JSON.stringify(doc).replace(
        '"labels":{"app":"w"}',
        `"labels":{"app":"w"},"annotations":${JSON.stringify(s.annotations)}`,
      ),
    ) as PlainMap;
  });

/**
 * Spells some double-quoted keys with escapes (`"\x70rivileged"`, `"hostP\u0061th"`), which reads
 * as the same key: the screen must not be fooled by a key written without its letters.
 */
export function escapeKeys(text: string, seed: number): string {
  let n = seed >>> 0;
  return text.replace(/"([A-Za-z][A-Za-z./-]*)"(\s*:)/g, (whole, key: string, colon: string) => {
    n = (n * 1103515245 + 12345) >>> 0;
    if (n % 3 !== 0) return whole;
    const i = n % key.length;
    const code = key.charCodeAt(i).toString(16).padStart(2, "0");
    const spelled = n % 2 === 0 ? `\\x${code}` : `\\u00${code}`;
    return `"${key.slice(0, i)}${spelled}${key.slice(i + 1)}"${colon}`;
  });
}
