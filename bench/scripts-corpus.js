/**
 * A seeded corpus of the files the shell and CI kinds read, as projects write them: shell scripts
 * (functions, pipelines, heredocs, quoting, continuation lines), Makefiles, GitHub Actions
 * workflows and GitLab CI configurations, with container commands among ordinary ones. About 1 in
 * 50 container commands asks for privilege (`--privileged`, `--pid=host`, the Docker socket).
 */
import { rng } from "./corpus.js";

const TOOLS = [
  "make test",
  "npm ci",
  "go test ./...",
  "pytest -q",
  "cargo build --release",
  "./gradlew check",
];
const IMAGES = [
  "alpine:3.20",
  "node:20",
  "golang:1.23",
  "python:3.12-slim",
  "postgres:16",
  "nicolaka/netshoot",
];
const SAFE_FLAGS = [
  "--rm",
  "-it",
  "-e CI=true",
  '-v "$PWD:/src"',
  "-w /src",
  "--network ci",
  "-p 8080:80",
  "--name job-$RANDOM",
  "--cap-add NET_RAW",
  "-u 1000:1000",
];
const RISKY_FLAGS = [
  "--privileged",
  "--pid=host",
  "-v /var/run/docker.sock:/var/run/docker.sock",
  "--cap-add SYS_ADMIN",
  "--net=host",
];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function runCommand(r, indent, continuation) {
  const flags = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) flags.push(pick(r, SAFE_FLAGS));
  if (r() < 0.02) flags.push(pick(r, RISKY_FLAGS));
  const image = pick(r, IMAGES);
  const tool = pick(r, TOOLS);
  if (!continuation) return `${indent}docker run ${flags.join(" ")} ${image} ${tool}`;
  return [
    `${indent}docker run \\`,
    ...flags.map((f) => `${indent}  ${f} \\`),
    `${indent}  ${image} ${tool}`,
  ].join("\n");
}

function shellScript(r, i) {
  const lines = [
    "#!/usr/bin/env bash",
    "set -euo pipefail",
    `# build step ${i}`,
    'ROOT="$(cd "$(dirname "$0")/.." && pwd)"',
  ];
  for (let f = 0; f < 3; f++) {
    lines.push(`step_${f}() {`, `  echo "running step ${f} in $ROOT"`);
    lines.push(`  if [ -n "\${CI:-}" ]; then`, runCommand(r, "    ", r() < 0.5), "  fi");
    lines.push(`  for f in "$ROOT"/*.txt; do grep -q todo "$f" || true; done`);
    lines.push("  cat <<EOF > /tmp/notes", "docker run --privileged is not run here", "EOF", "}");
  }
  lines.push("step_0 && step_1 | tee build.log", runCommand(r, "", r() < 0.3));
  return `${lines.join("\n")}\n`;
}

function makefile(r) {
  const lines = [
    "IMAGE ?= acme/app",
    "SHELL := /bin/bash",
    ".PHONY: build test",
    "",
    "build:",
    "\tdocker build -t $(IMAGE) .",
  ];
  for (let t = 0; t < 4; t++) {
    lines.push(
      "",
      `test-${t}: build`,
      `\t@echo "test ${t}"`,
      runCommand(r, "\t", r() < 0.4).replace(/\n {2}/g, "\n\t  "),
    );
  }
  return `${lines.join("\n")}\n`;
}

function workflow(r) {
  const lines = ["name: ci", "on: [push, pull_request]", "jobs:"];
  for (let j = 0; j < 3; j++) {
    lines.push(
      `  job${j}:`,
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
    );
    for (let s = 0; s < 3; s++) {
      lines.push(
        `      - name: step ${s}`,
        "        run: |",
        `          echo "\${{ github.sha }}"`,
      );
      lines.push(runCommand(r, "          ", r() < 0.5));
    }
  }
  return `${lines.join("\n")}\n`;
}

function gitlab(r) {
  const lines = ["stages: [build, test]", "variables:", '  DOCKER_TLS_CERTDIR: "/certs"'];
  for (let j = 0; j < 4; j++) {
    lines.push(`job${j}:`, "  stage: test", "  image: docker:27", "  script:", "    - docker info");
    lines.push(`    - ${runCommand(r, "", false)}`, "    - |", runCommand(r, "      ", true));
  }
  return `${lines.join("\n")}\n`;
}

/** `count` files of each kind, in a repository's layout. */
export function generateScripts(count, seed) {
  const r = rng(seed);
  const files = [];
  for (let i = 0; i < count; i++) {
    files.push({ path: `scripts/build-${i}.sh`, text: shellScript(r, i) });
    files.push({ path: `services/s${i}/Makefile`, text: makefile(r) });
    files.push({ path: `.github/workflows/ci-${i}.yml`, text: workflow(r) });
    files.push({ path: `ci/s${i}/.gitlab-ci.yml`, text: gitlab(r) });
  }
  return files;
}
