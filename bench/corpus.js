/**
 * A realistic, seeded corpus of Deployments for the throughput benchmark: varied names, images,
 * labels, env, resources, probes, volumes and security contexts, as teams write them. About 1% are
 * privileged; the security settings follow what real manifests carry (many set runAsNonRoot and
 * readOnlyRootFilesystem, some add RuntimeDefault seccomp and drop ALL capabilities, a few add
 * NET_BIND_SERVICE or mount a hostPath). Nothing here is shaped to suit the engine's screen.
 */

/** A small deterministic PRNG (mulberry32), so every run measures the same text. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "api",
  "web",
  "billing",
  "checkout",
  "cart",
  "search",
  "auth",
  "user",
  "profile",
  "catalog",
  "inventory",
  "orders",
  "payments",
  "gateway",
  "notifier",
  "mailer",
  "worker",
  "scheduler",
  "reports",
  "analytics",
  "ingest",
  "export",
  "import",
  "media",
  "thumbnail",
  "pricing",
  "ledger",
  "session",
  "recommend",
  "review",
  "shipping",
  "tax",
  "fraud",
  "ratings",
  "feed",
  "chat",
];
const TEAMS = ["platform", "payments", "growth", "identity", "data", "commerce", "infra", "mobile"];
const ENVS = ["prod", "staging", "dev", "qa"];
const REGISTRIES = [
  "ghcr.io/acme",
  "registry.example.com/team",
  "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
  "gcr.io/acme-prod",
  "docker.io/library",
  "quay.io/acme",
];
const SIDE_IMAGES = [
  "envoyproxy/envoy:v1.31.2",
  "fluent/fluent-bit:3.1.9",
  "prom/statsd-exporter:v0.27.1",
  "otel/opentelemetry-collector:0.111.0",
  "nginx:1.27.2-alpine",
  "redis:7.4-alpine",
];
const ENV_VALUES = {
  LOG_LEVEL: ["info", "debug", "warn"],
  PORT: ['"8080"', '"3000"'],
  NODE_ENV: ["production"],
  GOMAXPROCS: ['"2"', '"4"'],
  TZ: ["UTC", "Europe/Berlin"],
  CACHE_TTL: ['"30s"', "5m"],
  KAFKA_BROKERS: ["kafka-0.kafka:9092,kafka-1.kafka:9092"],
  HTTP_TIMEOUT: ['"10s"'],
  REGION: ["eu-west-1", "us-east-2"],
  OTEL_EXPORTER_OTLP_ENDPOINT: ["http://otel-collector.observability:4317"],
  JAVA_OPTS: ['"-XX:MaxRAMPercentage=75"'],
};
const ENV_NAMES = Object.keys(ENV_VALUES);
const SECRET_ENV = ["DATABASE_URL", "REDIS_URL", "SENTRY_DSN", "API_TOKEN"];

/** Generates `count` Deployments as separate texts. */
export function generateDeployments(count, seed = 42) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const docs = [];
  for (let i = 0; i < count; i++) docs.push(deployment(i));
  return docs;

  function deployment(i) {
    const app = `${pick(WORDS)}-${pick(WORDS)}`;
    const name = `${app}-${i}`;
    const team = pick(TEAMS);
    const env = pick(ENVS);
    const version = `${int(1, 4)}.${int(0, 30)}.${int(0, 12)}`;
    const indentSeq = chance(0.6);
    const dash = (pad) => (indentSeq ? `${pad}  - ` : `${pad}- `);
    const item = (pad) => (indentSeq ? `${pad}    ` : `${pad}  `);
    const lines = [];
    const push = (s) => lines.push(s);
    if (chance(0.15)) push(`# ${app}: owned by ${team}, deployed by CI`);
    push("apiVersion: apps/v1");
    push("kind: Deployment");
    push("metadata:");
    push(`  name: ${name}`);
    push(`  namespace: ${team}-${env}`);
    push("  labels:");
    push(`    app: ${app}`);
    if (chance(0.4)) push(`    version: "${version}"`);
    if (chance(0.3)) push(`    app.kubernetes.io/part-of: ${team}`);
    if (chance(0.3)) {
      push("  annotations:");
      push(`    deployment.kubernetes.io/revision: "${int(1, 90)}"`);
      if (chance(0.5)) push(`    owner: ${team}@example.com`);
    }
    push("spec:");
    push(`  replicas: ${int(1, 12)}`);
    if (chance(0.4)) push(`  revisionHistoryLimit: ${int(2, 10)}`);
    push("  selector:");
    push("    matchLabels:");
    push(`      app: ${app}`);
    if (chance(0.2)) {
      push("  strategy:");
      push("    type: RollingUpdate");
      push("    rollingUpdate:");
      push(`      maxSurge: ${pick(["25%", "1", "50%"])}`);
      push(`      maxUnavailable: ${pick(["0", "25%", "1"])}`);
    }
    push("  template:");
    push("    metadata:");
    push("      labels:");
    push(`        app: ${app}`);
    if (chance(0.5)) push(`        team: ${team}`);
    if (chance(0.35)) {
      push("      annotations:");
      push('        prometheus.io/scrape: "true"');
      push(`        prometheus.io/port: "${pick([8080, 9090, 9102])}"`);
    }
    push("    spec:");
    if (chance(0.7)) push(`      serviceAccountName: ${app}`);
    if (chance(0.3)) push(`      terminationGracePeriodSeconds: ${pick([30, 60, 120])}`);
    const podSc = chance(0.55);
    const seccompPod = podSc && chance(0.35);
    if (podSc) {
      push("      securityContext:");
      push("        runAsNonRoot: true");
      if (chance(0.7)) push(`        runAsUser: ${pick([1000, 10001, 65532])}`);
      if (chance(0.5)) push(`        fsGroup: ${pick([1000, 2000, 65532])}`);
      if (seccompPod) {
        push("        seccompProfile:");
        push("          type: RuntimeDefault");
      }
    }
    if (chance(0.2)) {
      push("      nodeSelector:");
      push(`        kubernetes.io/os: linux`);
    }
    if (chance(0.15)) {
      push("      tolerations:");
      push(`${dash("      ")}key: dedicated`);
      push(`${item("      ")}operator: Equal`);
      push(`${item("      ")}value: ${team}`);
      push(`${item("      ")}effect: NoSchedule`);
    }
    if (chance(0.12)) {
      push("      initContainers:");
      push(`${dash("      ")}name: migrate`);
      push(`${item("      ")}image: ${pick(REGISTRIES)}/${app}-migrations:${version}`);
      push(`${item("      ")}command: ["/bin/migrate", "up"]`);
      containerSecurity(item("      "), seccompPod);
    }
    push("      containers:");
    push(`${dash("      ")}name: ${app}`);
    push(`${item("      ")}image: ${pick(REGISTRIES)}/${app}:${version}`);
    if (chance(0.3)) push(`${item("      ")}imagePullPolicy: IfNotPresent`);
    if (chance(0.3))
      push(`${item("      ")}args: ["--config=/etc/${app}/config.yaml", "--port=8080"]`);
    const port = pick([8080, 8000, 3000, 9000]);
    push(`${item("      ")}ports:`);
    push(`${dash(item("      "))}name: http`);
    push(`${item(item("      "))}containerPort: ${port}`);
    if (chance(0.15)) push(`${item(item("      "))}protocol: TCP`);
    envBlock(item("      "), app);
    resources(item("      "));
    probes(item("      "), port);
    const mounts = chance(0.4);
    if (mounts) {
      push(`${item("      ")}volumeMounts:`);
      push(`${dash(item("      "))}name: config`);
      push(`${item(item("      "))}mountPath: /etc/${app}`);
      push(`${item(item("      "))}readOnly: true`);
      push(`${dash(item("      "))}name: tmp`);
      push(`${item(item("      "))}mountPath: /tmp`);
    }
    containerSecurity(item("      "), seccompPod, i % 100 === 37);
    if (chance(0.12)) {
      push(`${dash("      ")}name: ${pick(["envoy", "log-shipper", "metrics", "otel"])}`);
      push(`${item("      ")}image: ${pick(SIDE_IMAGES)}`);
      resources(item("      "));
      containerSecurity(item("      "), seccompPod);
    }
    if (mounts) {
      push("      volumes:");
      push(`${dash("      ")}name: config`);
      push(`${item("      ")}configMap:`);
      push(`${item("      ")}  name: ${app}-config`);
      push(`${dash("      ")}name: tmp`);
      push(`${item("      ")}emptyDir: {}`);
      if (chance(0.1)) {
        push(`${dash("      ")}name: credentials`);
        push(`${item("      ")}secret:`);
        push(`${item("      ")}  secretName: ${app}-credentials`);
      }
      if (chance(0.01)) {
        push(`${dash("      ")}name: host-logs`);
        push(`${item("      ")}hostPath:`);
        push(`${item("      ")}  path: /var/log`);
      }
    }
    return `${lines.join("\n")}\n`;

    function envBlock(pad, appName) {
      const n = int(0, 2);
      if (n === 0) return;
      push(`${pad}env:`);
      for (let k = 0; k < n; k++) {
        if (chance(0.2)) {
          const envName = pick(SECRET_ENV);
          push(`${dash(pad)}name: ${envName}`);
          push(`${item(pad)}valueFrom:`);
          push(`${item(pad)}  secretKeyRef:`);
          push(`${item(pad)}    name: ${appName}-secrets`);
          push(`${item(pad)}    key: ${envName.toLowerCase().replace(/_/g, "-")}`);
        } else if (chance(0.08)) {
          push(`${dash(pad)}name: POD_NAMESPACE`);
          push(`${item(pad)}valueFrom:`);
          push(`${item(pad)}  fieldRef:`);
          push(`${item(pad)}    fieldPath: metadata.namespace`);
        } else {
          const envName = pick(ENV_NAMES);
          push(`${dash(pad)}name: ${envName}`);
          push(`${item(pad)}value: ${pick(ENV_VALUES[envName])}`);
        }
      }
    }

    function resources(pad) {
      if (chance(0.1)) return;
      push(`${pad}resources:`);
      push(`${pad}  requests:`);
      push(`${pad}    cpu: ${pick(["50m", "100m", "250m", "500m", "1"])}`);
      push(`${pad}    memory: ${pick(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"])}`);
      if (chance(0.5)) {
        push(`${pad}  limits:`);
        if (chance(0.5)) push(`${pad}    cpu: ${pick(["500m", "1", "2"])}`);
        push(`${pad}    memory: ${pick(["256Mi", "512Mi", "1Gi", "2Gi"])}`);
      }
    }

    function probes(pad, p) {
      if (chance(0.25)) return;
      push(`${pad}readinessProbe:`);
      if (chance(0.8)) {
        push(`${pad}  httpGet:`);
        push(`${pad}    path: ${pick(["/healthz", "/ready", "/health/ready"])}`);
        push(`${pad}    port: ${chance(0.5) ? p : "http"}`);
      } else {
        push(`${pad}  tcpSocket:`);
        push(`${pad}    port: ${p}`);
      }
      push(`${pad}  initialDelaySeconds: ${pick([5, 10, 15])}`);
      push(`${pad}  periodSeconds: ${pick([5, 10, 20])}`);
      if (chance(0.4)) {
        push(`${pad}livenessProbe:`);
        push(`${pad}  httpGet:`);
        push(`${pad}    path: /healthz`);
        push(`${pad}    port: ${p}`);
        push(`${pad}  failureThreshold: ${pick([3, 5])}`);
      }
    }

    function containerSecurity(pad, podSeccomp, privileged = false) {
      if (!privileged && chance(0.2)) return;
      push(`${pad}securityContext:`);
      if (privileged) {
        push(`${pad}  privileged: true`);
        return;
      }
      if (chance(0.1)) push(`${pad}  privileged: false`);
      if (chance(0.75)) push(`${pad}  allowPrivilegeEscalation: false`);
      if (chance(0.7)) push(`${pad}  readOnlyRootFilesystem: true`);
      if (chance(0.45)) push(`${pad}  runAsNonRoot: true`);
      if (chance(0.3)) push(`${pad}  runAsUser: ${pick([1000, 10001, 65532])}`);
      if (!podSeccomp && chance(0.25)) {
        push(`${pad}  seccompProfile:`);
        push(`${pad}    type: RuntimeDefault`);
      }
      if (chance(0.45)) {
        push(`${pad}  capabilities:`);
        push(`${pad}    drop:`);
        push(`${dash(`${pad}    `)}ALL`);
        if (chance(0.08)) {
          push(`${pad}    add:`);
          push(`${dash(`${pad}    `)}NET_BIND_SERVICE`);
        }
      }
    }
  }
}
