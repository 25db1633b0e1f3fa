/**
 * Scan throughput of the engine next to js-yaml's `loadAll` (the version the project depends on) (parse only, no positions) on the
 * same realistic corpus: one multi-document file, and the same documents as one file each.
 * `npm run bench` builds first, then runs this with no arguments. Each measurement runs in a
 * process of its own (so that its peak RSS is its own): one warm-up (its time printed as the first
 * run, what a one-off CLI scan pays for compiling), then the median of several timed iterations.
 * The target ratios (baseline and restricted) are measured apart, with js-yaml and the scan
 * alternating in one process, so that the machine's noise falls on both alike.
 *
 * No garbage collection is forced between timed runs. A forced full collection (`gc()`) lets V8
 * drop the maps that optimized code checks against, and that code is then deoptimized ("weak
 * objects": about 820 over 9 js-yaml parses and baseline scans of the 5,000 files, alternating,
 * against none without it), so every timed run re-optimized what the run before had optimized:
 * 2.3 times the CPU time of a steady scan, against 1.3 times for js-yaml, whose code is smaller;
 * and as the re-optimization runs on V8's background threads, the ratio also depended on whether
 * a second core was idle. No scan runs after a forced collection: the CLI scans once per process
 * (the first run), the App's worker threads scan one job after another (the median).
 * Numbers are printed, never asserted.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { generateDeployments } from "./corpus.js";
import { median } from "./stats.js";

const DEPLOYMENTS = 5000;
const SEED = 42;
const MB = 1e6;
const JS_YAML_VERSION = createRequire(import.meta.url)("js-yaml/package.json").version;
const YAML_VERSION = createRequire(import.meta.url)("yaml/package.json").version;

/** What is measured; `runs` timed iterations after one warm-up. */
const PHASES = [
  { id: "js-yaml", label: `js-yaml ${JS_YAML_VERSION} loadAll, parse only`, runs: 7 },
  // What the engine's YAML reading starts from: the ceiling of any scan that reads every document.
  { id: "yaml-cst", label: `yaml ${YAML_VERSION} CST parser alone`, runs: 3 },
  { id: "baseline", label: "engine, baseline, with fixes", runs: 7 },
  { id: "restricted", label: "engine, restricted, with fixes", runs: 3 },
];
const SHAPES = ["file", "files"];
/** Alternating js-yaml / scan pairs timed for the paired ratio, by level. */
const PAIRS = { baseline: 9, restricted: 3, "yaml-cst": 5 };

function corpus() {
  const docs = generateDeployments(DEPLOYMENTS, SEED);
  const text = docs.join("---\n");
  const files = docs.map((t, i) => ({
    path: `deploy/${String(i).padStart(4, "0")}.yaml`,
    text: t,
  }));
  return { docs, text, files, chars: text.length };
}

/** One timed unit of work for a phase: parse (js-yaml) or scan (engine) the corpus. */
async function runnerFor(phaseId, shape, { text, files }) {
  if (phaseId === "js-yaml") {
    const { loadAll } = await import("js-yaml");
    return () => {
      let documents = 0;
      if (shape === "file") documents = loadAll(text).length;
      else for (const f of files) documents += loadAll(f.text).length;
      return { documents, findings: 0, fixes: 0, problems: 0 };
    };
  }
  if (phaseId === "yaml-cst") {
    // The tokens and CST the engine composes its documents from, composing and positions left out.
    const { Parser } = await import("yaml");
    const parseAll = (t) => {
      let documents = 0;
      for (const token of new Parser().parse(t)) if (token.type === "document") documents++;
      return documents;
    };
    return () => {
      let documents = 0;
      if (shape === "file") documents = parseAll(text);
      else for (const f of files) documents += parseAll(f.text);
      return { documents, findings: 0, fixes: 0, problems: 0 };
    };
  }
  const { scan } = await import("../lib/catalogue/index.js");
  const options = { level: phaseId, fixes: true };
  return () => {
    const results = scan(shape === "file" ? [{ path: "deploy/all.yaml", text }] : files, options);
    let findings = 0;
    let fixes = 0;
    let problems = 0;
    for (const r of results) {
      findings += r.findings.length;
      problems += r.problems.length;
      for (const f of r.findings) if (f.fix) fixes++;
    }
    return { documents: DEPLOYMENTS, findings, fixes, problems };
  };
}

/**
 * The ratio the targets speak of, measured so that machine noise cancels: js-yaml and the scan
 * at `level` alternate in one process, and the median of the pairs' ratios is reported.
 */
async function measurePaired(level, shape) {
  const data = corpus();
  const parse = await runnerFor("js-yaml", shape, data);
  const scanLevel = await runnerFor(level, shape, data);
  parse();
  scanLevel();
  const ratios = [];
  for (let i = 0; i < PAIRS[level]; i++) {
    let started = performance.now();
    parse();
    const parseMs = performance.now() - started;
    started = performance.now();
    scanLevel();
    ratios.push(parseMs / (performance.now() - started));
  }
  return { ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

async function measure(phaseId, shape) {
  const data = corpus();
  const { chars } = data;
  const phase = PHASES.find((p) => p.id === phaseId);
  const run = await runnerFor(phaseId, shape, data);
  const first = performance.now();
  let outcome = run();
  const firstMs = performance.now() - first;
  const times = [];
  let heap = 0;
  for (let i = 0; i < phase.runs; i++) {
    const started = performance.now();
    outcome = run();
    times.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  const mid = median(times);
  return {
    ...outcome,
    chars,
    median: mid,
    firstMs,
    mbPerSecond: chars / MB / (mid / 1000),
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    heapMB: heap / MB,
  };
}

function inChild(phaseId, shape) {
  return childResult(["--measure", phaseId, shape], `${phaseId} ${shape}`);
}

function childResult(args, what) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args);
    child.on("message", resolve);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`${what} exited with ${code}`));
    });
  });
}

const pad = (s, n) => String(s).padEnd(n);
const num = (x, digits = 1) => x.toFixed(digits);

async function main() {
  const { docs, chars } = corpus();
  const privileged = docs.filter((d) => d.includes("privileged: true")).length;
  console.log(
    `Corpus: ${DEPLOYMENTS} Deployments (seed ${SEED}), ${num(chars / MB, 2)} MB, ` +
      `${privileged} privileged; as 1 multi-document file and as ${DEPLOYMENTS} files.`,
  );
  console.log(
    `Node ${process.version}; median of timed runs after one warm-up, each in its own process.\n`,
  );
  const results = {};
  for (const phase of PHASES) {
    for (const shape of SHAPES) {
      results[`${phase.id}/${shape}`] = await inChild(phase.id, shape);
    }
  }
  const header = `${pad("", 34)}${pad("1 file", 30)}${DEPLOYMENTS} files`;
  console.log(header);
  for (const phase of PHASES) {
    const cells = SHAPES.map((shape) => {
      const r = results[`${phase.id}/${shape}`];
      const ratio = r.mbPerSecond / results[`js-yaml/${shape}`].mbPerSecond;
      const vs = phase.id === "js-yaml" ? "" : ` (${num(ratio, 2)}x js-yaml)`;
      return pad(`${num(r.mbPerSecond, 2)} MB/s${vs}`, 30);
    });
    console.log(`${pad(phase.label, 34)}${cells.join("")}`);
  }
  console.log(
    "\nFindings (fixes offered), problems, median and first run, peak RSS and largest heap after a run:",
  );
  for (const phase of PHASES) {
    for (const shape of SHAPES) {
      const r = results[`${phase.id}/${shape}`];
      const found =
        phase.id === "js-yaml" || phase.id === "yaml-cst"
          ? `${r.documents} documents`
          : `${r.findings} findings (${r.fixes} fixes), ${r.problems} problems`;
      console.log(
        `  ${pad(`${phase.id}, ${shape === "file" ? "1 file" : `${DEPLOYMENTS} files`}:`, 26)}` +
          `${pad(found, 40)} median ${pad(`${num(r.median, 0)} ms`, 10)} first run ${pad(`${num(r.firstMs, 0)} ms`, 10)} RSS ${pad(`${num(r.peakRssMB, 0)} MB`, 8)} heap ${num(r.heapMB, 0)} MB`,
      );
    }
  }
  /** The paired-ratio targets: scan at least this fraction of js-yaml's parse-only throughput. */
  const TARGETS = { baseline: 0.8, restricted: 0.3 };
  for (const level of ["baseline", "restricted"]) {
    const paired = {};
    for (const shape of SHAPES)
      paired[shape] = await childResult(["--paired", level, shape], `paired ${level} ${shape}`);
    console.log(
      `\n${level[0].toUpperCase()}${level.slice(1)} scan / js-yaml parse, alternating in one process ` +
        `(median of ${PAIRS[level]} pairs, range): ` +
        SHAPES.map(
          (s) =>
            `${s === "file" ? "1 file" : `${DEPLOYMENTS} files`} ${num(paired[s].ratio, 3)}x ` +
            `(${num(paired[s].low, 3)}–${num(paired[s].high, 3)})`,
        ).join(", "),
    );
    const met = SHAPES.every((s) => paired[s].ratio >= TARGETS[level]);
    console.log(
      `Target (scan at ${level} >= ${TARGETS[level]}x js-yaml parse-only, with exact positions), paired ratios: ` +
        `${SHAPES.map((s) => num(paired[s].ratio, 3)).join(" / ")} -> ${met ? "met" : "NOT met"}.`,
    );
  }
  // At restricted every document is read with the yaml package: its CST parser alone bounds it.
  const ceiling = {};
  for (const shape of SHAPES)
    ceiling[shape] = await childResult(["--paired", "yaml-cst", shape], `paired yaml-cst ${shape}`);
  console.log(
    `\nThe yaml package's CST parser alone / js-yaml parse, alternating in one process (median of ${PAIRS["yaml-cst"]} pairs, range): ` +
      SHAPES.map(
        (s) =>
          `${s === "file" ? "1 file" : `${DEPLOYMENTS} files`} ${num(ceiling[s].ratio, 3)}x ` +
          `(${num(ceiling[s].low, 3)}–${num(ceiling[s].high, 3)})`,
      ).join(", ") +
      ": what a scan that reads every document with it can reach, before composing, rules or fixes.",
  );
}

if (process.argv[2] === "--measure" || process.argv[2] === "--paired") {
  const [, , mode, phaseId, shape] = process.argv;
  const measured = mode === "--paired" ? measurePaired(phaseId, shape) : measure(phaseId, shape);
  measured.then(
    (result) => process.send(result, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
