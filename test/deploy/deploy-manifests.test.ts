/**
 * The product reviews its own deployment: the Kubernetes manifests in deploy/ pass the engine's
 * scan at the Pod Security Standards `restricted` level with nothing to report, and hold what
 * the App's operation needs (non-root, read-only root filesystem, probes on /healthz and /readyz,
 * a grace period that covers the SIGTERM drain).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseAllDocuments } from "yaml";
import { readsPath, scan } from "../../src/catalogue/index.js";

const DIR = new URL("../../deploy/", import.meta.url);
const FILES = readdirSync(DIR).sort();

interface Container {
  name: string;
  env?: { name: string; value?: string }[];
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  livenessProbe?: { httpGet?: { path?: string } };
  readinessProbe?: { httpGet?: { path?: string } };
  lifecycle?: { preStop?: { sleep?: { seconds?: number } } };
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  containers: Container[];
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: { template?: { spec?: PodSpec }; ports?: { port: number }[] };
}

function manifests(): Manifest[] {
  return FILES.flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, DIR), "utf8")).map(
      (doc) => doc.toJS() as Manifest,
    ),
  );
}

const workloads = () =>
  manifests().filter((m): m is Manifest & { spec: { template: { spec: PodSpec } } } =>
    Boolean(m.spec?.template?.spec),
  );

describe("deploy/", () => {
  it("holds the App's and Redis' workloads, Services, namespace and Redis NetworkPolicy", () => {
    expect(FILES).toEqual(["app.yaml", "namespace.yaml", "redis.yaml"]);
    expect(manifests().map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      "Deployment/privilege-guard",
      "Service/privilege-guard",
      "Namespace/privilege-guard",
      "StatefulSet/privilege-guard-redis",
      "Service/privilege-guard-redis",
      "NetworkPolicy/privilege-guard-redis",
    ]);
  });

  it("passes the App's own scan at the restricted level: no finding, every file read", () => {
    const files = FILES.map((file) => ({
      path: `deploy/${file}`,
      text: readFileSync(new URL(file, DIR), "utf8"),
    }));
    for (const f of files) expect(readsPath(f.path)).toBe(true);
    const results = scan(files, { level: "restricted" });
    expect(results.map((r) => [r.path, r.findings, r.problems])).toEqual(
      files.map((f) => [f.path, [], []]),
    );
  });

  it("still reports what it should there: a container without drop ALL is a finding", () => {
    const text = readFileSync(new URL("app.yaml", DIR), "utf8").replace(
      /drop:\n\s+- ALL/,
      "drop: []",
    );
    const [result] = scan([{ path: "deploy/app.yaml", text }], { level: "restricted" });
    expect(result?.findings.map((f) => f.ruleId)).toEqual(["capabilities-restricted"]);
  });

  it("runs every container non-root, with a read-only root filesystem, no capability, RuntimeDefault seccomp", () => {
    for (const w of workloads()) {
      const pod = w.spec.template.spec;
      expect([w.metadata.name, pod.securityContext?.runAsNonRoot]).toEqual([w.metadata.name, true]);
      expect(pod.securityContext?.seccompProfile?.type).toBe("RuntimeDefault");
      for (const c of pod.containers) {
        expect([c.name, c.securityContext]).toMatchObject([
          c.name,
          {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
          },
        ]);
        expect(c.securityContext?.capabilities?.add).toBeUndefined();
      }
    }
  });

  it("probes the App on /healthz and /readyz, and gives SIGTERM's drain its whole time", () => {
    const app = workloads().find((w) => w.metadata.name === "privilege-guard");
    const pod = app?.spec.template.spec;
    const container = pod?.containers[0];
    expect(container?.livenessProbe?.httpGet?.path).toBe("/healthz");
    expect(container?.readinessProbe?.httpGet?.path).toBe("/readyz");
    const grace = Number(container?.env?.find((e) => e.name === "SHUTDOWN_GRACE_SECONDS")?.value);
    expect(grace).toBeGreaterThan(0);
    const preStop = container?.lifecycle?.preStop?.sleep?.seconds ?? 0;
    // After SIGTERM (src/app/main.ts): up to 2 s to stop listening, the grace, up to 5 s to hand
    // running jobs back, up to 5 s more per Redis step when Redis is unreachable (redis-queue.ts).
    const drain = preStop + 2 + grace + 5 + 5;
    expect(pod?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(drain);
  });

  it("points the App at the Redis Service", () => {
    const redis = manifests().find(
      (m) => m.kind === "Service" && m.metadata.name === "privilege-guard-redis",
    );
    const app = workloads().find((w) => w.metadata.name === "privilege-guard");
    const url = app?.spec.template.spec.containers[0]?.env?.find((e) => e.name === "REDIS_URL");
    expect(url?.value).toBe(`redis://${redis?.metadata.name}:${redis?.spec?.ports?.[0]?.port}`);
  });
});
