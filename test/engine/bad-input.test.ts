/**
 * Bad input is bounded and reported, never thrown: each case gets a clear problem, the rest of the
 * file and the other files are still scanned. Nothing here is timed: jest's test timeout (and the
 * longer one given to the heaviest cases) is the guard against a hang; speed is the benchmark's.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";
import type { FileResult, ScanOptions, SourceFile } from "../../src/core/types.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { defineRule } from "../../src/kubernetes/rule.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";

/** Hang guard for the heaviest cases on a loaded two-core machine; not a timing assertion. */
const HEAVY_TIMEOUT_MS = 180_000;

const privilegedPod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext: {privileged: true}\n`;

/** Scans `bad` beside a good file and returns the bad file's result, checking the good one. */
function scanBeside(bad: SourceFile, options?: ScanOptions): FileResult {
  const results = scan([bad, { path: "good.yaml", text: privilegedPod("good") }], options);
  expect(results.map((r) => r.path)).toEqual([bad.path, "good.yaml"]);
  expect(results[1]?.findings.map((f) => f.line)).toEqual([8]);
  expect(results[1]?.problems).toEqual([]);
  return results[0] as FileResult;
}

describe("invalid YAML", () => {
  it("is a parse-error problem at its line; other documents of the file are still scanned", () => {
    const text = `${privilegedPod("a")}---\nspec:\n  containers: [\n    privileged: true\n---\n${privilegedPod("b")}`;
    const result = scanBeside({ path: "mixed.yaml", text });
    expect(result.problems).toEqual([
      {
        path: "mixed.yaml",
        code: "parse-error",
        message: expect.stringMatching(/flow sequence/i),
        // Where the parser sees the flow sequence left open: at the next document marker.
        line: 13,
        column: expect.any(Number),
      },
    ]);
    expect(result.findings.map((f) => [f.line, f.resource?.name])).toEqual([
      [8, "a"],
      [21, "b"],
    ]);
  });

  it("is reported even in a document with nothing the rules look at (the screen never hides it)", () => {
    const cases = [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n spec:\n  containers: [\n",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\nspec: {template: {spec: {containers: []}}}\n",
      "kind: Namespace\nmetadata:\n  labels:\n  - a: b\n   c: d\n",
    ];
    for (const text of cases) {
      const result = scanBeside({ path: "broken.yaml", text });
      expect(result.findings).toEqual([]);
      expect(result.problems).toMatchObject([{ path: "broken.yaml", code: "parse-error" }]);
      expect(result.problems[0]?.line).toBeGreaterThan(1);
    }
  });

  it("is not reported in a file that cannot hold what a rule reports: another tool's JSON or YAML", () => {
    const cases: [string, string][] = [
      // awesome-compose angular/tsconfig.json: a comment before the object (JSON with comments).
      [
        "tsconfig.json",
        '/* To learn more about this file see: https://angular.io/config/tsconfig. */\n{\n  "compileOnSave": false,\n  "compilerOptions": {"baseUrl": "./", "strict": true}\n}\n',
      ],
      // traefik-helm-chart .markdownlint.json: a key set twice.
      [
        ".markdownlint.json",
        '{\n  "MD013": false,\n  "MD029": {"style": "one"},\n  "MD029": false\n}\n',
      ],
      ["k8s/service.yaml", "kind: Service\nspec:\n  ports:\n  - port: 80\n   targetPort: 8080\n"],
    ];
    for (const [path, text] of cases) {
      expect(scanBeside({ path, text })).toMatchObject({ findings: [], problems: [] });
    }
  });

  it("is still reported where a key may be spelled without its letters (an escape, a tag)", () => {
    const cases = [
      '{"kind": "Pod", "a": 1, "a": 2, "\\u0070rivileged": true}\n',
      "kind: Pod\n!!binary cHJpdmlsZWdlZA==: true\nspec: [\n",
    ];
    for (const text of cases) {
      expect(scanBeside({ path: "k8s/pod.json", text }).problems).toHaveLength(1);
    }
  });

  it("tabs as indentation, a bad alias and a key set twice each say what is wrong", () => {
    const cases: [string, RegExp][] = [
      ["spec:\n\tprivileged: true\n", /tab/i],
      ["privileged: *nowhere\n", /no anchor/],
      ["a: &x {privileged: *x}\n", /inside the node its anchor names/],
      ["privileged: false\nprivileged: true\n", /set twice/],
    ];
    for (const [text, message] of cases) {
      const result = scanBeside({ path: "bad.yaml", text });
      expect(result.problems).toMatchObject([{ code: "parse-error", message }]);
    }
  });
});

describe("shell code the parser cannot read", () => {
  it("is not reported where it cannot name a container command: a template of a script", () => {
    // tailscale's tempfork/spf13/cobra/comp.bash: Go's text/template fills `%[1]s` with a name.
    const text = "# bash completion V2 for %-36[1]s\n__%[1]s_debug()\n{\n  echo x\n}\n";
    expect(scanBeside({ path: "tempfork/cobra/comp.bash", text })).toMatchObject({
      findings: [],
      problems: [],
    });
  });

  it("is not reported for ANSI-C quoting whose escapes give no letter (`IFS=$'\\n'`, fsnotify's mkdoc.zsh)", () => {
    const text = "IFS=$'\\n' local files=($(grep -n $pat x))\nsep=$'\\t'\n__%[1]s_debug()\n{\n}\n";
    expect(scanBeside({ path: "mkdoc.sh", text })).toMatchObject({ findings: [], problems: [] });
  });

  it("is still reported where a container command may be written, however it is spelled", () => {
    const cases = [
      "docker run --privileged alpine\n__%[1]s_debug()\n{\n}\n",
      'X=do""cker\n__%[1]s_debug()\n{\n}\n',
      "pod\\man run alpine\n__%[1]s_debug()\n{\n}\n",
      "$'\\x64ocker' run alpine\n__%[1]s_debug()\n{\n}\n",
      "$'\\144ocker' run alpine\n__%[1]s_debug()\n{\n}\n",
      "X=$'\\u0064ocker'\n__%[1]s_debug()\n{\n}\n",
    ];
    for (const text of cases) {
      expect(scanBeside({ path: "run.sh", text }).problems).toMatchObject([
        { code: "parse-error" },
      ]);
    }
  });
});

describe("resource exhaustion", () => {
  it("an alias bomb (billion laughs, nested aliases) is refused before anything walks it", () => {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: lol}\n";
    text += "x0: &x0 {name: c, image: x, securityContext: {privileged: true}}\n";
    for (let i = 1; i <= 9; i++)
      text += `x${i}: &x${i} [${Array(10)
        .fill(`*x${i - 1}`)
        .join(", ")}]\n`;
    text += "spec:\n  containers: *x9\n";
    const result = scanBeside({ path: "lol.yaml", text });
    expect(result.findings).toEqual([]);
    // Refused where kubectl's decoder gives up: at the first alias whose expansion tips the ratio.
    expect(result.problems).toEqual([
      {
        path: "lol.yaml",
        code: "alias-limit",
        message: expect.stringContaining("kubectl refuses this document as an alias bomb"),
        line: 7,
        column: expect.any(Number),
      },
    ]);
  });

  it(
    "a few aliases of one huge anchored mapping are an alias bomb too",
    () => {
      let text = "big: &big\n";
      for (let i = 0; i < 20_000; i++) text += `  k${i}: {securityContext: {privileged: true}}\n`;
      text += `refs: [${Array(50).fill("*big").join(", ")}]\n`;
      expect(scanBeside({ path: "wide.yaml", text }).problems).toMatchObject([
        { code: "alias-limit" },
      ]);
    },
    HEAVY_TIMEOUT_MS,
  );

  it("reads a 39 KB Deployment whose anchored 1,000-entry env list is reused in 24 containers", () => {
    // Over 100,000 nodes come from the aliases, which kubectl reads (its decoder allows 99% of
    // a document's decodes to come from aliases up to 400,000 decodes).
    let text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fleet}\nspec:\n  template:\n    spec:\n      containers:\n";
    for (let c = 0; c < 24; c++) {
      text += `        - name: worker-${c}\n          image: worker:1.0\n`;
      if (c === 23) text += "          securityContext: {privileged: true}\n";
      if (c === 0) {
        text += "          env: &env\n";
        for (let i = 0; i < 1000; i++)
          text += `            - {name: E${String(i).padStart(4, "0")}, value: x}\n`;
      } else text += "          env: *env\n";
    }
    expect(text.length).toBeGreaterThan(38_000);
    expect(text.length).toBeLessThan(40_000);
    const result = scanBeside({ path: "fleet.yaml", text });
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.container])).toEqual([
      ["privileged", "worker-23"],
    ]);
  });

  it("many legitimate aliases are fine", () => {
    let text =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nx: &sc {runAsNonRoot: true}\nspec:\n  containers:\n";
    for (let i = 0; i < 2000; i++) text += `    - {name: c${i}, image: x, securityContext: *sc}\n`;
    text += "    - {name: p, image: x, securityContext: {privileged: true}}\n";
    const result = scanBeside({ path: "many.yaml", text });
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => f.container)).toEqual(["p"]);
  });

  it.each([
    ["100,000 unclosed [", `privileged: ${"[".repeat(100_000)}`],
    ["100,000 nested []", `privileged: ${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["100,000 nested {a: ...}", `privileged: ${"{a: ".repeat(100_000)}1${"}".repeat(100_000)}`],
    ["a million `- ` on one line", `privileged: true\nx:\n${"- ".repeat(1_000_000)}x\n`],
    [
      "3,000 block mappings, each indented one more",
      Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}privileged${i}:\n`).join(""),
    ],
  ])("%s: too-deep", (_, text) => {
    const result = scanBeside({ path: "deep.yaml", text });
    expect(result.findings).toEqual([]);
    expect(result.problems).toMatchObject([
      { code: "too-deep", message: "document nests more than 100 levels deep; not scanned" },
    ]);
  });

  it("a file over the size limit is not read", () => {
    const text = `${privilegedPod("a")}# ${"x".repeat(2000)}\n`;
    const result = scanBeside({ path: "big.yaml", text }, { limits: { maxFileSize: 1000 } });
    expect(result).toEqual({
      path: "big.yaml",
      kind: "kubernetes",
      findings: [],
      problems: [
        {
          path: "big.yaml",
          code: "too-large",
          message: `file is ${text.length} characters, over the limit of 1000; not scanned`,
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it("the default size limit refuses a 12 MB file at once", () => {
    const text = "a: b\n".repeat(2_400_000);
    expect(scanBeside({ path: "huge.yaml", text }).problems).toMatchObject([{ code: "too-large" }]);
  });

  it.each([
    ["NUL bytes", "privileged: true\u0000\u0001\u0002"],
    ["control bytes", `privileged: true\n${"\u0001\u0002\u0003x".repeat(50)}`],
    ["bytes that were not UTF-8", `privileged: true\n${"\uFFFD\uFFFDab".repeat(50)}`],
  ])("a binary file (%s) is not read", (_, text) => {
    expect(scanBeside({ path: "blob.yaml", text }).problems).toMatchObject([
      { code: "binary", line: 1, column: 1 },
    ]);
  });

  it("a huge mapping and a huge scalar are read in bounded time", () => {
    let wide = "privileged: true\nm:\n";
    for (let i = 0; i < 40_000; i++) wide += `  k${i}: v\n`;
    expect(scanBeside({ path: "wide.yaml", text: wide }).problems).toEqual([]);
    const long = `securityContext:\n  privileged: true\nnote: ${"x".repeat(3_000_000)}\n`;
    expect(scanBeside({ path: "long.yaml", text: long }).findings).toHaveLength(1);
  });

  it(
    "fix verification is budgeted: a document with thousands of findings stays bounded",
    () => {
      let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n";
      for (let i = 0; i < 2000; i++)
        text += `    - {name: c${i}, image: x, securityContext: {privileged: true}}\n`;
      const [result] = scan([{ path: "wide.yaml", text }], { limits: { maxFixScanFactor: 1 } });
      const findings = result?.findings ?? [];
      expect(findings).toHaveLength(2000);
      const fixed = findings.filter((f) => f.fix).length;
      expect(fixed).toBeGreaterThan(0);
      expect(fixed).toBeLessThan(findings.length);
    },
    HEAVY_TIMEOUT_MS,
  );
});

describe("limits", () => {
  it("undefined or negative limits keep their defaults instead of switching a bound off", () => {
    const text = `privileged: ${"[".repeat(200)}`;
    for (const maxDepth of [undefined, Number.NaN, -1]) {
      const [result] = scan([{ path: "deep.yaml", text }], { limits: { maxDepth } });
      expect(result?.problems).toMatchObject([{ code: "too-deep" }]);
    }
  });
});

describe("a rule that throws", () => {
  it("is an internal-error problem; the other rules still report", () => {
    const broken = defineRule({
      id: "broken",
      title: "Broken",
      pss: null,
      severity: "low",
      removes: [],
      rationale: "r",
      remediation: "r.",
      messages: { m: "m" },
      check() {
        throw new Error("boom");
      },
    });
    const kinds = [kubernetesKind([broken, ...KUBERNETES_RULES])];
    const [result] = scan([{ path: "a.yaml", text: privilegedPod("a") }], undefined, kinds);
    expect(result?.findings.map((f) => f.ruleId)).toEqual(["privileged"]);
    expect(result?.problems).toEqual([
      {
        path: "a.yaml",
        code: "internal-error",
        message: "rule broken failed on spec: boom",
        line: 5,
        column: 3,
      },
    ]);
  });
});
