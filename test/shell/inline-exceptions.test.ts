/**
 * Inline exceptions in scripts, Makefiles and CI files: `# privilege-guard: allow <rule> --
 * <reason>` on the line above the flag, the command, or the step; a reason is mandatory.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

function reasons(path: string, text: string): (string | null)[] {
  const [result] = scan([{ path, text }]);
  expect(result?.problems).toEqual([]);
  return result?.findings.map((f) => f.annotatedException) ?? [];
}

describe("inline exceptions", () => {
  it("a comment above the command in a script, by rule id or PSS control", () => {
    const text = lines(
      "# privilege-guard: allow container-privileged -- registers binfmt handlers on the runner",
      "docker run --privileged --rm tonistiigi/binfmt --install all",
      "# privilege-guard: allow hostNamespaces -- the agent reads every process by design",
      "docker run --rm \\",
      "  --pid=host \\",
      "  agent:1",
      "docker run --net=host agent:2",
    );
    expect(reasons("ci/setup.sh", text)).toEqual([
      "registers binfmt handlers on the runner",
      "the agent reads every process by design",
      null,
    ]);
  });

  it("no reason, no exception; another rule's exception does not apply", () => {
    const text = lines(
      "# privilege-guard: allow container-privileged",
      "docker run --privileged alpine",
      "# privilege-guard: allow container-host-mounts -- the socket is the point",
      "docker run --pid=host alpine",
    );
    expect(reasons("run.sh", text)).toEqual([null, null]);
  });

  it("a make comment above a recipe line", () => {
    const text = lines(
      "qemu:",
      "# privilege-guard: allow container-privileged -- binfmt_misc needs the host's /proc/sys/fs",
      "\tdocker run --privileged --rm tonistiigi/binfmt --install all",
    );
    expect(reasons("Makefile", text)).toEqual(["binfmt_misc needs the host's /proc/sys/fs"]);
  });

  it("a YAML comment above a workflow step, and a shell comment inside its script", () => {
    const text = lines(
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      # privilege-guard: allow container-privileged -- QEMU for multi-arch builds",
      "      - name: QEMU",
      "        run: docker run --privileged --rm tonistiigi/binfmt --install all",
      "      - run: |",
      "          # privilege-guard: allow container-host-namespaces -- profiler needs host PIDs",
      "          docker run --pid=host profiler",
      "          docker run --ipc=host profiler",
    );
    expect(reasons(".github/workflows/ci.yml", text)).toEqual([
      "QEMU for multi-arch builds",
      "profiler needs host PIDs",
      null,
    ]);
  });

  it("a YAML comment above a GitLab Docker-in-Docker service", () => {
    const text = lines(
      "build:",
      "  services:",
      "    # privilege-guard: allow container-privileged -- dedicated runner for image builds",
      "    - docker:27-dind",
      "  script: docker build .",
    );
    expect(reasons(".gitlab-ci.yml", text)).toEqual(["dedicated runner for image builds"]);
  });

  it("through extends: a comment in the template or above the job's extends: speaks for it", () => {
    const text = lines(
      ".dind:",
      "  services:",
      "    # privilege-guard: allow container-privileged -- dedicated runner for image builds",
      "    - docker:27-dind",
      "  script:",
      "    - docker run --pid=host agent",
      "build:",
      "  extends: .dind",
      "scan:",
      "  # privilege-guard: allow hostNamespaces -- the scanner reads the runner's processes",
      "  extends: .dind",
    );
    const [result] = scan([{ path: ".gitlab-ci.yml", text }]);
    expect(
      result?.findings.map((f) => `${f.line} ${f.ruleId}: ${f.annotatedException}`).sort(),
    ).toEqual([
      "11 container-host-namespaces: the scanner reads the runner's processes",
      "11 container-privileged: dedicated runner for image builds",
      "8 container-host-namespaces: null",
      "8 container-privileged: dedicated runner for image builds",
    ]);
  });
});
