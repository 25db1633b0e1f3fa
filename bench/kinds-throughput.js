/**
 * What the file kinds beyond Kubernetes cost and deliver. First, the cost to a repository of
 * Kubernetes manifests only: the engine with every kind and with the Kubernetes kind alone scan
 * the Deployments corpus alternately in one process (so the machine's noise falls on both), and
 * the median ratio of their throughputs is printed; the target is at most 5% slower. Then the
 * throughput on a corpus of shell scripts, Makefiles, GitHub Actions workflows and GitLab CI files,
 * and on a corpus of Compose files.
 * `npm run bench` builds first and runs this after `scan-throughput.js`. Numbers are printed,
 * never asserted.
 */
import { generateComposeFiles } from "./compose-corpus.js";
import { generateDeployments } from "./corpus.js";
import { generateScripts } from "./scripts-corpus.js";
import { median } from "./stats.js";

const DEPLOYMENTS = 5000;
const SEED = 42;
const PAIRS = 16;
const SCRIPT_SETS = 250;
const COMPOSE_FILES = 1000;
const MB = 1e6;

const { scan, DEFAULT_KINDS } = await import("../lib/catalogue/index.js");
const kubernetesOnly = DEFAULT_KINDS.filter((k) => k.id === "kubernetes");
const num = (x, digits = 2) => x.toFixed(digits);

/** No collection is forced before a timed run (why: bench/scan-throughput.js). */
function timed(run) {
  const started = performance.now();
  const results = run();
  return { ms: performance.now() - started, results };
}

function kubernetesCost(shape) {
  const docs = generateDeployments(DEPLOYMENTS, SEED);
  const files =
    shape === "file"
      ? [{ path: "deploy/all.yaml", text: docs.join("---\n") }]
      : docs.map((text, i) => ({ path: `deploy/${String(i).padStart(4, "0")}.yaml`, text }));
  const options = { level: "baseline", fixes: true };
  const all = () => scan(files, options);
  const alone = () => scan(files, options, kubernetesOnly);
  all();
  alone();
  const ratios = [];
  // Which of the two runs first alternates, so that the garbage one run leaves for the next to
  // collect falls on both alike.
  for (let i = 0; i < PAIRS; i++) {
    let a = 0;
    let b = 0;
    if (i % 2 === 0) {
      a = timed(alone).ms;
      b = timed(all).ms;
    } else {
      b = timed(all).ms;
      a = timed(alone).ms;
    }
    ratios.push(a / b);
  }
  return { ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

function throughput(files) {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const options = { level: "baseline", fixes: true };
  scan(files, options);
  const times = [];
  let results = [];
  for (let i = 0; i < 5; i++) {
    const t = timed(() => scan(files, options));
    times.push(t.ms);
    results = t.results;
  }
  const byKind = new Map();
  for (const r of results) {
    const k = byKind.get(r.kind) ?? { files: 0, findings: 0, fixes: 0, problems: 0 };
    k.files++;
    k.findings += r.findings.length;
    k.fixes += r.findings.filter((f) => f.fix).length;
    k.problems += r.problems.length;
    byKind.set(r.kind, k);
  }
  const ms = median(times);
  return { files: files.length, chars, ms, byKind };
}

console.log(
  `\nNode ${process.version}. Cost of the shell, Makefile and CI kinds to a Kubernetes-only scan`,
);
console.log(
  `(${DEPLOYMENTS} Deployments, seed ${SEED}; every kind vs the Kubernetes kind alone, alternating, median of ${PAIRS} pairs):`,
);
for (const shape of ["file", "files"]) {
  const c = kubernetesCost(shape);
  const label = shape === "file" ? "1 file" : `${DEPLOYMENTS} files`;
  console.log(
    `  ${label}: throughput with every kind = ${num(c.ratio, 3)}x the Kubernetes kind alone ` +
      `(range ${num(c.low, 3)}–${num(c.high, 3)}); cost ${num((1 - c.ratio) * 100, 1)}% (target <= 5%)`,
  );
}
{
  // The only work the other kinds add to a Kubernetes file is their claim: timed on its own, it is
  // not drowned by the machine's noise as the paired ratio may be.
  const docs = generateDeployments(DEPLOYMENTS, SEED);
  const files = docs.map((text, i) => ({
    path: `deploy/${String(i).padStart(4, "0")}.yaml`,
    text,
  }));
  // The engine cuts each file's prefix once, for every kind; it is not the other kinds' cost.
  const prefixes = files.map((f) => f.text.slice(0, 8192));
  const others = DEFAULT_KINDS.filter((k) => k.id !== "kubernetes");
  const claimsMs = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    files.forEach((f, n) => {
      for (const k of others) k.claims(f.path, prefixes[n]);
    });
    claimsMs.push(performance.now() - started);
  }
  const scanMs = median(
    Array.from({ length: 3 }, () => timed(() => scan(files, { fixes: true }, kubernetesOnly)).ms),
  );
  console.log(
    `  claims of the other kinds on the ${DEPLOYMENTS} files: ${num(median(claimsMs), 1)} ms, ` +
      `${num((median(claimsMs) / scanMs) * 100, 2)}% of the Kubernetes scan's ${num(scanMs, 0)} ms`,
  );
}

const s = throughput(generateScripts(SCRIPT_SETS, SEED));
console.log(
  `\nScripts corpus: ${s.files} files (${SCRIPT_SETS} each of shell scripts, Makefiles, workflows, GitLab CI), ` +
    `${num(s.chars / MB, 2)} MB: ${num(s.chars / MB / (s.ms / 1000))} MB/s at baseline with fixes (median ${num(s.ms, 0)} ms of 5 runs)`,
);
for (const [kind, k] of s.byKind)
  console.log(
    `  ${kind}: ${k.files} files, ${k.findings} findings (${k.fixes} fixes), ${k.problems} problems`,
  );
const c = throughput(generateComposeFiles(COMPOSE_FILES, SEED));
console.log(
  `\nCompose corpus: ${c.files} files, ${num(c.chars / MB, 2)} MB: ` +
    `${num(c.chars / MB / (c.ms / 1000))} MB/s at baseline with fixes (median ${num(c.ms, 0)} ms of 5 runs)`,
);
for (const [kind, k] of c.byKind)
  console.log(
    `  ${kind}: ${k.files} files, ${k.findings} findings (${k.fixes} fixes), ${k.problems} problems`,
  );
console.log(`Peak RSS ${num((process.resourceUsage().maxRSS * 1024) / MB, 0)} MB`);
