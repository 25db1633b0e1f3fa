import { composeVariable, composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerPrivileged } from "./container-privileged.js";

/** A Compose variable with a default, as written in the file. */
const WRITTEN = ["$", "{PRIVILEGED:-true}"].join("");

runContainerRuleTests(containerPrivileged, {
  valid: [
    { name: "no settings", settings: [] },
    { name: "privileged: false", settings: [setting.privileged(false)] },
    { name: "capabilities alone are another rule's", settings: [setting.capAdd("SYS_ADMIN")] },
  ],
  invalid: [
    {
      name: "privileged, nothing known of the workload: no capability granted",
      settings: [setting.privileged(true)],
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          capabilities: [],
          says: ["runs privileged", "all host devices"],
        },
      ],
    },
    {
      name: "a kind node (as kind runs it, --privileged) needs it: no fix, the isolated exception",
      settings: [setting.privileged(true)],
      workload: { image: "kindest/node:v1.31.0" },
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: null,
          advises: [
            "Kubernetes node in a container (image `kindest/node`)",
            "so no fix removes it",
            "envtest",
          ],
        },
      ],
    },
    {
      name: "a Docker-in-Docker daemon needs it: no fix, the isolated exception instead",
      settings: [setting.privileged(true)],
      workload: { image: "docker:27-dind" },
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: null,
          advises: [
            "Docker-in-Docker daemon (image `docker`)",
            "so no fix removes it",
            "`privilege-guard: allow container-privileged -- <reason>`",
            "rootless BuildKit",
          ],
        },
      ],
    },
    {
      name: "a daemon started by its program name is recognised too",
      settings: [setting.privileged(true)],
      workload: { image: "registry.example/ci/builder:1", command: ["dockerd"] },
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: null,
          advises: ["Docker-in-Docker daemon"],
        },
      ],
    },
    {
      name: "a tcpdump service gets NET_RAW and NET_ADMIN",
      settings: [setting.privileged(true)],
      workload: { image: "nicolaka/netshoot", command: ["tcpdump", "-i", "eth0"] },
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          capabilities: ["NET_RAW", "NET_ADMIN"],
        },
      ],
    },
    {
      name: "a variable's default is read, and the message says so",
      settings: [setting.privileged(true, WRITTEN)],
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          says: [`\`${WRITTEN}\` with its default`],
        },
      ],
    },
  ],
});

runRuleTests(containerPrivileged, {
  valid: [
    {
      name: "compose: privileged: false",
      path: "compose.yaml",
      code: svc("    privileged: false\n"),
    },
    { name: "compose: commented out", path: "compose.yaml", code: svc("    # privileged: true\n") },
    {
      name: "compose: the words in a string",
      path: "compose.yaml",
      code: svc(
        '    command: [echo, "privileged: true"]\n    environment:\n      PRIVILEGED: "true"\n',
      ),
    },
    {
      name: "compose: a variable without a default is unknown",
      path: "compose.yaml",
      code: svc(`    privileged: ${composeVariable("PRIVILEGED")}\n`),
    },
    {
      name: "compose: a variable whose default is false",
      path: "compose.yaml",
      code: svc(`    privileged: ${composeVariable("PRIVILEGED:-false")}\n`),
    },
  ],
  invalid: [
    {
      name: "compose: a tcpdump service gets NET_RAW and NET_ADMIN",
      path: "docker-compose.yml",
      code: svc("    command: tcpdump -i any\n    privileged: true\n", "nicolaka/netshoot"),
      errors: [
        {
          line: 5,
          container: "app",
          fixed: svc(
            "    command: tcpdump -i any\n    cap_add:\n      - NET_RAW\n      - NET_ADMIN\n",
            "nicolaka/netshoot",
          ),
        },
      ],
    },
    {
      name: "compose: a Docker-in-Docker service keeps privileged mode: no fix",
      path: "compose.yaml",
      code: svc("    privileged: true\n", "docker:dind"),
      errors: [{ line: 4, fixed: null }],
    },
    {
      name: "compose: nothing known of the workload, privileged mode simply removed",
      path: "compose.yaml",
      code: svc("    privileged: true\n    ports: ['80:80']\n"),
      errors: [{ line: 4, fixed: svc("    ports: ['80:80']\n") }],
    },
    {
      name: "compose: a string 'true' is read as compose-go reads it",
      path: "compose.yaml",
      code: svc('    privileged: "true"\n'),
      errors: [{ line: 4, fixed: svc("") }],
    },
    {
      name: "compose: a variable's default",
      path: "compose.yaml",
      code: svc(`    privileged: ${composeVariable("PRIVILEGED:-true")}\n`),
      errors: [{ line: 4, fixed: svc("") }],
    },
    {
      name: "compose: through an x- extension field and a merge key, no fix in place",
      path: "compose.yaml",
      code: `x-priv: &priv\n  privileged: true\nservices:\n  app:\n    <<: *priv\n    image: app\n`,
      errors: [{ line: 5, fixed: null }],
    },
    {
      name: "compose: inherited through extends, reported on both services",
      path: "compose.yaml",
      code: `services:\n  base:\n    image: app\n    privileged: true\n  app:\n    extends: base\n`,
      errors: [
        {
          line: 4,
          container: "base",
          fixed: `services:\n  base:\n    image: app\n  app:\n    extends: base\n`,
        },
        { line: 4, container: "app", fixed: null },
      ],
    },
    {
      name: "compose: any YAML file with a top-level services mapping",
      path: "deploy/stack.yml",
      code: svc("    privileged: true\n"),
      errors: [{ line: 4, fixed: svc("") }],
    },
  ],
});
