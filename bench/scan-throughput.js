/**
 * Scan throughput of the engine next to js-yaml 4.1 `loadAll` (parse only, no positions) on the
 * same realistic corpus: one multi-document file, and the same documents as one file each.
 * `npm run bench` builds first, then runs this with no arguments. Each measurement runs in a
 * process of its own (so that its peak RSS is its own): one warm-up, then the median of several
 * timed iterations. Numbers are printed, never asserted.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateDeployments } from "./corpus.js";

const DEPLOYMENTS = 5000;
const SEED = 42;
const MB = 1e6;

/** What is measured; `runs` timed iterations after one warm-up. */
const PHASES = [
  { id: "js-yaml", label: "js-yaml 4.1 loadAll, parse only", runs: 7 },
  { id: "baseline", label: "engine, baseline, with fixes", runs: 7 },
  { id: "restricted", label: "engine, restricted, with fixes", runs: 3 },
];
const SHAPES = ["file", "files"];

function corpus() {
  const docs = generateDeployments(DEPLOYMENTS, SEED);
  const text = docs.join("---\n");
  const files = docs.map((t, i) => ({
    path: `deploy/${String(i).padStart(4, "0")}.yaml`,
    text: t,
  }));
  return { docs, text, files, chars: text.length };
}

async function measure(phaseId, shape) {
  const { text, files, chars } = corpus();
  const phase = PHASES.find((p) => p.id === phaseId);
  let run;
  if (phaseId === "js-yaml") {
    const { loadAll } = await import("js-yaml");
    run = () => {
      let documents = 0;
      if (shape === "file") documents = loadAll(text).length;
      else for (const f of files) documents += loadAll(f.text).length;
      return { documents, findings: 0, fixes: 0, problems: 0 };
    };
  } else {
    const { scan } = await import("../lib/engine/index.js");
    const options = { level: phaseId, fixes: true };
    run = () => {
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
  const gc = globalThis.gc ?? (() => {});
  let outcome = run();
  const times = [];
  let heap = 0;
  for (let i = 0; i < phase.runs; i++) {
    gc();
    const started = performance.now();
    outcome = run();
    times.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return {
    ...outcome,
    chars,
    median,
    mbPerSecond: chars / MB / (median / 1000),
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    heapMB: heap / MB,
  };
}

function inChild(phaseId, shape) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--measure", phaseId, shape], {
      execArgv: ["--expose-gc"],
    });
    child.on("message", resolve);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`${phaseId} ${shape} exited with ${code}`));
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
  console.log("\nFindings (fixes offered), problems, peak RSS and largest heap after a run:");
  for (const phase of PHASES) {
    for (const shape of SHAPES) {
      const r = results[`${phase.id}/${shape}`];
      const found =
        phase.id === "js-yaml"
          ? `${r.documents} documents`
          : `${r.findings} findings (${r.fixes} fixes), ${r.problems} problems`;
      console.log(
        `  ${pad(`${phase.id}, ${shape === "file" ? "1 file" : `${DEPLOYMENTS} files`}:`, 26)}` +
          `${pad(found, 40)} median ${pad(`${num(r.median, 0)} ms`, 10)} RSS ${pad(`${num(r.peakRssMB, 0)} MB`, 8)} heap ${num(r.heapMB, 0)} MB`,
      );
    }
  }
  const ratios = SHAPES.map(
    (s) => results[`baseline/${s}`].mbPerSecond / results[`js-yaml/${s}`].mbPerSecond,
  );
  const met = ratios.every((r) => r >= 0.8);
  console.log(
    `\nTarget (scan at baseline >= 0.8x js-yaml parse-only, with exact positions): ` +
      `${ratios.map((r) => num(r, 2)).join(" / ")} -> ${met ? "met" : "NOT met"}.`,
  );
}

if (process.argv[2] === "--measure") {
  const [, , , phaseId, shape] = process.argv;
  measure(phaseId, shape).then(
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
