import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse.js";
import { defaultConfig } from "../../src/config/schema.js";
import { applyExceptions } from "../../src/evaluation/exceptions.js";
import { selectsPath } from "../../src/evaluation/evaluate-change.js";
import { isIncluded } from "../../src/evaluation/include.js";
import {
  byRule,
  change,
  HOST_NAMESPACES_POD,
  PRIVILEGED,
  tcpdumpDeployment,
} from "../diff/scenarios.js";

const PATH = "deploy/netops/sniffer.yaml";

function configOf(text: string) {
  const { config, errors } = parseConfig(text);
  expect(errors).toEqual([]);
  return config;
}

/** The sniffer Deployment with an exception annotation on its metadata. */
function annotated(reason: string, securityContext = PRIVILEGED): string {
  return tcpdumpDeployment(securityContext).replace(
    "  labels:\n    app: sniffer\nspec:",
    `  labels:\n    app: sniffer\n  annotations:\n    privilege-guard.io/allow-privileged: ${JSON.stringify(reason)}\nspec:`,
  );
}

describe("applyExceptions with config exceptions", () => {
  const c = change([
    { path: PATH, base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) },
    { path: "deploy/ops/debug.yaml", head: HOST_NAMESPACES_POD },
  ]);
  const privileged = byRule(c.result.introduced, "privileged");

  it("accepts a finding every selector of an exception matches", () => {
    const config = configOf(`exceptions:
  - rule: privileged
    reason: The network team captures node traffic with it.
    namespace: netops
    kind: deployment
    name: "sniff*"
    container: tcpdump
    path: "deploy/**"
`);
    const { reported, accepted } = applyExceptions(c.result.introduced, config, []);
    expect(accepted).toEqual([
      {
        finding: privileged,
        reason: "The network team captures node traffic with it.",
        source: "config",
        requestedInThisPr: false,
      },
    ]);
    expect(reported).toEqual(c.result.introduced.filter((f) => f !== privileged));
  });

  it.each([
    ["namespace", "namespace: default"],
    ["kind", "kind: DaemonSet"],
    ["name", "name: sniffer-*"],
    ["container", "container: app"],
    ["path", 'path: "charts/**"'],
  ])("does not accept it when the %s selector differs", (_, selector) => {
    const config = configOf(`exceptions:\n  - rule: privileged\n    reason: r\n    ${selector}\n`);
    const { reported, accepted } = applyExceptions(c.result.introduced, config, []);
    expect(accepted).toEqual([]);
    expect(reported).toEqual(c.result.introduced);
  });

  it("names the rule by its rule id or its PSS control id", () => {
    const byPss = configOf(
      "exceptions:\n  - rule: hostNamespaces\n    reason: node debugging\n    namespace: ops\n",
    );
    const { accepted } = applyExceptions(c.result.introduced, byPss, []);
    expect(accepted.map((a) => a.finding.ruleId)).toEqual(["host-namespaces", "host-namespaces"]);
    const byId = configOf("exceptions:\n  - rule: host-namespaces\n    reason: node debugging\n");
    expect(applyExceptions(c.result.introduced, byId, []).accepted).toHaveLength(2);
  });

  it("never lets a container selector match a pod-level finding", () => {
    const config = configOf(
      'exceptions:\n  - rule: host-namespaces\n    reason: r\n    container: "*"\n',
    );
    expect(applyExceptions(c.result.introduced, config, []).accepted).toEqual([]);
  });
});

describe("applyExceptions with annotation exceptions", () => {
  const reason = "captures node traffic for the network team";

  it("accepts an annotated finding and flags an exception requested in this PR", () => {
    const c = change([{ path: PATH, base: tcpdumpDeployment(), head: annotated(reason) }]);
    const finding = byRule(c.result.introduced, "privileged");
    expect(finding.annotatedException).toBe(reason);
    const { reported, accepted } = applyExceptions(
      c.result.introduced,
      defaultConfig(),
      c.result.base,
    );
    expect(reported).toEqual([]);
    expect(accepted).toEqual([{ finding, reason, source: "annotation", requestedInThisPr: true }]);
  });

  it("does not flag an exception already on the base branch for that object and rule", () => {
    // Base: the annotated Deployment with one privileged container; head adds a second one.
    const two = `${PRIVILEGED}        - name: tcpdump-2
          image: corfr/tcpdump:4.9
          command: ["tcpdump", "-i", "eth1"]
          securityContext:
            privileged: true
`;
    const baseText = annotated(reason);
    const c = change([{ path: PATH, base: baseText, head: annotated(reason, two) }]);
    const finding = byRule(c.result.introduced, "privileged");
    expect(finding.container).toBe("tcpdump-2");
    const { accepted } = applyExceptions(c.result.introduced, defaultConfig(), c.result.base);
    expect(accepted).toEqual([{ finding, reason, source: "annotation", requestedInThisPr: false }]);
  });

  it("flags a changed reason as requested in this PR", () => {
    const two = `${PRIVILEGED}        - name: tcpdump-2\n          image: busybox\n          securityContext:\n            privileged: true\n`;
    const baseText = annotated("old reason");
    const c = change([{ path: PATH, base: baseText, head: annotated(reason, two) }]);
    const { accepted } = applyExceptions(c.result.introduced, defaultConfig(), c.result.base);
    expect(accepted.map((a) => a.requestedInThisPr)).toEqual([true]);
  });

  it("reports annotated findings when the config forbids annotation exceptions", () => {
    const c = change([{ path: PATH, base: tcpdumpDeployment(), head: annotated(reason) }]);
    const config = configOf("allowAnnotationExceptions: false\n");
    const { reported, accepted } = applyExceptions(c.result.introduced, config, []);
    expect(accepted).toEqual([]);
    expect(reported).toEqual(c.result.introduced);
  });

  it("prefers a config exception over the annotation", () => {
    const c = change([{ path: PATH, base: tcpdumpDeployment(), head: annotated(reason) }]);
    const config = configOf("exceptions:\n  - rule: privileged\n    reason: approved in SEC-42\n");
    const { accepted } = applyExceptions(c.result.introduced, config, []);
    expect(accepted.map((a) => [a.source, a.reason])).toEqual([["config", "approved in SEC-42"]]);
  });
});

describe("isIncluded", () => {
  it("includes every path by default, dot directories too: the file kinds decide what is read", () => {
    const config = defaultConfig();
    for (const path of ["deploy/app.yaml", "app.yml", ".github/k8s/ci-pod.yaml", "Makefile"])
      expect(isIncluded(path, config)).toBe(true);
    expect(selectsPath("deploy/app.yaml", config)).toBe(true);
    expect(selectsPath("README.md", config)).toBe(false);
    expect(selectsPath("deploy/app.yaml.orig", config)).toBe(false);
  });

  it("applies include and exclude globs", () => {
    const config = configOf(
      'paths:\n  include: ["deploy/**/*.yaml"]\n  exclude: ["deploy/test/**"]\n',
    );
    expect(isIncluded("deploy/prod/app.yaml", config)).toBe(true);
    expect(isIncluded("deploy/test/app.yaml", config)).toBe(false);
    expect(isIncluded("charts/app.yaml", config)).toBe(false);
  });
});

describe("exceptions for the Pod Security policy rules", () => {
  const namespace = (level: string, annotation = "") =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-flannel\n${annotation}  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;
  const allow = (rule: string, reason: string) =>
    `  annotations:\n    privilege-guard.io/allow-${rule}: ${JSON.stringify(reason)}\n`;
  const admission = (namespaces: string) =>
    `apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\nexemptions:\n  namespaces: [${namespaces}]\n`;

  it("a config exception selects a Namespace by kind and name, and an admission file by path", () => {
    const c = change([
      { path: "ns/flannel.yaml", base: namespace("baseline"), head: namespace("privileged") },
      {
        path: "cluster/psa.yaml",
        base: admission("kube-system"),
        head: admission("kube-system, ci"),
      },
    ]);
    expect(c.result.introduced.map((f) => f.ruleId)).toEqual([
      "pod-security-enforce-privileged",
      "pod-security-exemption",
    ]);
    const config = configOf(`exceptions:
  - rule: pod-security-enforce-privileged
    kind: namespace
    name: kube-flannel
    reason: Holds only the flannel CNI agent.
  - rule: pod-security-exemption
    path: "cluster/*.yaml"
    reason: CI runners build images with privileged pods on dedicated nodes.
`);
    const { reported, accepted } = applyExceptions(c.result.introduced, config, c.result.base);
    expect(reported).toEqual([]);
    expect(accepted.map((a) => [a.finding.ruleId, a.source])).toEqual([
      ["pod-security-enforce-privileged", "config"],
      ["pod-security-exemption", "config"],
    ]);
    const other = configOf(
      "exceptions:\n  - rule: pod-security-enforce-privileged\n    kind: Namespace\n    name: other\n    reason: r\n",
    );
    expect(applyExceptions(c.result.introduced, other, []).accepted).toEqual([]);
  });

  it("an annotation on the Namespace excuses its lowered level, requested in this PR", () => {
    const reason = "the payments team runs its legacy images as root until Q3";
    const c = change([
      {
        path: "ns/payments.yaml",
        base: namespace("restricted"),
        head: namespace("baseline", allow("pod-security-enforce-lowered", reason)),
      },
    ]);
    const finding = byRule(c.result.introduced, "pod-security-enforce-lowered");
    expect(finding.annotatedException).toBe(reason);
    const { reported, accepted } = applyExceptions(
      c.result.introduced,
      defaultConfig(),
      c.result.base,
    );
    expect(reported).toEqual([]);
    expect(accepted).toEqual([{ finding, reason, source: "annotation", requestedInThisPr: true }]);
  });

  it("an annotation already on the base branch's Namespace was reviewed there", () => {
    const reason = "the payments team may lower it to baseline while migrating";
    const annotation = allow("pod-security-enforce-lowered", reason);
    const c = change([
      {
        path: "ns/payments.yaml",
        base: namespace("restricted", annotation),
        head: namespace("baseline", annotation),
      },
    ]);
    const finding = byRule(c.result.introduced, "pod-security-enforce-lowered");
    const { accepted } = applyExceptions(c.result.introduced, defaultConfig(), c.result.base);
    expect(accepted).toEqual([{ finding, reason, source: "annotation", requestedInThisPr: false }]);
  });
});
