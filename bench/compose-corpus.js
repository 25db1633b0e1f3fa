/**
 * A seeded corpus of Compose files as projects write them: a few services each (web servers,
 * databases, workers, a CI runner now and then), build contexts, project bind mounts, named
 * volumes, anchors and `x-` fields, variables with defaults; a few services privileged, on the
 * host's network or PID namespace, with added capabilities or the Docker socket mounted.
 */
import { rng } from "./corpus.js";

const IMAGES = [
  "nginx:1.27",
  "postgres:16",
  "redis:7.4",
  "node:20-bookworm-slim",
  "python:3.12-slim",
  "grafana/grafana:11.2.0",
  "nicolaka/netshoot:v0.13",
  "gitlab/gitlab-runner:v17.5.0",
];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function service(r, name, lines) {
  const image = pick(r, IMAGES);
  lines.push(`  ${name}:`);
  if (r() < 0.3) lines.push("    <<: *defaults");
  if (r() < 0.4)
    lines.push("    build:", "      context: .", `      dockerfile: docker/${name}.Dockerfile`);
  else lines.push(`    image: \${${name.toUpperCase()}_IMAGE:-${image}}`);
  if (image.includes("netshoot")) lines.push("    command: tcpdump -i any -w /captures/all.pcap");
  lines.push(
    "    environment:",
    `      LOG_LEVEL: \${LOG_LEVEL:-info}`,
    `      SERVICE_NAME: ${name}`,
  );
  lines.push("    ports:", `      - "${8000 + Math.floor(r() * 1000)}:80"`);
  lines.push("    volumes:", `      - ./${name}:/app`, `      - ${name}-data:/var/lib/${name}`);
  const roll = r();
  if (roll < 0.03) lines.push("      - /var/run/docker.sock:/var/run/docker.sock");
  else if (roll < 0.06) lines.push("    privileged: true");
  else if (roll < 0.08) lines.push("    network_mode: host");
  else if (roll < 0.1) lines.push("    cap_add: [NET_ADMIN, NET_RAW]");
  else if (roll < 0.11) lines.push("    pid: host", "    security_opt: [seccomp:unconfined]");
  lines.push("    depends_on: [db]", "    restart: unless-stopped");
}

function composeFile(r) {
  const lines = [
    "x-defaults: &defaults",
    "  logging:",
    "    driver: json-file",
    "    options: {max-size: 10m}",
    "",
    "services:",
  ];
  const names = [];
  const count = 3 + Math.floor(r() * 5);
  for (let j = 0; j < count; j++) {
    const name = `svc${j}`;
    names.push(name);
    service(r, name, lines);
  }
  lines.push("  db:", "    image: postgres:16", "    volumes: [db-data:/var/lib/postgresql/data]");
  lines.push("volumes:", "  db-data: {}", ...names.map((n) => `  ${n}-data: {}`));
  return `${lines.join("\n")}\n`;
}

/** `count` Compose files, named as Compose looks for them or by a top-level `services:`. */
export function generateComposeFiles(count, seed) {
  const r = rng(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    const name = i % 3 === 0 ? "compose.yaml" : i % 3 === 1 ? "docker-compose.yml" : "stack.yml";
    files.push({ path: `apps/app-${i}/${name}`, text: composeFile(r) });
  }
  return files;
}
