/**
 * Real `devcontainer.json` files from public projects (test/fixtures/realworld/devcontainers, see
 * SOURCES.md), each scanned where its project keeps it: read without a problem, the findings its
 * settings call for (and none for the template that asks for nothing), and every offered fix a
 * file that still parses, loses that finding and gains no other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { Finding } from "../../src/core/types.js";
import { LineIndex } from "../../src/yaml/line-index.js";

const DIR = new URL("../fixtures/realworld/devcontainers/", import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const PATH = ".devcontainer/devcontainer.json";

function scanText(text: string): readonly Finding[] {
  const [result] = scan([{ path: PATH, text }]);
  expect(result?.kind).toBe("devcontainer");
  expect(result?.problems).toEqual([]);
  return result?.findings ?? [];
}

/** `line rule [fix]` per finding, in file order. */
function summary(file: string): string[] {
  const text = readFileSync(new URL(file, DIR), "utf8");
  return scanText(text).map((f) => `${f.line} ${f.ruleId}${f.fix ? " fix" : ""}`);
}

describe("real-world dev containers", () => {
  for (const file of FILES) {
    it(`${file}: every fix parses, removes its finding and adds none`, () => {
      const text = readFileSync(new URL(file, DIR), "utf8");
      const findings = scanText(text);
      const index = new LineIndex(text);
      for (const f of findings) {
        if (!f.fix) continue;
        const after = scanText(applyLineFix(text, index, f.fix)).map((g) => g.identity);
        expect(after).not.toContain(f.identity);
        for (const id of after) expect(findings.map((g) => g.identity)).toContain(id);
      }
    });
  }

  it("finds what each project's settings ask for", () => {
    expect(Object.fromEntries(FILES.map((f) => [f, summary(f)]))).toEqual({
      // Features: Docker-in-Docker (privileged); mounts of the host's kernel modules.
      "cilium.devcontainer.json": [
        "7 container-privileged",
        "11 container-host-mounts",
        "12 container-host-mounts",
      ],
      // Features: Docker-in-Docker and Go (ptrace, no seccomp); runArgs: host IPC, the host's
      // /dev, --privileged (/run/udev is not a system path), with no fix: the Feature makes the
      // container privileged whatever runArgs say.
      "containerd.devcontainer.json": [
        "13 container-privileged",
        "14 container-capabilities",
        "14 container-seccomp",
        "27 container-host-namespaces fix",
        "28 container-host-mounts",
        "30 container-privileged",
      ],
      // runArgs with comments: the Docker socket by --mount, ptrace, no seccomp, host network; the
      // ~/.kube mount through ${env:HOME} is known only at run time.
      "dapr.devcontainer.json": [
        "12 container-host-mounts",
        "20 container-capabilities fix",
        "20 container-seccomp fix",
        "23 container-host-namespaces fix",
      ],
      "moby.devcontainer.json": ["12 container-privileged fix"],
      // The Feature mounts the host's Docker socket and disables SELinux labels.
      "templates-docker-outside-of-docker.devcontainer.json": [
        "9 container-host-mounts",
        "9 container-selinux",
      ],
      "templates-go.devcontainer.json": [],
    });
  });

  it("moby's --privileged goes with its runArgs line; the Feature's reason is its own", () => {
    const text = readFileSync(new URL("moby.devcontainer.json", DIR), "utf8");
    const [privileged] = scanText(text);
    expect(privileged?.fix).toMatchObject({ line: 12, endLine: 12, text: "" });
    const dind = scanText(readFileSync(new URL("cilium.devcontainer.json", DIR), "utf8"))[0];
    expect(dind?.message).toContain("Feature `ghcr.io/devcontainers/features/docker-in-docker`");
    expect(dind?.remediation).toContain("runs a Docker daemon");
  });
});
