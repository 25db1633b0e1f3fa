/** Makefile recipes: container commands in recipe lines, judged by the container rules. */
import { describe, expect, it } from "@jest/globals";
import { diff } from "../../src/catalogue/index.js";
import { runKindTests } from "../support/kind-tester.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
/** make's `${IMG}`, written so that it is not read as a template placeholder. */
const IMG = ["$", "{IMG}"].join("");

runKindTests("makefile", {
  valid: [
    {
      name: "variables, comments, echo and define bodies are not recipes' commands",
      path: "Makefile",
      code: lines(
        "RUN := docker run --privileged",
        "# docker run --privileged alpine",
        "define SCRIPT",
        "\tdocker run --privileged alpine",
        "endef",
        "test:",
        '\t@echo "docker run --privileged alpine"',
        "\tdocker run --rm -v $(CURDIR):/src $(IMAGE) make check",
      ),
    },
    {
      name: "a make variable that is not one literal word in every assignment stays unknown",
      path: "Makefile",
      code: lines(
        "ENGINE ?= docker",
        "ENGINE = podman",
        "APPENDED = docker",
        "APPENDED += --debug",
        "FROM_SHELL != which docker",
        "FROM_VAR := $(ENGINE)",
        "run:",
        "\t$(ENGINE) run --privileged alpine",
        "\t$(APPENDED) run --privileged alpine",
        "\t$(FROM_SHELL) run --privileged alpine",
        "\t$(FROM_VAR) run --privileged alpine",
        "\t$(ELSEWHERE) run --privileged alpine",
      ),
    },
    {
      // kubernetes-csi's release-tools/build.make: `\$$` is the shell's escaped dollar, for eval.
      name: "`\\$$` stays an escaped dollar for the shell, so no expansion opens there",
      path: "Makefile",
      code: lines(
        "push-%:",
        "\techo x | while read -r os arch; do \\",
        "\t\tdocker buildx build --push \\",
        "\t\t\t--file $$(eval echo \\$${dockerfile_$$os}) \\",
        "\t\t\t--build-arg ARCH=$$arch .; \\",
        "\tdone",
      ),
    },
    {
      // ceph-csi's Makefile: a target-specific variable's value holds a `;`, and no recipe.
      name: "a target-specific variable is not a recipe, whatever `;` its value holds",
      path: "Makefile",
      code: lines(
        "go-test: TEST_COVERAGE ?= $(shell . $(CURDIR)/build.env ; echo $${TEST_COVERAGE})",
        "go-test: check-env",
        "\tdocker run --rm -v $(CURDIR):/src golang go test ./...",
      ),
    },
    {
      // kubearmor/KubeArmor's KubeArmor/Makefile, `scan`: its last line ends `;\` before a blank line.
      name: "a recipe whose last line continues onto a blank line after `;`",
      path: "Makefile",
      code: lines(
        "scan: ",
        "\tgo install golang.org/x/vuln/cmd/govulncheck@latest ;\\",
        "\tcd $(CURDIR);\\",
        "\tgovulncheck ./... ;\\",
        "",
        "clean:",
        "\tdocker run --rm -v $(CURDIR):/src alpine rm -rf /src/dist",
      ),
    },
    {
      // amazon-vpc-cni-k8s's `format` target: `$(shell find ./* \` runs over five more lines.
      name: "a make reference read to its closing bracket across continued lines",
      path: "Makefile",
      code: lines(
        "format:",
        "\t@exit $(shell find ./* \\",
        "\t  -type f \\",
        "\t  -name '*.go' \\",
        "\t  -print0 | xargs -0 -- goimports $(or $(FORMAT_FLAGS),-w) | wc -l | bc)",
        "vet:",
        "\tdocker run --rm $(TEST_IMAGE_NAME) make vet",
      ),
    },
    {
      // crowdsecurity/crowdsec's Makefile, `check_release`: PowerShell where make runs on Windows.
      name: "recipe lines of a branch only Windows takes are not a POSIX shell's",
      path: "Makefile",
      code: lines(
        "check_release:",
        "ifneq ($(OS), Windows_NT)",
        '	@if [ -d $(RELDIR) ]; then echo "$(RELDIR) already exists, abort" ;  exit 1 ; fi',
        "else",
        '	@if (Test-Path -Path $(RELDIR)) { echo "$(RELDIR) already exists, abort" ;  exit 1 ; }',
        "endif",
        "win:",
        "ifeq ($(OS),Windows_NT)",
        "	@powershell -Command { Get-ChildItem | ForEach-Object { $_.Name } }",
        "else ifeq ($(shell uname),Darwin)",
        "	docker run --rm alpine true",
        "endif",
      ),
    },
  ],
  invalid: [
    {
      name: "a recipe line outside the Windows branch is still read",
      path: "Makefile",
      code: lines(
        "run:",
        "ifeq ($(OS),Windows_NT)",
        "	@powershell -Command { docker run --privileged alpine }",
        "else",
        "	docker run --privileged alpine",
        "endif",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 5,
          column: 13,
          endColumn: 24,
          fixed: lines(
            "run:",
            "ifeq ($(OS),Windows_NT)",
            "\t@powershell -Command { docker run --privileged alpine }",
            "else",
            "\tdocker run alpine",
            "endif",
          ),
        },
      ],
    },
    {
      name: "make's own references and `$$` are read as make expands them, without a syntax error",
      path: "Makefile",
      code: lines(
        "DOCKER ?= docker",
        "helpers:",
        "\t@for file in out/*$(SUFFIX).tar; do \\",
        '\t\tif [ -e "$${file}" ]; then target=$$(echo "$${file}" | sed -e \'s/x//\'); fi; \\',
        "\tdone",
        "\tdocker run --ipc=host -v $(CURDIR):/src $@ $$HOME",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 6,
          column: 13,
          endColumn: 22,
          fixed: lines(
            "DOCKER ?= docker",
            "helpers:",
            "\t@for file in out/*$(SUFFIX).tar; do \\",
            '\t\tif [ -e "$${file}" ]; then target=$$(echo "$${file}" | sed -e \'s/x//\'); fi; \\',
            "\tdone",
            "\tdocker run -v $(CURDIR):/src $@ $$HOME",
          ),
        },
      ],
    },
    {
      // kubebuilder's scaffold: `CONTAINER_TOOL ?= docker`, then `$(CONTAINER_TOOL) build`.
      name: "a make variable the Makefile sets to one literal word reads as that word",
      path: "Makefile",
      code: lines(
        "CONTAINER_TOOL ?= docker",
        "export IMG := nicolaka/netshoot # the debug image",
        "debug:",
        `\t$(CONTAINER_TOOL) run --privileged ${IMG} tcpdump -i any`,
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 24,
          endColumn: 35,
          identity: "Makefile>target:debug>docker run#0>--privileged>container-privileged",
          says: ["`docker run` runs privileged"],
          fixed: lines(
            "CONTAINER_TOOL ?= docker",
            "export IMG := nicolaka/netshoot # the debug image",
            "debug:",
            `\t$(CONTAINER_TOOL) run --cap-add=NET_RAW --cap-add=NET_ADMIN ${IMG} tcpdump -i any`,
          ),
        },
      ],
    },
    {
      name: "recipe lines after make's prefixes, over continuation lines, and after `;`",
      path: "build/rules.mk",
      code: lines(
        "IMAGE ?= alpine",
        "run: image ; docker run --pid=host $(IMAGE)",
        "",
        "debug:",
        "\t@-docker run --rm \\",
        "\t  --privileged \\",
        "\t  nicolaka/netshoot tcpdump",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 2,
          column: 25,
          endColumn: 34,
          identity: "build/rules.mk>target:run>docker run#0>--pid>container-host-namespaces",
          fixed: lines(
            "IMAGE ?= alpine",
            "run: image ; docker run $(IMAGE)",
            "",
            "debug:",
            "\t@-docker run --rm \\",
            "\t  --privileged \\",
            "\t  nicolaka/netshoot tcpdump",
          ),
        },
        {
          ruleId: "container-privileged",
          line: 6,
          column: 4,
          endColumn: 15,
          says: ["target `debug`"],
          fixed: lines(
            "IMAGE ?= alpine",
            "run: image ; docker run $(IMAGE)",
            "",
            "debug:",
            "\t@-docker run --rm \\",
            "\t  --cap-add=NET_RAW --cap-add=NET_ADMIN \\",
            "\t  nicolaka/netshoot tcpdump",
          ).replace(
            "run: image ; docker run $(IMAGE)",
            "run: image ; docker run --pid=host $(IMAGE)",
          ),
        },
      ],
    },
  ],
});

describe("makefile identity", () => {
  it("moving a recipe line within its target and adding other targets introduce nothing", () => {
    const base = lines("ci:", "\tmake lint", "\tdocker run --net=host alpine");
    const head = lines(
      "lint:",
      "\tgolangci-lint run",
      "",
      "ci:",
      "\tdocker run --net=host alpine",
      "\tmake lint",
    );
    expect(diff([{ path: "Makefile", base, head }]).introduced).toEqual([]);
  });
});
