// biome-ignore-all lint/suspicious/noTemplateCurlyInString: workflow text holds GitHub expressions
/** GitHub Actions workflows and composite actions, judged by the container rules. */
import { describe, expect, it } from "@jest/globals";
import { diff } from "../../src/catalogue/index.js";
import { runKindTests } from "../support/kind-tester.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const WF = ".github/workflows/ci.yml";

runKindTests("github-actions", {
  valid: [
    {
      name: "echoed commands, heredocs, expressions as values, a PowerShell step",
      path: WF,
      code: lines(
        "on: push",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    container:",
        "      image: node:20",
        "      options: --cpus 2 --cap-add NET_RAW",
        "    steps:",
        "      - run: |",
        '          echo "docker run --privileged ${{ matrix.image }}"',
        "          cat <<EOF",
        "          docker run --privileged alpine",
        "          EOF",
        "          docker run --network ${{ matrix.net }} -v ${{ github.workspace }}:/src alpine",
        "      - shell: pwsh",
        "        run: docker run --privileged alpine",
      ),
    },
  ],
  invalid: [
    {
      name: "a Windows job's steps run in PowerShell; a step that names bash is read",
      path: WF,
      code: lines(
        "on: push",
        "jobs:",
        "  win:",
        "    runs-on: [self-hosted, windows]",
        "    steps:",
        "      - run: docker run --privileged mcr.microsoft.com/windows/servercore:ltsc2022",
        "      - shell: bash",
        "        run: docker run --pid=host alpine",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 8,
          column: 25,
          endColumn: 34,
          fixed: lines(
            "on: push",
            "jobs:",
            "  win:",
            "    runs-on: [self-hosted, windows]",
            "    steps:",
            "      - run: docker run --privileged mcr.microsoft.com/windows/servercore:ltsc2022",
            "      - shell: bash",
            "        run: docker run alpine",
          ),
        },
      ],
    },
    {
      name: "job container and service options are docker create flags",
      path: WF,
      code: lines(
        "on: push",
        "jobs:",
        "  build:",
        "    runs-on: ubuntu-latest",
        "    container:",
        "      image: node:20",
        "      options: --privileged --cpus 2",
        "    services:",
        "      docker:",
        "        image: docker:dind",
        "        options: >-",
        "          --privileged",
        "          -v /var/run/docker.sock:/var/run/docker.sock",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 7,
          column: 16,
          endColumn: 27,
          identity: `${WF}>job:build>container.options>--privileged>container-privileged`,
          says: ["job `build` container runs privileged"],
          fixed: lines(
            "on: push",
            "jobs:",
            "  build:",
            "    runs-on: ubuntu-latest",
            "    container:",
            "      image: node:20",
            "      options: --cpus 2",
            "    services:",
            "      docker:",
            "        image: docker:dind",
            "        options: >-",
            "          --privileged",
            "          -v /var/run/docker.sock:/var/run/docker.sock",
          ),
        },
        {
          ruleId: "container-privileged",
          line: 12,
          column: 11,
          endColumn: 22,
          identity: `${WF}>job:build>services.docker.options>--privileged>container-privileged`,
          fixed: lines(
            "on: push",
            "jobs:",
            "  build:",
            "    runs-on: ubuntu-latest",
            "    container:",
            "      image: node:20",
            "      options: --privileged --cpus 2",
            "    services:",
            "      docker:",
            "        image: docker:dind",
            "        options: >-",
            "          -v /var/run/docker.sock:/var/run/docker.sock",
          ),
        },
        { ruleId: "container-host-mounts", line: 13, column: 11, endColumn: 54, fixed: null },
      ],
    },
    {
      name: "run steps: literal blocks with continuations, plain scalars, expressions as opaque words",
      path: WF,
      code: lines(
        "on: push",
        "jobs:",
        "  e2e:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - name: Capture",
        "        run: |",
        "          docker run --rm \\",
        "            --privileged ${{ matrix.flags }} \\",
        "            nicolaka/netshoot tcpdump -i any",
        "      - run: docker run --pid=host ${{ inputs.image }}",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 9,
          column: 13,
          endColumn: 24,
          identity: `${WF}>job:e2e>step:name:Capture>docker run#0>--privileged>container-privileged`,
          fixed: lines(
            "on: push",
            "jobs:",
            "  e2e:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - name: Capture",
            "        run: |",
            "          docker run --rm \\",
            "            --cap-add=NET_RAW --cap-add=NET_ADMIN ${{ matrix.flags }} \\",
            "            nicolaka/netshoot tcpdump -i any",
            "      - run: docker run --pid=host ${{ inputs.image }}",
          ),
        },
        {
          ruleId: "container-host-namespaces",
          line: 11,
          column: 25,
          endColumn: 34,
          identity: `${WF}>job:e2e>step:#1>docker run#0>--pid>container-host-namespaces`,
          says: ["job `e2e`, step 2"],
          fixed: lines(
            "on: push",
            "jobs:",
            "  e2e:",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - name: Capture",
            "        run: |",
            "          docker run --rm \\",
            "            --privileged ${{ matrix.flags }} \\",
            "            nicolaka/netshoot tcpdump -i any",
            "      - run: docker run ${{ inputs.image }}",
          ),
        },
      ],
    },
    {
      name: "a composite action's steps",
      path: "actions/setup/action.yml",
      code: lines(
        "name: setup",
        "runs:",
        "  using: composite",
        "  steps:",
        "    - id: agent",
        "      shell: bash",
        "      run: docker run -d --net=host agent:1",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 7,
          column: 26,
          endColumn: 35,
          identity:
            "actions/setup/action.yml>action>step:id:agent>docker run#0>--network>container-host-namespaces",
          fixed: lines(
            "name: setup",
            "runs:",
            "  using: composite",
            "  steps:",
            "    - id: agent",
            "      shell: bash",
            "      run: docker run -d agent:1",
          ),
        },
      ],
    },
  ],
});

describe("workflow identity", () => {
  const step = (name: string, run: string) => [`      - name: ${name}`, `        run: ${run}`];
  const workflow = (...steps: string[][]) =>
    lines(
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      ...steps.flat(),
    );

  it("moving a step and renaming the workflow introduce nothing", () => {
    const base = workflow(step("Lint", "make lint"), step("Agent", "docker run --pid=host agent"));
    const head = workflow(step("Agent", "docker run --pid=host agent"), step("Lint", "make lint"));
    const result = diff([{ path: ".github/workflows/test.yml", previousPath: WF, base, head }]);
    expect(result.introduced).toEqual([]);
    expect(result.existing).toHaveLength(1);
  });

  it("the same flag in another step is new", () => {
    const base = workflow(step("Agent", "docker run --pid=host agent"));
    const head = workflow(
      step("Agent", "docker run --pid=host agent"),
      step("Probe", "docker run --pid=host probe"),
    );
    expect(diff([{ path: WF, base, head }]).introduced.map((f) => f.line)).toEqual([9]);
  });
});
