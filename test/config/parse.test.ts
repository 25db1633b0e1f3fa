import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse.js";
import { defaultConfig } from "../../src/config/schema.js";

describe("parseConfig", () => {
  const defaults = {
    level: "baseline",
    paths: { include: ["**"], exclude: [] },
    failOn: "high",
    onError: "failure",
    onUnreadable: "failure",
    exceptions: [],
    allowAnnotationExceptions: true,
    exceptionApproval: {
      conclusion: "action_required",
      approvers: { writers: true, teams: [] },
    },
    review: { maxComments: 100 },
  };

  it.each([
    ["no file", null],
    ["an empty file", ""],
    ["only comments", "# Privilege Guard settings\n# (none yet)\n"],
    ["a null document", "~\n"],
    ["whitespace", "\n  \n"],
  ])("%s means the defaults", (_, text) => {
    expect(parseConfig(text)).toEqual({ config: defaults, errors: [], given: [] });
  });

  it("reads every option and fills in the rest", () => {
    const { config, errors } = parseConfig(`level: restricted
failOn: medium
paths:
  exclude: ["charts/**/templates/**"]
exceptions:
  - rule: privileged
    reason: The CNI agent configures the node's network.
    namespace: kube-system
    kind: DaemonSet
    name: "cilium*"
    container: agent
  - rule: hostNamespaces
    reason: node-exporter reads host metrics
    path: "monitoring/**"
allowAnnotationExceptions: false
exceptionApproval:
  conclusion: failure
  approvers:
    writers: false
    teams: [my-org/platform-security]
review:
  maxComments: 250
`);
    expect(errors).toEqual([]);
    expect(config).toEqual({
      level: "restricted",
      failOn: "medium",
      onError: "failure",
      onUnreadable: "failure",
      paths: { include: ["**"], exclude: ["charts/**/templates/**"] },
      exceptions: [
        {
          rule: "privileged",
          reason: "The CNI agent configures the node's network.",
          namespace: "kube-system",
          kind: "DaemonSet",
          name: "cilium*",
          container: "agent",
        },
        {
          rule: "hostNamespaces",
          reason: "node-exporter reads host metrics",
          path: "monitoring/**",
        },
      ],
      allowAnnotationExceptions: false,
      exceptionApproval: {
        conclusion: "failure",
        approvers: { writers: false, teams: ["my-org/platform-security"] },
      },
      review: { maxComments: 250 },
    });
  });

  it("takes review.maxComments from 1 to 1000, a whole number", () => {
    expect(parseConfig("review:\n  maxComments: 1\n").config.review).toEqual({ maxComments: 1 });
    expect(parseConfig("review:\n  maxComments: 1000\n").config.review).toEqual({
      maxComments: 1000,
    });
    for (const bad of ["0", "1001", "2.5", "many"]) {
      const { errors } = parseConfig(`review:\n  maxComments: ${bad}\n`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^review\.maxComments: .* \(line 2\)$/);
    }
  });

  it("rejects a team that is not written org/team-slug", () => {
    const { errors } = parseConfig("exceptionApproval:\n  approvers:\n    teams: [platform]\n");
    expect(errors).toEqual([
      "exceptionApproval.approvers.teams[0]: a team is written `org/team-slug` (line 3)",
    ]);
  });

  it("rejects unknown keys with their path and line", () => {
    const { config, errors } = parseConfig(`level: restricted
paths:
  includes: ["k8s/**"]
exceptions:
  - rule: privileged
    reason: needed
    namespce: kube-system
failon: critical
`);
    expect(errors).toEqual([
      "paths.includes: unknown key (line 3)",
      "exceptions[0].namespce: unknown key (line 7)",
      "failon: unknown key (line 8)",
    ]);
    expect(config).toEqual(defaultConfig());
  });

  it("requires a non-empty reason for every exception", () => {
    const { errors } = parseConfig(`exceptions:
  - rule: privileged
  - rule: privileged
    reason: "   "
`);
    expect(errors).toEqual([
      "exceptions[0].reason: required (line 2)",
      "exceptions[1].reason: a reason is required: say why this workload needs the setting (line 4)",
    ]);
  });

  it("requires the rule to name a real rule id or PSS control id", () => {
    const { errors } = parseConfig(`exceptions:
  - rule: privileged-mode
    reason: typo in the rule
  - rule: capabilities_baseline
    reason: a PSS control id is fine
  - rule: host-namespaces
    reason: a rule id is fine
`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^exceptions\[0\]\.rule: unknown rule "privileged-mode"; expected a rule id or PSS control id: .*\bprivileged\b.*\(line 2\)$/,
    );
  });

  it("reports wrong types and values", () => {
    const { errors } = parseConfig(`level: strict
failOn: 3
allowAnnotationExceptions: "yes"
paths:
  include: k8s/**
`);
    expect(errors).toEqual([
      'level: invalid option: expected one of "baseline"|"restricted" (line 1)',
      "paths.include: invalid input: expected array, received string (line 5)",
      'failOn: invalid option: expected one of "critical"|"high"|"medium"|"low" (line 2)',
      "allowAnnotationExceptions: invalid input: expected boolean, received string (line 3)",
    ]);
  });

  it("explains an empty value instead of guessing what it means", () => {
    const { errors } = parseConfig("exceptions:\n  # - rule: privileged\nlevel:\n");
    expect(errors).toEqual([
      "level: empty value: give a value or remove the key (line 3)",
      "exceptions: empty value (`[]` for an empty list): give a value or remove the key (line 1)",
    ]);
  });

  it("reports a file that is not a mapping", () => {
    expect(parseConfig("- level: baseline\n").errors).toEqual([
      "(root): invalid input: expected object, received array (line 1)",
    ]);
    expect(parseConfig("restricted\n").errors).toEqual([
      "(root): invalid input: expected object, received string (line 1)",
    ]);
  });

  it("reports YAML syntax errors with their line and column", () => {
    const { config, errors } = parseConfig(
      "level: baseline\npaths:\n  include: [k8s/**\nfailOn: high\n",
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^line \d+, column \d+: /);
    expect(config).toEqual(defaultConfig());
    expect(parseConfig("level: baseline\nlevel: restricted\n").errors).toEqual([
      "line 2, column 1: key `level` is set twice",
    ]);
  });

  it("reports more than one document", () => {
    const { errors } = parseConfig("level: baseline\n---\nlevel: restricted\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 2, column 1: .*multiple documents/i);
  });

  it("gives every parse its own default arrays", () => {
    const a = parseConfig(null).config;
    a.paths.include.push("x");
    a.exceptions.push({ rule: "privileged", reason: "x" });
    expect(parseConfig(null).config).toEqual(defaults);
    expect(parseConfig("").config.paths.include).toEqual(["**"]);
  });
});
