/**
 * Fixed documents read by grafting the lines a fix writes into the parsed original
 * (src/kubernetes/verify-graft.ts): every scan gives exactly what parsing each fixed document
 * whole gives, and the graft is refused wherever it could read differently.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { isScalar, parseDocument, visit } from "yaml";
import { scan } from "../../src/catalogue/index.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { ScanMemo } from "../../src/core/scan-memo.js";
import type { Level, SourceFile } from "../../src/core/types.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { graftedDocs } from "../../src/kubernetes/verify-graft.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";
import { parseChunk } from "../../src/yaml/parse-stream.js";
import { splitDocuments } from "../../src/yaml/split-documents.js";
import { templateChunks } from "../../src/yaml/template-chunks.js";
import { manifest } from "../property/manifests.js";
import { render, style } from "../property/render.js";
import { FIXTURES, filesUnder } from "../support/fixture-files.js";

const GRAFTED = [kubernetesKind(KUBERNETES_RULES)];
const WHOLE = [kubernetesKind(KUBERNETES_RULES, { graftVerification: false })];
function read(dir: string): SourceFile[] {
  const root = join(FIXTURES, dir);
  return filesUnder(root).map((path) => ({
    path: relative(root, path),
    text: readFileSync(path, "utf8"),
  }));
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: registry.example.com/app:1
      volumeMounts:
        - name: tmp
          mountPath: /tmp
      # the sidecar follows
    - name: sidecar
      image: registry.example.com/sidecar:1
  volumes:
    - name: tmp
      emptyDir: {}
`;

/** The fixed document read by the graft, as plain data; null when the graft is refused. */
function grafted(
  text: string,
  from: string,
  replacement: string,
  template = false,
  memo: ScanMemo | null = null,
) {
  const chunks = template ? templateChunks(text) : splitDocuments(text);
  const chunk = Array.isArray(chunks) ? chunks[0] : undefined;
  if (!chunk) throw new Error("no chunk");
  const { docs } = parseChunk(chunk, DEFAULT_LIMITS);
  const start = text.indexOf(from);
  const edit = { from: start, to: start + from.length, replacement };
  const result = graftedDocs(docs, chunk, edit, DEFAULT_LIMITS, memo);
  if (!result) return null;
  return {
    doc: result.docs[0],
    objects: result.docs.map((d) => d.doc.toJS()),
    problems: result.problems.map((p) => p.message),
    whole: parseDocument(text.slice(0, start) + replacement + text.slice(start + from.length), {
      version: "1.1",
    }).toJS(),
  };
}

describe("fix verification by graft", () => {
  it.each(["baseline", "restricted"] as const)(
    "offers exactly the fixes a whole re-scan offers, on generated manifests in every style (%s)",
    (level: Level) => {
      let fixes = 0;
      fc.assert(
        fc.property(manifest, style, (docs, s) => {
          const files = [{ path: "m.yaml", text: render(docs, s) }];
          const graft = scan(files, { level }, GRAFTED);
          expect(graft).toEqual(scan(files, { level }, WHOLE));
          fixes += graft.flatMap((r) => r.findings).filter((f) => f.fix).length;
        }),
        { numRuns: 100 },
      );
      expect(fixes).toBeGreaterThan(50);
    },
    120_000,
  );

  it("offers exactly the fixes a whole re-scan offers, on real manifests and charts and on PSA's fixtures", () => {
    const realworld = [...read("realworld/manifests"), ...read("realworld/charts")];
    const charts = realworld
      .filter((f) => f.path.endsWith("/Chart.yaml"))
      .map((f) => dirname(f.path));
    const psa = read("psa");
    for (const level of ["baseline", "restricted"] as const) {
      for (const [files, options] of [
        [realworld, { level, charts }],
        [psa, { level }],
      ] as const) {
        const graft = scan(files, options, GRAFTED);
        // Enough fixes to compare: 9 on the real-world files at baseline, where most of what
        // they set their workloads need.
        expect(graft.flatMap((r) => r.findings).filter((f) => f.fix).length).toBeGreaterThan(5);
        expect(graft).toEqual(scan(files, options, WHOLE));
      }
    }
  }, 120_000);

  it("reads a setting added after a nested block as parsing the fixed text whole reads it", () => {
    // The fix rewrites the block's last line unchanged and adds the container's securityContext.
    const read = grafted(
      POD,
      "          mountPath: /tmp\n",
      "          mountPath: /tmp\n      securityContext:\n        allowPrivilegeEscalation: false\n",
    );
    expect(read).not.toBeNull();
    expect(read?.objects).toEqual([read?.whole]);
    expect(read?.problems).toEqual([]);
    // Replacing entries, and adding one at the pod's level after its last list.
    const replaced = grafted(
      POD,
      "      image: registry.example.com/sidecar:1\n",
      "      image: registry.example.com/sidecar:2\n      securityContext: {privileged: false}\n",
    );
    expect(replaced?.objects).toEqual([replaced?.whole]);
    const podLevel = grafted(
      POD,
      "      emptyDir: {}\n",
      "      emptyDir: {}\n  securityContext:\n    runAsNonRoot: true\n",
    );
    expect(podLevel?.objects).toEqual([podLevel?.whole]);
    // After the first entry of a sequence item: the `- ` line is written unchanged.
    const itemStart = grafted(
      POD,
      "    - name: sidecar\n",
      "    - name: sidecar\n      securityContext: {}\n",
    );
    expect(itemStart?.objects).toEqual([itemStart?.whole]);
  });

  it("sees a key the fix sets twice, as parsing whole does", () => {
    const read = grafted(
      POD,
      "      image: registry.example.com/app:1\n",
      "      image: registry.example.com/app:1\n      name: again\n",
    );
    expect(read?.problems).toEqual([expect.stringContaining("`name` is set twice")]);
  });

  it("is refused where the lines could read differently in place", () => {
    const cases: [string, string][] = [
      // A line holding a sequence entry's `- `, changed.
      ["    - name: sidecar\n", "    - name: helper\n"],
      // Lines at no mapping's indentation, or not a mapping.
      ["      emptyDir: {}\n", "      emptyDir: {}\n     odd: 1\n"],
      ["      emptyDir: {}\n", "      emptyDir: {}\n    - name: more\n"],
      // An alias, a document marker, a directive.
      ["      emptyDir: {}\n", "      emptyDir: {}\n      medium: *x\n"],
      ["      emptyDir: {}\n", "      emptyDir: {}\n---\n"],
      // Part of a line.
      ["image: registry.example.com/app:1\n", "image: x\n"],
    ];
    for (const [from, replacement] of cases) expect(grafted(POD, from, replacement)).toBeNull();
    expect(
      grafted(
        `${POD}  hostNetwork: {{ .Values.host }}\n`,
        "      emptyDir: {}\n",
        "      emptyDir: {}\n      medium: Memory\n",
        true,
      ),
    ).toBeNull();
  });

  it("shares with the fixed document what was derived from the original's content, and only that", () => {
    const chunk = splitDocuments(POD)[0];
    if (!chunk) throw new Error("no chunk");
    const [doc] = parseChunk(chunk, DEFAULT_LIMITS).docs;
    if (!doc) throw new Error("no document");
    let computed = 0;
    const derive = () => ++computed;
    expect(doc.derived("facts a", derive)).toBe(1);
    expect(doc.derived("facts a", derive)).toBe(1);
    const start = POD.indexOf("      # the sidecar");
    const edit = {
      from: start,
      to: start,
      replacement: "      securityContext:\n        allowPrivilegeEscalation: false\n",
    };
    const fixed = graftedDocs([doc], chunk, edit, DEFAULT_LIMITS)?.docs[0];
    expect(fixed).toBeDefined();
    expect(fixed?.derived("facts a", derive)).toBe(1);
    expect(fixed?.derived("facts b", derive)).toBe(2);
    expect(computed).toBe(2);
    // A document parsed on its own derives everything anew.
    const [again] = parseChunk(chunk, DEFAULT_LIMITS).docs;
    expect(again?.derived("facts a", derive)).toBe(3);
  });

  it("reads the same new lines once per scan, each graft with nodes of its own where it stands", () => {
    const memo = new ScanMemo();
    const lines = "      securityContext:\n        allowPrivilegeEscalation: false\n";
    const after = ["          mountPath: /tmp\n", "      image: registry.example.com/sidecar:1\n"];
    const reads = after.map((from) => grafted(POD, from, from + lines, false, memo));
    const again = grafted(POD, after[0] ?? "", (after[0] ?? "") + lines, false, memo);
    for (const read of [...reads, again]) {
      expect(read).not.toBeNull();
      expect(read?.objects).toEqual([read?.whole]);
    }
    // Each graft's new key stands at its own offset, in nodes of its own.
    const keysOf = (read: typeof again) => {
      const found: { node: unknown; start: number }[] = [];
      visit(read?.doc?.doc ?? null, {
        Pair: (_, pair) => {
          if (isScalar(pair.key) && pair.key.value === "allowPrivilegeEscalation")
            found.push({ node: pair.key, start: pair.key.range?.[0] ?? -1 });
        },
      });
      return found;
    };
    const [first, second, third] = [...reads, again].map(keysOf);
    const column = lines.indexOf("allowPrivilegeEscalation");
    expect(first?.[0]?.start).toBe(POD.indexOf(after[0] ?? "") + (after[0] ?? "").length + column);
    expect(second?.[0]?.start).toBe(POD.indexOf(after[1] ?? "") + (after[1] ?? "").length + column);
    expect(third?.[0]?.start).toBe(first?.[0]?.start);
    expect(third?.[0]?.node).not.toBe(first?.[0]?.node);
  });
});
