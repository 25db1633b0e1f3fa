/**
 * Generators for realistic manifests: pod-bearing kinds (and `List`s of them) whose containers
 * carry security settings drawn from both the dangerous and the safe values of every PSS control.
 * The model is plain data; `render.ts` writes it in many layouts.
 */
import fc from "fast-check";

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };

const NAMES = ["app", "web", "sidecar", "init", "proxy", "debug", "agent", "worker"];
const IMAGES = ["nginx:1.27", "busybox", "ghcr.io/acme/api:2.1.0", "nicolaka/netshoot", "redis:7"];
const CAPABILITIES = [
  "NET_BIND_SERVICE",
  "CHOWN",
  "SYS_ADMIN",
  "NET_ADMIN",
  "NET_RAW",
  "SYS_PTRACE",
  "ALL",
  "chown",
  "CAP_SYS_ADMIN",
];
const SECCOMP = ["RuntimeDefault", "Localhost", "Unconfined"];
const APPARMOR = ["RuntimeDefault", "Localhost", "Unconfined"];
const SELINUX_TYPES = ["container_t", "container_init_t", "spc_t", "unconfined_t"];
const SYSCTLS = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.core.somaxconn"];

/** Leaves out the keys whose value is undefined. */
function compact(record: Record<string, Plain | undefined>): PlainMap {
  const out: PlainMap = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });

const capabilities = fc
  .record({
    add: maybe(fc.subarray(CAPABILITIES, { minLength: 1, maxLength: 3 })),
    drop: maybe(fc.constantFrom<Plain[]>(["ALL"], ["NET_RAW"], [])),
  })
  .map(compact);

const containerSecurityContext = fc
  .record({
    privileged: maybe(fc.boolean()),
    allowPrivilegeEscalation: maybe(fc.boolean()),
    runAsNonRoot: maybe(fc.boolean()),
    runAsUser: maybe(fc.constantFrom(0, 1000, 65532)),
    readOnlyRootFilesystem: maybe(fc.boolean()),
    capabilities: maybe(capabilities),
    seccompProfile: maybe(fc.constantFrom(...SECCOMP).map((type) => ({ type }))),
    appArmorProfile: maybe(
      fc.constantFrom(...APPARMOR).map((type) => ({ type })),
      5,
    ),
    procMount: maybe(fc.constantFrom("Default", "Unmasked"), 5),
    seLinuxOptions: maybe(
      fc.constantFrom(...SELINUX_TYPES).map((type) => ({ type })),
      5,
    ),
    windowsOptions: maybe(fc.constant({ hostProcess: true }), 8),
  })
  .map(compact);

const probe = fc
  .record({
    path: fc.constantFrom("/healthz", "/ready"),
    port: fc.constantFrom(8080, "http"),
    host: maybe(fc.constantFrom("10.0.0.1", "bad.host"), 4),
  })
  .map((httpGet) => ({ httpGet: compact(httpGet) }));

export const container = fc
  .record({
    name: maybe(fc.constantFrom(...NAMES), 10),
    image: fc.constantFrom(...IMAGES),
    command: maybe(fc.constantFrom<Plain[]>(["tcpdump", "-i", "any"], ["sh", "-c", "sleep 1"]), 4),
    ports: maybe(
      fc
        .record({
          containerPort: fc.constantFrom(80, 8080),
          hostPort: maybe(fc.constantFrom(0, 80), 3),
        })
        .map((p) => [compact(p)]),
      4,
    ),
    readinessProbe: maybe(probe, 4),
    securityContext: maybe(containerSecurityContext, 1),
  })
  .map(compact);

const podSecurityContext = fc
  .record({
    runAsNonRoot: maybe(fc.boolean()),
    runAsUser: maybe(fc.constantFrom(0, 1000)),
    fsGroup: maybe(fc.constant(2000)),
    seccompProfile: maybe(fc.constantFrom(...SECCOMP).map((type) => ({ type }))),
    sysctls: maybe(
      fc
        .subarray(SYSCTLS, { minLength: 1, maxLength: 2 })
        .map((names) => names.map((name) => ({ name, value: "1" }))),
      5,
    ),
  })
  .map(compact);

const volume = fc.oneof(
  fc.constant({ name: "tmp", emptyDir: {} }),
  fc.constant({ name: "config", configMap: { name: "app-config" } }),
  fc.constant({ name: "logs", hostPath: { path: "/var/log" } }),
  fc.constant({ name: "docker", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }),
);

export const podSpec = fc
  .record({
    hostNetwork: maybe(fc.boolean(), 4),
    hostPID: maybe(fc.boolean(), 6),
    hostUsers: maybe(fc.boolean(), 6),
    securityContext: maybe(podSecurityContext),
    initContainers: maybe(fc.array(container, { minLength: 1, maxLength: 2 }), 3),
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    volumes: maybe(fc.array(volume, { minLength: 1, maxLength: 2 }), 3),
  })
  .map(compact);

const KINDS = [
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "PodTemplate",
] as const;

/** A pod spec wrapped as `kind` wraps it. */
export function workload(
  kind: (typeof KINDS)[number],
  name: string | null,
  spec: PlainMap,
): PlainMap {
  const metadata: PlainMap = name ? { name, namespace: "shop" } : { namespace: "shop" };
  const template: PlainMap = { metadata: { labels: { app: name ?? "x" } }, spec };
  switch (kind) {
    case "Pod":
      return { apiVersion: "v1", kind, metadata, spec };
    case "PodTemplate":
      return { apiVersion: "v1", kind, metadata, template };
    case "Job":
      return { apiVersion: "batch/v1", kind, metadata, spec: { template } };
    case "CronJob":
      return {
        apiVersion: "batch/v1",
        kind,
        metadata,
        spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template } } },
      };
    case "ReplicationController":
      return { apiVersion: "v1", kind, metadata, spec: { replicas: 1, template } };
    default:
      return {
        apiVersion: "apps/v1",
        kind,
        metadata,
        spec: { replicas: 2, selector: { matchLabels: { app: name ?? "x" } }, template },
      };
  }
}

const objectName = fc.option(fc.constantFrom("web", "api", "agent", "job-1"), {
  nil: null,
  freq: 6,
});

export const workloadObject = fc
  .tuple(fc.constantFrom(...KINDS), objectName, podSpec)
  .map(([kind, name, spec]) => workload(kind, name, spec));

/** One document: a workload, a List of them, or a Helm-values-like fragment. */
export const document: fc.Arbitrary<PlainMap> = fc.oneof(
  { weight: 6, arbitrary: workloadObject },
  {
    weight: 1,
    arbitrary: fc
      .array(workloadObject, { minLength: 1, maxLength: 2 })
      .map((items) => ({ apiVersion: "v1", kind: "List", items })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        replicaCount: fc.constant(1),
        securityContext: maybe(containerSecurityContext, 1),
        podSecurityContext: maybe(podSecurityContext, 1),
        controller: maybe(fc.record({ containerSecurityContext: containerSecurityContext }), 1),
      })
      .map(compact),
  },
);

/** A manifest file: one or two documents (more only cost time: documents are read one by one). */
export const manifest = fc.array(document, { minLength: 1, maxLength: 2 });
