/**
 * The dev container kind's table: each case a `devcontainer.json` scanned by the engine with every
 * kind and rule, with its findings' exact spans and the whole text after each fix (re-scanned by
 * the kind tester). The traps: strings that only mention a flag, comments, `privileged: false`,
 * NET_RAW (one of Docker's defaults), a project folder, a named volume, variables, `init`.
 */
import { composeVariable as variable } from "../support/compose-case.js";
import { runKindTests } from "../support/kind-tester.js";

const PATH = ".devcontainer/devcontainer.json";

/** A dev container with an image on line 3 and its further properties from line 4 on. */
function dev(lines: string, image = "mcr.microsoft.com/devcontainers/base:bookworm"): string {
  return `{\n  "name": "app",\n  "image": "${image}",\n${lines}}\n`;
}

runKindTests("devcontainer", {
  valid: [
    { name: "no settings", path: PATH, code: dev('  "remoteUser": "vscode"\n') },
    { name: "privileged: false", path: PATH, code: dev('  "privileged": false\n') },
    {
      name: "init: tini as PID 1 removes no protection",
      path: PATH,
      code: dev('  "init": true,\n  "runArgs": ["--init"]\n'),
    },
    {
      name: "NET_RAW is one of Docker's default capabilities",
      path: PATH,
      code: dev('  "capAdd": ["NET_RAW"],\n  "runArgs": ["--cap-add=NET_RAW", "-u", "vscode"]\n'),
    },
    {
      name: "a project folder by variable and a named volume",
      path: PATH,
      code: dev(
        `  "mounts": [\n    "source=${variable("localWorkspaceFolder")}/data,target=/data,type=bind",\n` +
          '    { "source": "cache", "target": "/cache", "type": "volume" }\n  ],\n' +
          `  "runArgs": ["-v", "${variable("localEnv:HOME")}/.ssh:/root/.ssh"]\n`,
      ),
    },
    {
      name: "flags inside other strings and in comments",
      path: PATH,
      code: dev(
        '  // "runArgs": ["--privileged"],\n  /* "privileged": true */\n' +
          '  "postCreateCommand": "echo --privileged",\n  "containerEnv": { "privileged": "true" }\n',
      ),
    },
    {
      name: "--privileged=false",
      path: PATH,
      code: dev('  "runArgs": ["--privileged=false"]\n'),
    },
    {
      name: "a Feature that asks for nothing",
      path: ".devcontainer/python/devcontainer.json",
      code: dev('  "features": { "ghcr.io/devcontainers/features/node:1": {} }\n'),
    },
  ],
  invalid: [
    {
      name: "runArgs --privileged, nothing inferred: the flag goes, with the property",
      path: PATH,
      code: dev('  "remoteUser": "root",\n  "runArgs": ["--privileged"]\n'),
      findings: [
        {
          ruleId: "container-privileged",
          line: 5,
          column: 15,
          endColumn: 28,
          identity: `${PATH}#container>runArgs --privileged>container-privileged`,
          says: ["Dev container `app` runs privileged"],
          fixed: dev('  "remoteUser": "root"\n'),
        },
      ],
    },
    {
      name: "runArgs --privileged on a tcpdump image becomes --cap-add items in its place",
      path: PATH,
      code: dev('  "runArgs": [\n    "--init",\n    "--privileged"\n  ]\n', "corfr/tcpdump:latest"),
      findings: [
        {
          ruleId: "container-privileged",
          line: 6,
          column: 5,
          endColumn: 18,
          fixed: dev(
            '  "runArgs": [\n    "--init",\n    "--cap-add=NET_RAW", "--cap-add=NET_ADMIN"\n  ]\n',
            "corfr/tcpdump:latest",
          ),
        },
      ],
    },
    {
      name: "privileged: true on a tcpdump image becomes capAdd",
      path: ".devcontainer.json",
      code: dev('  "privileged": true,\n  "capAdd": ["NET_RAW"]\n', "corfr/tcpdump:latest"),
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 17,
          endColumn: 20,
          identity: ".devcontainer.json#container>privileged>container-privileged",
          fixed: dev('  "capAdd": ["NET_RAW", "NET_ADMIN"]\n', "corfr/tcpdump:latest"),
        },
      ],
    },
    {
      name: "capAdd SYS_ADMIN: the item goes, NET_RAW stays",
      path: PATH,
      code: dev('  "capAdd": ["SYS_ADMIN", "NET_RAW"]\n'),
      findings: [
        {
          ruleId: "container-capabilities",
          line: 4,
          column: 14,
          endColumn: 24,
          identity: `${PATH}#container>capAdd[SYS_ADMIN]>container-capabilities`,
          fixed: dev('  "capAdd": ["NET_RAW"]\n'),
        },
      ],
    },
    {
      name: "securityOpt seccomp=unconfined, the only item: the property goes",
      path: PATH,
      code: dev('  "securityOpt": ["seccomp=unconfined"],\n  "remoteUser": "vscode"\n'),
      findings: [
        {
          ruleId: "container-seccomp",
          line: 4,
          column: 19,
          endColumn: 38,
          fixed: dev('  "remoteUser": "vscode"\n'),
        },
      ],
    },
    {
      name: "mounts: the Docker socket (string) and the host's root (object), no suggestion",
      path: PATH,
      code: dev(
        '  "mounts": [\n    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",\n' +
          '    { "source": "/", "target": "/host", "type": "bind" }\n  ]\n',
      ),
      findings: [
        {
          ruleId: "container-host-mounts",
          line: 5,
          column: 5,
          endColumn: 71,
          identity: `${PATH}#container>mounts[/var/run/docker.sock]>container-host-mounts`,
          says: ["mounts the Docker socket"],
          fixed: null,
        },
        {
          ruleId: "container-host-mounts",
          line: 6,
          column: 5,
          endColumn: 56,
          says: ["mounts the host's `/`"],
          fixed: null,
        },
      ],
    },
    {
      name: "runArgs -v of the socket spans both items; --pid=host and --network host go",
      path: PATH,
      code: dev(
        '  "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock", "--pid=host",\n' +
          '    "--network", "host", "--rm"]\n',
      ),
      findings: [
        {
          ruleId: "container-host-mounts",
          line: 4,
          column: 15,
          endColumn: 63,
          identity: `${PATH}#container>runArgs --volume[/var/run/docker.sock]>container-host-mounts`,
          fixed: null,
        },
        {
          ruleId: "container-host-namespaces",
          line: 4,
          column: 66,
          endColumn: 77,
          fixed: dev(
            '  "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock",\n' +
              '    "--network", "host", "--rm"]\n',
          ),
        },
        {
          ruleId: "container-host-namespaces",
          line: 5,
          column: 5,
          endColumn: 23,
          fixed: dev(
            '  "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock", "--pid=host",\n' +
              '    "--rm"]\n',
          ),
        },
      ],
    },
    {
      name: "--cap-add=SYS_ADMIN,NET_ADMIN: two findings, no fix that takes both",
      path: PATH,
      code: dev('  "runArgs": ["--cap-add=SYS_ADMIN,NET_ADMIN"]\n'),
      findings: [
        { ruleId: "container-capabilities", line: 4, column: 15, endColumn: 45, fixed: null },
        { ruleId: "container-capabilities", line: 4, column: 15, endColumn: 45, fixed: null },
      ],
    },
    {
      name: "the docker-in-docker Feature runs privileged: on its key, versionless identity",
      path: PATH,
      code: dev(
        '  "features": {\n    "ghcr.io/devcontainers/features/docker-in-docker:2": {\n' +
          '      "moby": true\n    }\n  }\n',
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 5,
          column: 5,
          endColumn: 55,
          identity: `${PATH}#features[docker-in-docker]>features[docker-in-docker].privileged>container-privileged`,
          says: ["Feature `ghcr.io/devcontainers/features/docker-in-docker:2` runs privileged"],
          fixed: null,
        },
      ],
    },
    {
      name: "the old shorthand docker-from-docker mounts the socket and disables labels",
      path: PATH,
      code: dev('  "features": { "docker-from-docker": "latest" }\n'),
      findings: [
        { ruleId: "container-host-mounts", line: 4, column: 17, endColumn: 36, fixed: null },
        { ruleId: "container-selinux", line: 4, column: 17, endColumn: 36, fixed: null },
      ],
    },
  ],
});
