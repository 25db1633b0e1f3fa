/** Shell scripts: container commands found by the shell parser, judged by the container rules. */
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";
import { runKindTests } from "../support/kind-tester.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

runKindTests("shell", {
  valid: [
    {
      name: "a docker run inside an echoed string is not a command",
      path: "run.sh",
      code: lines(
        'echo "docker run --privileged alpine"',
        "printf '%s\\n' 'docker run --pid=host x'",
      ),
    },
    {
      name: "a -c string passed to a script, or echoed, is not the shell's command string",
      path: "run.sh",
      code: lines(
        "sh deploy.sh -c 'docker run --privileged alpine'",
        "echo \"sh -c 'docker run --privileged alpine'\"",
      ),
    },
    {
      name: "a heredoc body is not a command",
      path: "run.sh",
      code: lines("cat > job.sh <<'EOF'", "docker run --privileged alpine", "EOF"),
    },
    {
      name: "a heredoc read by a shell that also has a script file or a -c string is not its script",
      path: "run.sh",
      code: lines(
        "bash deploy.sh <<'EOF'",
        "docker run --privileged alpine",
        "EOF",
        "sh -c 'echo hi' <<EOF",
        "docker run --privileged alpine",
        "EOF",
        "bash <<EOF <input.txt",
        "docker run --privileged alpine",
        "EOF",
      ),
    },
    {
      name: "a comment is not a command",
      path: "run.sh",
      code: lines("# docker run --privileged alpine", "make build  # then docker run --privileged"),
    },
    {
      name: "NET_RAW is in Docker's default set",
      path: "run.sh",
      code: lines("docker run --cap-add NET_RAW --cap-add=CHOWN alpine ping example.org"),
    },
    {
      name: "a project folder and a named volume are not host mounts",
      path: "run.sh",
      code: lines(
        "docker run -v ./data:/data -v cache:/cache --mount type=volume,src=db,dst=/db alpine",
      ),
    },
    {
      name: "flags after the image belong to the container's command",
      path: "run.sh",
      code: lines("docker run --rm alpine sh -c 'ls' --privileged"),
    },
    {
      name: "--privileged=false",
      path: "run.sh",
      code: lines("docker run --privileged=false alpine"),
    },
    {
      name: "a value known only at run time is not reported",
      path: "run.sh",
      code: lines('docker run --network="$NET" --cap-add "$CAP" alpine'),
    },
    {
      name: "a command held in a variable the parser cannot read",
      path: "run.sh",
      code: lines('cmd="docker run --privileged alpine"', "$cmd", 'eval "$cmd"'),
    },
    {
      name: "other subcommands",
      path: "run.sh",
      code: lines("docker exec --privileged web sh", "docker build --network host ."),
    },
    {
      name: "a file without an extension and a bash shebang",
      path: "bin/deploy",
      code: lines("#!/usr/bin/env bash", "docker run --rm alpine"),
    },
  ],
  invalid: [
    {
      name: "a heredoc is the script of a shell that reads its standard input",
      path: "runner/entrypoint.sh",
      // The shape of GitHub's Actions runner images' entrypoint (actions/actions-runner-controller,
      // runner/entrypoint-dind.sh): the heredoc runs in the background under dumb-init.
      code: lines(
        "#!/bin/bash",
        "dumb-init bash <<'SCRIPT' &",
        "source logger.sh",
        "docker run --privileged nicolaka/netshoot tcpdump -i any",
        "SCRIPT",
        "wait $!",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 12,
          endColumn: 23,
          identity: "runner/entrypoint.sh>docker run#0>--privileged>container-privileged",
          says: ["`docker run` runs privileged"],
          fixed: lines(
            "#!/bin/bash",
            "dumb-init bash <<'SCRIPT' &",
            "source logger.sh",
            "docker run --cap-add=NET_RAW --cap-add=NET_ADMIN nicolaka/netshoot tcpdump -i any",
            "SCRIPT",
            "wait $!",
          ),
        },
      ],
    },
    {
      name: "an unquoted heredoc's substitutions are read once",
      path: "ci/remote.sh",
      code: lines("sudo bash -s -- staging <<EOF", "id=$(docker run -d --pid=host alpine)", "EOF"),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 2,
          column: 20,
          endColumn: 29,
          identity: "ci/remote.sh>docker run#0>--pid>container-host-namespaces",
          says: ["`docker run`"],
          fixed: lines("sudo bash -s -- staging <<EOF", "id=$(docker run -d alpine)", "EOF"),
        },
      ],
    },
    {
      name: "privileged mode in a function becomes the capabilities tcpdump needs",
      path: "scripts/debug.sh",
      code: lines(
        "#!/bin/sh",
        "capture() {",
        "  docker run --privileged nicolaka/netshoot tcpdump -i any",
        "}",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 3,
          column: 14,
          endColumn: 25,
          identity: "scripts/debug.sh>fn:capture>docker run#0>--privileged>container-privileged",
          says: ["function `capture`", "`docker run` runs privileged"],
          fixed: lines(
            "#!/bin/sh",
            "capture() {",
            "  docker run --cap-add=NET_RAW --cap-add=NET_ADMIN nicolaka/netshoot tcpdump -i any",
            "}",
          ),
        },
      ],
    },
    {
      name: "flags over continuation lines, quoted and with values as separate words",
      path: "ci/test.sh",
      code: lines(
        "sudo docker run --rm \\",
        '  "--cap-add" SYS_ADMIN \\',
        "  --pid host \\",
        "  alpine",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 3,
          column: 3,
          endColumn: 12,
          fixed: lines("sudo docker run --rm \\", '  "--cap-add" SYS_ADMIN \\', "  alpine"),
        },
        {
          ruleId: "container-capabilities",
          line: 2,
          column: 3,
          endColumn: 23,
          fixed: lines("sudo docker run --rm \\", "  --pid host \\", "  alpine"),
        },
      ],
    },
    {
      name: "the Docker socket has no safe replacement",
      path: "run.sh",
      code: lines("podman run -v /var/run/docker.sock:/var/run/docker.sock:ro alpine"),
      findings: [
        { ruleId: "container-host-mounts", line: 1, column: 12, endColumn: 58, fixed: null },
      ],
    },
    {
      name: "--mount type=bind of the host's /etc, --security-opt and --device",
      path: "run.sh",
      code: lines(
        "nerdctl run --mount type=bind,source=/etc,target=/host-etc --security-opt apparmor=unconfined --device /dev/kvm alpine",
      ),
      findings: [
        { ruleId: "container-host-mounts", line: 1, column: 13, endColumn: 58, fixed: null },
        {
          ruleId: "container-apparmor",
          line: 1,
          column: 60,
          endColumn: 93,
          fixed: lines(
            "nerdctl run --mount type=bind,source=/etc,target=/host-etc --device /dev/kvm alpine",
          ),
        },
        {
          ruleId: "container-devices",
          line: 1,
          column: 95,
          endColumn: 111,
          fixed: null,
        },
      ],
    },
    {
      name: "a command inside $( ) and after && in a subshell, through a variable with one literal value",
      path: "start.bash",
      code: lines(
        "RUNTIME=podman",
        "id=$(cd x && $RUNTIME run -d --userns=host --cgroupns=host img)",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 2,
          column: 30,
          endColumn: 42,
          fixed: lines("RUNTIME=podman", "id=$(cd x && $RUNTIME run -d --cgroupns=host img)"),
        },
        {
          ruleId: "container-host-namespaces",
          line: 2,
          column: 44,
          endColumn: 58,
          fixed: lines("RUNTIME=podman", "id=$(cd x && $RUNTIME run -d --userns=host img)"),
        },
      ],
    },
    {
      name: "combined short flags: reported, no fix (the word holds other flags)",
      path: "run.sh",
      code: lines("docker run -itv /:/host alpine"),
      findings: [
        { ruleId: "container-host-mounts", line: 1, column: 12, endColumn: 23, fixed: null },
      ],
    },
    {
      name: "sh -c '…' is a script of its own, read in place: its flags are fixed inside the quotes",
      path: "run.sh",
      code: lines(
        "sh -c 'docker run --privileged --rm alpine true'",
        'bash -e -o pipefail -c "docker run --pid=host alpine"',
        "sh -c 'sh -c \"docker run --net=host alpine\"'",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 1,
          column: 19,
          endColumn: 30,
          identity: "run.sh>docker run#0>--privileged>container-privileged",
          fixed: lines(
            "sh -c 'docker run --rm alpine true'",
            'bash -e -o pipefail -c "docker run --pid=host alpine"',
            "sh -c 'sh -c \"docker run --net=host alpine\"'",
          ),
        },
        {
          ruleId: "container-host-namespaces",
          line: 2,
          column: 36,
          endColumn: 45,
          fixed: lines(
            "sh -c 'docker run --privileged --rm alpine true'",
            'bash -e -o pipefail -c "docker run alpine"',
            "sh -c 'sh -c \"docker run --net=host alpine\"'",
          ),
        },
        {
          ruleId: "container-host-namespaces",
          line: 3,
          column: 26,
          endColumn: 35,
          fixed: lines(
            "sh -c 'docker run --privileged --rm alpine true'",
            'bash -e -o pipefail -c "docker run --pid=host alpine"',
            "sh -c 'sh -c \"docker run alpine\"'",
          ),
        },
      ],
    },
    {
      name: "sh -c with an escape is read from its value: reported on the whole string, no fix",
      path: "run.sh",
      code: lines('sudo sh -c "docker run -v \\$PWD:/w --cap-add=SYS_ADMIN alpine"'),
      findings: [
        { ruleId: "container-capabilities", line: 1, column: 12, endColumn: 62, fixed: null },
      ],
    },
  ],
});

describe("shell identity", () => {
  const before = lines("deploy() {", "  docker run --privileged --rm alpine true", "}");
  const rewrapped = lines(
    "#!/bin/bash",
    "echo starting",
    "deploy() {",
    "  docker run \\",
    "    --rm \\",
    "    --privileged \\",
    "    alpine true",
    "}",
  );

  it("re-wrapping a command over continuation lines and renaming the file introduce nothing", () => {
    const result = diff([
      { path: "tools/deploy.sh", previousPath: "deploy.sh", base: before, head: rewrapped },
    ]);
    expect(result.introduced).toEqual([]);
    expect(result.existing.map((f) => f.ruleId)).toEqual(["container-privileged"]);
  });

  it("a second container command in the function is new", () => {
    const head = lines(
      "deploy() {",
      "  docker run --rm alpine true",
      "  docker run --privileged --rm alpine true",
      "}",
    );
    const result = diff([{ path: "deploy.sh", base: before, head }]);
    expect(result.introduced.map((f) => f.identity)).toEqual([
      "deploy.sh>fn:deploy>docker run#1>--privileged>container-privileged",
    ]);
  });

  it("claims scripts by extension or by shebang, never a Dockerfile", () => {
    const results = scan([
      { path: "bin/tool", text: "#!/bin/bash\ndocker run --privileged x\n" },
      { path: "bin/notes", text: "docker run --privileged x\n" },
      { path: "Dockerfile", text: "#!/bin/sh\nRUN docker run --privileged x\n" },
    ]);
    expect(results.map((r) => [r.kind, r.findings.length])).toEqual([
      ["shell", 1],
      [null, 0],
      [null, 0],
    ]);
  });
});

describe("a workload that needs what it is given, in a script", () => {
  it("says why and how to keep it, as a Compose file's finding does, instead of offering no fix unexplained", () => {
    const [result] = scan([
      {
        path: "ci/cluster.sh",
        text: lines(
          "docker run -d --privileged --name node kindest/node:v1.31.0",
          "docker run --privileged docker:27-dind",
          "docker run --cap-add NET_ADMIN linuxserver/wireguard",
        ),
      },
    ]);
    expect(
      result?.findings.map((f) => [f.line, f.ruleId, f.fix ? "fix" : "no fix", f.remediation]),
    ).toEqual([
      [
        1,
        "container-privileged",
        "no fix",
        expect.stringContaining("Kubernetes node in a container (image `kindest/node`)"),
      ],
      [
        2,
        "container-privileged",
        "no fix",
        expect.stringContaining("Docker-in-Docker daemon (image `docker`)"),
      ],
      [
        3,
        "container-capabilities",
        "no fix",
        expect.stringContaining("needs `NET_ADMIN` (the capability catalogue)"),
      ],
    ]);
  });
});
