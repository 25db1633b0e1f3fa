/**
 * The Compose kind end to end through the engine: which files it reads, semantic identity across
 * reorderings and renames, inline exceptions as the config applies them, and bad input.
 */
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";
import { claimsCompose } from "../../src/compose/claims.js";
import { parseConfig } from "../../src/config/parse.js";
import { applyExceptions } from "../../src/evaluation/exceptions.js";

const RUNNER = `services:
  web:
    image: nginx:1.27
    volumes:
      - ./site:/usr/share/nginx/html:ro
  runner:
    image: gitlab/gitlab-runner:v17.5.0
    privileged: true
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`;

const REORDERED = `services:
  runner:
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
    privileged: true
    image: gitlab/gitlab-runner:v17.5.0

  web:
    image: nginx:1.27
    volumes:
      - ./site:/usr/share/nginx/html:ro
`;

function kindOf(path: string, text: string): string | null {
  return scan([{ path, text }])[0]?.kind ?? null;
}

describe("which files the Compose kind reads", () => {
  it.each([
    ["compose.yaml"],
    ["compose.yml"],
    ["app/compose.override.yaml"],
    ["docker-compose.yml"],
    ["docker-compose.prod.yaml"],
    ["ci/docker-compose-test.yml"],
  ])("%s by its name, whatever it holds", (path) => {
    expect(kindOf(path, "version: '3'\n")).toBe("compose");
  });

  it("other YAML by a top-level services mapping", () => {
    expect(kindOf("stack.yml", "# the stack\nservices:\n  web:\n    image: nginx\n")).toBe(
      "compose",
    );
  });

  it("leaves Kubernetes manifests, Helm values and chart templates to the Kubernetes kind", () => {
    expect(kindOf("svc.yaml", "apiVersion: v1\nkind: List\nservices:\n  a: {}\n")).toBe(
      "kubernetes",
    );
    expect(kindOf("chart/values.yaml", "services:\n  web:\n    image: nginx\n")).toBe("kubernetes");
    expect(kindOf("chart/templates/x.yaml", "services:\n  web: {}\n")).toBe("kubernetes");
    expect(kindOf("deploy.yaml", "metadata:\n  services:\n    a: 1\n")).toBe("kubernetes");
  });

  it("may read any YAML file before its text is known, and no other file", () => {
    expect(claimsCompose("deploy/stack.yaml")).toBe(true);
    expect(claimsCompose("Dockerfile")).toBe(false);
    expect(claimsCompose("compose.json")).toBe(false);
  });
});

describe("semantic identity", () => {
  it("reordering services and restyling introduces nothing; a new setting does", () => {
    const same = diff([{ path: "compose.yaml", base: RUNNER, head: REORDERED }]);
    expect(same.introduced).toEqual([]);
    expect(same.existing.map((f) => f.ruleId)).toEqual([
      "container-host-mounts",
      "container-privileged",
    ]);
    const more = diff([
      {
        path: "compose.yaml",
        base: RUNNER,
        head: REORDERED.replace("    privileged: true\n", "    privileged: true\n    pid: host\n"),
      },
    ]);
    expect(more.introduced.map((f) => `${f.line} ${f.ruleId} ${f.field}`)).toEqual([
      "5 container-host-namespaces services.runner.pid",
    ]);
  });

  it("renaming the file introduces nothing", () => {
    const renamed = diff([
      {
        path: "deploy/compose.yaml",
        previousPath: "docker-compose.yml",
        base: RUNNER,
        head: RUNNER,
      },
    ]);
    expect(renamed.introduced).toEqual([]);
    expect(renamed.existing).toHaveLength(2);
  });

  it("the same setting on another service is new", () => {
    const head = RUNNER.replace(
      "    image: nginx:1.27\n",
      "    image: nginx:1.27\n    privileged: true\n",
    );
    const result = diff([{ path: "compose.yaml", base: RUNNER, head }]);
    expect(result.introduced.map((f) => `${f.container} ${f.ruleId}`)).toEqual([
      "web container-privileged",
    ]);
  });
});

describe("inline exceptions", () => {
  const excepted = RUNNER.replace(
    "    volumes:\n      - /var/run/docker.sock",
    "    volumes:\n      # privilege-guard: allow container-host-mounts -- the runner starts job containers on this dedicated host\n      - /var/run/docker.sock",
  ).replace(
    "    privileged: true\n",
    "    # privilege-guard: allow privileged -- Docker-in-Docker for the CI jobs\n    privileged: true\n",
  );

  it("a comment on the line above the setting, by rule id or PSS control id", () => {
    const findings = scan([{ path: "compose.yaml", text: excepted }])[0]?.findings ?? [];
    expect(findings.map((f) => [f.ruleId, f.annotatedException])).toEqual([
      ["container-privileged", "Docker-in-Docker for the CI jobs"],
      ["container-host-mounts", "the runner starts job containers on this dedicated host"],
    ]);
  });

  it("no reason, another rule, a trailing comment or a comment two lines up accept nothing", () => {
    const texts = [
      RUNNER.replace(
        "    privileged: true\n",
        "    # privilege-guard: allow privileged\n    privileged: true\n",
      ),
      RUNNER.replace(
        "    privileged: true\n",
        "    # privilege-guard: allow privileged --   \n    privileged: true\n",
      ),
      RUNNER.replace(
        "    privileged: true\n",
        "    # privilege-guard: allow hostNamespaces -- no\n    privileged: true\n",
      ),
      RUNNER.replace(
        "    privileged: true\n",
        "    privileged: true # privilege-guard: allow privileged -- dind\n",
      ),
      RUNNER.replace(
        "    privileged: true\n",
        "    # privilege-guard: allow privileged -- dind\n\n    privileged: true\n",
      ),
    ];
    for (const text of texts) {
      const findings = scan([{ path: "compose.yaml", text }])[0]?.findings ?? [];
      expect(findings.map((f) => f.annotatedException)).toEqual([null, null]);
    }
  });

  it("is requested in this pull request when the base has none, and can be forbidden", () => {
    const result = diff([{ path: "compose.yaml", base: "services: {}\n", head: excepted }]);
    const { config } = parseConfig("failOn: high\n");
    const outcome = applyExceptions(result.introduced, config, []);
    expect(outcome.reported).toEqual([]);
    expect(outcome.accepted.map((a) => [a.source, a.requestedInThisPr])).toEqual([
      ["annotation", true],
      ["annotation", true],
    ]);
    const base = scan([{ path: "compose.yaml", text: excepted }])[0]?.findings ?? [];
    const kept = applyExceptions(result.introduced, config, base);
    expect(kept.accepted.map((a) => a.requestedInThisPr)).toEqual([false, false]);
    const { config: strict } = parseConfig("allowAnnotationExceptions: false\n");
    expect(applyExceptions(result.introduced, strict, []).reported).toHaveLength(2);
  });

  it("a config exception selects a service", () => {
    const { config, errors } = parseConfig(
      'exceptions:\n  - rule: hostPathVolumes\n    service: "run*"\n    path: compose.yaml\n    reason: CI runner\n',
    );
    expect(errors).toEqual([]);
    const findings = scan([{ path: "compose.yaml", text: RUNNER }])[0]?.findings ?? [];
    const outcome = applyExceptions(findings, config, []);
    expect(outcome.accepted.map((a) => a.finding.ruleId)).toEqual(["container-host-mounts"]);
    const { config: other } = parseConfig(
      "exceptions:\n  - rule: hostPathVolumes\n    service: web\n    reason: no\n",
    );
    expect(applyExceptions(findings, other, []).accepted).toEqual([]);
  });
});

describe("bad input", () => {
  it("a syntax error is a problem with its line, never a silent pass", () => {
    const [result] = scan([
      { path: "compose.yaml", text: "services:\n  web:\n    image: [nginx\n" },
    ]);
    expect(result?.problems.map((p) => [p.code, p.line])).toEqual([["parse-error", 4]]);
  });

  it("services that are not a mapping, or odd values, are read without a crash", () => {
    for (const text of [
      "services: [a, b]\n",
      "services:\n  web: nginx\n",
      "services:\n  web:\n    privileged: [true]\n    cap_add: SYS_ADMIN\n    volumes: {a: b}\n",
      "services:\n  a:\n    extends: b\n  b:\n    extends: a\n    privileged: true\n",
      "",
    ]) {
      const [result] = scan([{ path: "compose.yaml", text }]);
      expect(result?.problems).toEqual([]);
    }
  });

  it("an extends cycle is read once around", () => {
    const [result] = scan([
      {
        path: "compose.yaml",
        text: "services:\n  a:\n    extends: b\n  b:\n    extends: a\n    privileged: true\n",
      },
    ]);
    expect(result?.findings.map((f) => f.container)).toEqual(["a", "b"]);
  });
});

describe("extends of a service in another file", () => {
  const COMMON = `services:
  privileged-base:
    image: docker:27-dind
    privileged: true
    cap_add: [SYS_ADMIN]
  plain-base:
    image: nginx:1.27
`;
  const extending = (service: string, file = "common.yml") => `services:
  web:
    image: nginx:1.27
    extends:
      file: ${file}
      service: ${service}
`;

  it("lends the base's settings to the service, reported at its extends, naming where they are written", () => {
    const [common, compose] = scan([
      { path: "deploy/common.yml", text: COMMON },
      { path: "deploy/compose.yaml", text: extending("privileged-base") },
    ]);
    expect(common?.findings.map((f) => [f.ruleId, f.container, f.line])).toEqual([
      ["container-privileged", "privileged-base", 4],
      ["container-capabilities", "privileged-base", 5],
    ]);
    const web = compose?.findings ?? [];
    expect(web.map((f) => [f.ruleId, f.container, f.line, f.endLine])).toEqual([
      ["container-privileged", "web", 4, 6],
      ["container-capabilities", "web", 4, 6],
    ]);
    for (const f of web) {
      expect(f.message).toContain(
        "inherited through `extends` from service `privileged-base` of `deploy/common.yml`",
      );
      // The setting is written in the other file: the fix belongs there, not here.
      expect(f.fix).toBeUndefined();
    }
    expect(web[0]?.identity).toBe(
      "deploy/compose.yaml#services.web>privileged>container-privileged",
    );
  });

  it("keeps what the service sets itself over the base's single values", () => {
    const text = `${extending("privileged-base")}    privileged: false\n`;
    const [, compose] = scan([
      { path: "deploy/common.yml", text: COMMON },
      { path: "deploy/compose.yaml", text },
    ]);
    expect(compose?.findings.map((f) => f.ruleId)).toEqual(["container-capabilities"]);
  });

  it("is newly introduced by a change that adds the extends, and only then", () => {
    const before = extending("plain-base");
    const after = extending("privileged-base");
    const result = diff([
      { path: "deploy/common.yml", base: COMMON, head: COMMON },
      { path: "deploy/compose.yaml", base: before, head: after },
    ]);
    expect(result.introduced.map((f) => [f.path, f.ruleId, f.container])).toEqual([
      ["deploy/compose.yaml", "container-privileged", "web"],
      ["deploy/compose.yaml", "container-capabilities", "web"],
    ]);
    const unchanged = diff([
      { path: "deploy/common.yml", base: COMMON, head: COMMON },
      { path: "deploy/compose.yaml", base: after, head: after },
    ]);
    expect(unchanged.introduced).toEqual([]);
  });

  it("lends nothing when the file is not at hand, leaves the repository or has no such service", () => {
    for (const text of [
      extending("privileged-base", "missing.yml"),
      extending("privileged-base", "/etc/common.yml"),
      extending("privileged-base", "../../common.yml"),
      extending("no-such-service"),
    ]) {
      const [, compose] = scan([
        { path: "deploy/common.yml", text: COMMON },
        { path: "deploy/compose.yaml", text },
      ]);
      expect([text, compose?.findings, compose?.problems]).toEqual([text, [], []]);
    }
  });

  it("follows a chain across files and cuts a cycle across files", () => {
    const chain = scan([
      { path: "a.yml", text: "services:\n  a:\n    extends: {file: b.yml, service: b}\n" },
      { path: "b.yml", text: "services:\n  b:\n    extends: {file: c.yml, service: c}\n" },
      { path: "c.yml", text: "services:\n  c:\n    pid: host\n" },
    ]);
    expect(chain.map((r) => r.findings.map((f) => [f.container, f.ruleId]))).toEqual([
      [["a", "container-host-namespaces"]],
      [["b", "container-host-namespaces"]],
      [["c", "container-host-namespaces"]],
    ]);
    const cycle = scan([
      {
        path: "a.yml",
        text: "services:\n  a:\n    extends: {file: b.yml, service: b}\n    pid: host\n",
      },
      { path: "b.yml", text: "services:\n  b:\n    extends: {file: a.yml, service: a}\n" },
    ]);
    expect(cycle.map((r) => [r.problems, r.findings.map((f) => f.container)])).toEqual([
      [[], ["a"]],
      [[], ["b"]],
    ]);
  });
});
