/**
 * What a change newly introduces: findings are matched by identity (object, field, rule), never by
 * line, across all files of the change.
 */
import { describe, expect, it } from "@jest/globals";
import { diff } from "../../src/catalogue/index.js";
import type { ChangedFile, DiffResult } from "../../src/core/types.js";

const deployment = (name: string, containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  template:
    spec:
      containers:
${containers}`;

const container = (name: string, privileged: boolean, extra = "") =>
  `        - name: ${name}
          image: ${name}:1.0${extra}
          securityContext:
            privileged: ${privileged}
            runAsNonRoot: true
`;

/** Introduced findings as `path:line-endLine ruleId field`, and the counts of the others. */
function summary(result: DiffResult) {
  return {
    introduced: result.introduced.map(
      (f) => `${f.path}:${f.line}-${f.endLine} ${f.ruleId} ${f.field}`,
    ),
    existing: result.existing.length,
    resolved: result.resolved.map((f) => `${f.path}:${f.line} ${f.ruleId}`),
    problems: result.problems,
  };
}

const change = (path: string, base: string | null, head: string | null): ChangedFile => ({
  path,
  base,
  head,
});

const WEB = deployment("web", container("app", true) + container("sidecar", false));

describe("changes that introduce nothing", () => {
  it.each([
    [
      "moving a block within the container",
      deployment(
        "web",
        `        - name: app
          securityContext:
            runAsNonRoot: true
            privileged: true
          image: app:1.0
${container("sidecar", false)}`,
      ),
    ],
    [
      "reordering containers",
      deployment("web", container("sidecar", false) + container("app", true)),
    ],
    [
      "re-indenting (4 spaces, indented sequences)",
      WEB.replace(/^( *)/gm, (m) => m + m).replace(/^( *)- /gm, "$1  - "),
    ],
    [
      "reformatting flow to block style",
      deployment(
        "web",
        "        - {name: app, image: 'app:1.0', securityContext: {privileged: true, runAsNonRoot: true}}\n" +
          "        - {name: sidecar, image: 'sidecar:1.0', securityContext: {privileged: false}}\n",
      ),
    ],
    [
      "spelling true as yes and adding comments",
      WEB.replace("privileged: true", "privileged: yes # needed"),
    ],
    [
      "changing unrelated settings",
      WEB.replace("app:1.0", "app:2.0").replace("shop\n", "shop\n  labels: {a: b}\n"),
    ],
  ])("%s", (_, head) => {
    const result = diff([change("web.yaml", WEB, head)]);
    expect(summary(result)).toEqual({ introduced: [], existing: 1, resolved: [], problems: [] });
  });

  it("reordering documents", () => {
    const other = deployment("api", container("api", true));
    const result = diff([change("all.yaml", `${WEB}---\n${other}`, `${other}---\n${WEB}`)]);
    expect(summary(result)).toEqual({ introduced: [], existing: 2, resolved: [], problems: [] });
  });

  it("renaming a file: a fragment's identity follows previousPath", () => {
    const values = "controller:\n  securityContext:\n    privileged: true\n";
    const renamed = diff([
      {
        path: "charts/new/values.yaml",
        previousPath: "charts/old/values.yaml",
        base: values,
        head: values,
      },
    ]);
    expect(summary(renamed)).toEqual({ introduced: [], existing: 1, resolved: [], problems: [] });
    // Without the rename, the head path is a new fragment: its setting is new there.
    const moved = diff([
      change("charts/old/values.yaml", values, null),
      change("charts/new/values.yaml", null, values),
    ]);
    expect(summary(moved).introduced).toEqual([
      "charts/new/values.yaml:3-3 privileged controller.securityContext.privileged",
    ]);
  });

  it("moving an object to another changed file", () => {
    const api = deployment("api", container("api", true));
    const result = diff([
      change("all.yaml", `${WEB}---\n${api}`, WEB),
      change("api.yaml", null, api),
    ]);
    expect(summary(result)).toEqual({ introduced: [], existing: 2, resolved: [], problems: [] });
  });

  it("a removed file introduces nothing and resolves its findings", () => {
    const result = diff([change("web.yaml", WEB, null)]);
    expect(summary(result)).toEqual({
      introduced: [],
      existing: 0,
      resolved: ["web.yaml:13 privileged"],
      problems: [],
    });
  });
});

describe("changes that introduce findings", () => {
  it("flipping false to true", () => {
    const head = WEB.replace(container("sidecar", false), container("sidecar", true));
    expect(summary(diff([change("web.yaml", WEB, head)])).introduced).toEqual([
      "web.yaml:18-18 privileged spec.template.spec.containers[sidecar].securityContext.privileged",
    ]);
  });

  it("adding a privileged container, with its exact span and a verified fix", () => {
    const head = WEB + container("debug", true, "\n          command: [tcpdump, -i, any]");
    const result = diff([change("web.yaml", WEB, head)]);
    expect(summary(result)).toMatchObject({
      introduced: [
        "web.yaml:24-24 privileged spec.template.spec.containers[debug].securityContext.privileged",
      ],
      existing: 1,
    });
    const [finding] = result.introduced;
    expect([finding?.column, finding?.endColumn]).toEqual([13, 28]);
    expect(finding?.fix).toMatchObject({
      line: 24,
      endLine: 25,
      text: "            runAsNonRoot: true\n            capabilities:\n              add:\n                - NET_RAW\n                - NET_ADMIN\n",
    });
  });

  it("adding a new document with a privileged pod", () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers:\n    - name: d\n      image: busybox\n      securityContext: {privileged: true}\n";
    const result = diff([change("web.yaml", WEB, `${WEB}---\n${pod}`)]);
    expect(summary(result).introduced).toEqual([
      "web.yaml:28-28 privileged spec.containers[d].securityContext.privileged",
    ]);
  });

  it("an added file reports everything in it", () => {
    const result = diff([change("web.yaml", null, WEB)]);
    expect(summary(result)).toEqual({
      introduced: [
        "web.yaml:13-13 privileged spec.template.spec.containers[app].securityContext.privileged",
      ],
      existing: 0,
      resolved: [],
      problems: [],
    });
  });

  it("two identical findings where the base had one: one is introduced, the later one", () => {
    const head = `${WEB}---\n${WEB}`;
    const result = diff([change("web.yaml", WEB, head)]);
    expect(summary(result)).toMatchObject({
      introduced: [
        "web.yaml:33-33 privileged spec.template.spec.containers[app].securityContext.privileged",
      ],
      existing: 1,
    });
    const prints = [...result.existing, ...result.introduced].map((f) => f.fingerprint);
    expect(new Set(prints).size).toBe(2);
  });

  it("adding SYS_ADMIN to an existing capabilities.add list", () => {
    const withAdd = (caps: string) =>
      deployment(
        "web",
        `        - name: app
          image: app:1.0
          securityContext:
            capabilities:
              add:
${caps}`,
      );
    const base = withAdd("                - NET_ADMIN\n");
    const head = withAdd("                - NET_ADMIN\n                - SYS_ADMIN\n");
    const result = diff([change("web.yaml", base, head)]);
    expect(summary(result)).toEqual({
      introduced: [
        "web.yaml:16-16 capabilities-baseline spec.template.spec.containers[app].securityContext.capabilities.add[SYS_ADMIN]",
      ],
      existing: 1,
      resolved: [],
      problems: [],
    });
    expect(result.introduced[0]).toMatchObject({ column: 19, endColumn: 27, severity: "critical" });
  });
});

describe("diff(x, x)", () => {
  it("introduces nothing and resolves nothing, problems of head included", () => {
    const text = `${WEB}---\nsecurityContext: {privileged: [\n`;
    const result = diff([change("web.yaml", text, text)]);
    expect(summary(result)).toEqual({
      introduced: [],
      existing: 1,
      resolved: [],
      problems: [expect.objectContaining({ path: "web.yaml", code: "parse-error", line: 22 })],
    });
  });
});
