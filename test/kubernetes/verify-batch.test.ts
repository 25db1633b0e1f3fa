/**
 * Fix verification of a `List`'s items each on its own (src/kubernetes/verify-batch.ts): every
 * fix offered, refused or withheld exactly as verifying it on the whole List would, and no fix
 * dropped for the file's verification budget on a large List.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseAllDocuments, stringify } from "yaml";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { Finding, Level } from "../../src/core/types.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { POD_TEMPLATE_PATHS } from "../../src/kubernetes/workload-kinds.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { expectAcceptedLocalFix } from "../support/accepted-fix.js";

const BATCHED = [kubernetesKind(KUBERNETES_RULES)];
const ALONE = [kubernetesKind(KUBERNETES_RULES, { batchVerification: false })];
/** A budget no scan here reaches: what verification offers when nothing is dropped for it. */
const UNBOUNDED = 1000;

function findingsOf(text: string, level: Level, kinds = BATCHED, maxFixScanFactor = 4): Finding[] {
  const [result] = scan(
    [{ path: "list.yaml", text }],
    { level, limits: { maxFixScanFactor } },
    kinds,
  );
  expect(result?.problems).toEqual([]);
  return [...(result?.findings ?? [])];
}

/** A privileged node agent, varied: host network, privilege escalation, root, a hostPath. */
function agent(i: number): string {
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    `  name: agent-${i}`,
    "  namespace: ops",
    "spec:",
    `  hostNetwork: ${i % 3 === 0}`,
    "  containers:",
    "    - name: agent",
    `      image: registry.example.com/agent:1.${i}`,
    "      securityContext:",
    "        privileged: true",
    i % 2 ? "        allowPrivilegeEscalation: true" : "        runAsUser: 0",
    "      volumeMounts:",
    "        - name: data",
    "          mountPath: /data",
    "  volumes:",
    "    - name: data",
    i % 5 === 0 ? "      hostPath: {path: /var/lib/agent}" : "      emptyDir: {}",
    "",
  ].join("\n");
}

/**
 * A pod of two containers with a long environment each: hardened for the restricted level but
 * for `allowPrivilegeEscalation`, or (`bare`) with no security context at all, so that at
 * restricted each of its containers gets several fixes.
 */
function service(i: number, bare: boolean): string {
  const container = (name: string) => [
    `    - name: ${name}`,
    `      image: registry.example.com/${name}:2.${i}`,
    ...(bare ? [] : ["      securityContext:", "        capabilities:", "          drop: [ALL]"]),
    "      env:",
    ...Array.from({ length: 12 }, (_, k) => [
      `        - name: SETTING_${k}`,
      `          value: "value-${i}-${k}-of-the-service-configuration"`,
    ]).flat(),
  ];
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    `  name: service-${i}`,
    "  namespace: shop",
    "spec:",
    ...(bare
      ? []
      : [
          "  securityContext:",
          "    runAsNonRoot: true",
          "    seccompProfile:",
          "      type: RuntimeDefault",
        ]),
    "  containers:",
    ...container("api"),
    ...container("worker"),
    "",
  ].join("\n");
}

/** Documents as the items of one `List`, each item's lines as written, indented under `- `. */
function asList(docs: readonly string[]): string {
  const item = (doc: string) =>
    doc
      .trimEnd()
      .split("\n")
      .map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))
      .join("\n");
  return `apiVersion: v1\nkind: List\nitems:\n${docs.map(item).join("\n")}\n`;
}

/** What a finding's verification decided, whatever lines the object stands on. */
const verdict = (f: Finding) => ({
  identity: f.identity,
  fixed: f.fix !== undefined,
  description: f.fix?.description,
  remediation: f.remediation,
});

describe("fix verification of a List's items, each on its own", () => {
  for (const level of ["baseline", "restricted"] as const) {
    it(`a 400-item List of privileged pods gets every fix the same pods get as documents (${level})`, () => {
      const pods = Array.from({ length: 400 }, (_, i) => agent(i));
      const text = asList(pods);
      const list = findingsOf(text, level);
      const documents = findingsOf(pods.join("---\n"), level);
      expect(list.map(verdict)).toEqual(documents.map(verdict));
      const fixes = list.filter((f) => f.fix);
      // Every pod's privileged finding is fixed; nothing was dropped for the budget.
      expect(list.filter((f) => f.ruleId === "privileged" && f.fix)).toHaveLength(400);
      expect(fixes.length).toBeGreaterThan(500);
      // Applied alone to the List, a sample of the fixes is accepted and local.
      const index = new LineIndex(text);
      for (const f of fixes.filter((_, i) => i % 97 === 0)) {
        if (!f.fix) continue;
        expectAcceptedLocalFix(text, applyLineFix(text, index, f.fix));
      }
    }, 120_000);
  }

  it("drops no fix for the budget on a 400-item List with a few items of many fixes", () => {
    // Two fixes in most items, six in every 40th: re-scanning the whole List once for each fix
    // an item holds would cost more than the file's budget; each item re-scanned alone does not.
    const pods = Array.from({ length: 400 }, (_, i) => service(i, i % 40 === 0));
    const text = asList(pods);
    expect(text.length).toBeGreaterThan(500_000);
    const list = findingsOf(text, "restricted");
    const perItem = (name: string) => list.filter((f) => f.fix && f.resource?.name === name).length;
    expect([perItem("service-0"), perItem("service-1")]).toEqual([6, 2]);
    expect(list.map(verdict)).toEqual(
      findingsOf(text, "restricted", BATCHED, UNBOUNDED).map(verdict),
    );
    expect(list.map(verdict)).toEqual(findingsOf(pods.join("---\n"), "restricted").map(verdict));
  }, 120_000);

  it("never verifies two fixes of one pod together: each alone is sound, together they clash", () => {
    // Two fixes of a container without a security context each add the block on the same line.
    // Applied together they set `securityContext` twice, which kubectl rejects: a round holding
    // both would refuse fixes that are sound alone. Each fix is verified alone.
    const bare = (name: string) =>
      [
        "apiVersion: v1",
        "kind: Pod",
        `metadata: {name: ${name}, namespace: ops}`,
        "spec:",
        "  containers:",
        "    - name: app",
        "      image: registry.example.com/app:1",
        "",
      ].join("\n");
    const pods = [agent(0), bare("bare"), agent(2)];
    const text = asList(pods);
    const list = findingsOf(text, "restricted");
    const of = (rule: string) =>
      list.find((f) => f.resource?.name === "bare" && f.ruleId === rule)?.fix;
    const escalation = of("allow-privilege-escalation");
    const capabilities = of("capabilities-restricted");
    if (!escalation || !capabilities) throw new Error("both fixes are offered");
    expect([escalation.line, escalation.endLine]).toEqual([
      capabilities.line,
      capabilities.endLine,
    ]);
    const index = new LineIndex(text);
    for (const fix of [escalation, capabilities])
      expectAcceptedLocalFix(text, applyLineFix(text, index, fix));
    const [, ...added] = capabilities.text.split("\n");
    const both = applyLineFix(text, index, {
      ...escalation,
      text: escalation.text + added.join("\n"),
    });
    const [together] = scan([{ path: "list.yaml", text: both }], { level: "restricted" }, BATCHED);
    expect(together?.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("`securityContext` is set twice"),
    ]);
    // The List's verdicts are those of each pod verified on its own.
    expect(list.map(verdict)).toEqual(findingsOf(pods.join("---\n"), "restricted").map(verdict));
  });

  it("offers exactly the fixes verification alone offers, on real workloads packed in a List", () => {
    const dir = new URL("../fixtures/realworld/manifests/", import.meta.url);
    const workloads = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .flatMap((f) =>
        parseAllDocuments(readFileSync(new URL(f, dir), "utf8"), { version: "1.1" })
          .flatMap((d) => ("toJS" in d ? [d.toJS() as unknown] : []))
          .filter((o): o is { kind: string } => {
            const kind = (o as { kind?: unknown } | null)?.kind;
            return typeof kind === "string" && kind in POD_TEMPLATE_PATHS;
          }),
      );
    expect(workloads.length).toBeGreaterThan(20);
    const text = stringify({ apiVersion: "v1", kind: "List", items: workloads });
    for (const level of ["baseline", "restricted"] as const) {
      const batched = findingsOf(text, level, BATCHED, UNBOUNDED);
      // Enough fixes to compare: 4 at baseline, where the node agents' loopback probes and what
      // the recognised workloads need are kept without one.
      expect(batched.filter((f) => f.fix).length).toBeGreaterThan(3);
      expect(batched).toEqual(findingsOf(text, level, ALONE, UNBOUNDED));
    }
  }, 300_000);
});
