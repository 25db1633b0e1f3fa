/**
 * The engine on real manifests and charts, and the memory of a large scan at restricted.
 *
 * First the real-world corpus of the tests (test/fixtures/realworld: manifests and Helm charts
 * from public projects, sources in each folder's SOURCES.md), scanned at both
 * levels with fixes, its charts passed as the CLI finds them; on its plain manifests, the scan at
 * restricted and js-yaml's `loadAll` (parse only) alternate in one process and the median ratio
 * of their times is printed, as for the generated corpus.
 *
 * Then memory: 50 MB of generated Deployments (bench/corpus.js, 700 files of 50 documents) are
 * written to a temporary folder and scanned by the CLI at restricted with `--format json`, its
 * output written to a file, in a process of its own whose peak RSS is printed with the time and
 * the size of the report. The target is under 500 MB.
 * `npm run bench` builds first and runs this after the others. Numbers are printed, never asserted.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";
import { generateDeployments } from "./corpus.js";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REALWORLD = join(ROOT, "test/fixtures/realworld");
const MB = 1e6;
const RUNS = 5;
const PAIRS = 7;
const MEMORY_DEPLOYMENTS = 35_000;
const PER_FILE = 50;
const MEMORY_TARGET_MB = 500;
/** The CLI as installed: package.json's bin. */
const BIN = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin["privilege-guard"];

const { scan } = await import("../lib/catalogue/index.js");
const num = (x, digits = 2) => x.toFixed(digits);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(?:ya?ml|json|tpl)$/i.test(e.name) ? [path] : [];
  });
}

/** The real manifests and Helm charts (the dev containers there are named for their tests). */
function realworldCorpus() {
  const files = ["manifests", "charts"]
    .flatMap((d) => filesUnder(join(REALWORLD, d)))
    .map((path) => ({
      path: relative(REALWORLD, path),
      text: readFileSync(path, "utf8"),
    }));
  const charts = files.filter((f) => f.path.endsWith("/Chart.yaml")).map((f) => dirname(f.path));
  return { files, charts, chars: files.reduce((n, f) => n + f.text.length, 0) };
}

/** No collection is forced before a timed run (why: bench/scan-throughput.js). */
function timed(run) {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

function tally(results) {
  let findings = 0;
  let fixes = 0;
  let problems = 0;
  for (const r of results) {
    findings += r.findings.length;
    problems += r.problems.length;
    for (const f of r.findings) if (f.fix) fixes++;
  }
  return { findings, fixes, problems };
}

function realworld() {
  const { files, charts, chars } = realworldCorpus();
  console.log(
    `\nReal-world corpus (test/fixtures/realworld manifests and charts): ${files.length} files, ${num(chars / MB, 2)} MB, ` +
      `${charts.length} Helm charts; median of ${RUNS} runs after one warm-up:`,
  );
  for (const level of ["baseline", "restricted"]) {
    const options = { level, fixes: true, charts };
    scan(files, options);
    const runs = Array.from({ length: RUNS }, () => timed(() => scan(files, options)));
    const ms = median(runs.map((r) => r.ms));
    const t = tally(runs[0].result);
    console.log(
      `  ${level.padEnd(10)} ${num(chars / MB / (ms / 1000))} MB/s (median ${num(ms, 0)} ms), ` +
        `${t.findings} findings (${t.fixes} fixes), ${t.problems} problems`,
    );
  }
  const manifests = files.filter((f) => f.path.startsWith("manifests/"));
  const parse = () => {
    for (const f of manifests) loadAll(f.text);
  };
  const restricted = () => scan(manifests, { level: "restricted", fixes: true });
  parse();
  restricted();
  const ratios = [];
  for (let i = 0; i < PAIRS; i++) ratios.push(timed(parse).ms / timed(restricted).ms);
  console.log(
    `  its ${manifests.length} plain manifests (${num(manifests.reduce((n, f) => n + f.text.length, 0) / MB, 2)} MB): ` +
      `restricted scan / js-yaml parse = ${num(median(ratios), 3)}x ` +
      `(range ${num(Math.min(...ratios), 3)}–${num(Math.max(...ratios), 3)}, alternating, ${PAIRS} pairs)`,
  );
}

/**
 * Runs the CLI in a process of its own (its output counted, not kept) and resolves with its peak
 * RSS in MB, as `peak-rss-hook.js` records it on exit, its time and the size of its output.
 */
function cliRun(args, cwd, peakFile) {
  const hook = new URL("./peak-rss-hook.js", import.meta.url).href;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", hook, join(ROOT, BIN), ...args], {
      cwd,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, PEAK_RSS_FILE: peakFile },
    });
    let bytes = 0;
    // The report's end, which says how many files were read.
    let tail = "";
    child.stdout.on("data", (chunk) => {
      bytes += chunk.length;
      tail = (tail + chunk.toString()).slice(-256 * 1024);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the CLI exited with ${code}`));
      const peak = JSON.parse(readFileSync(peakFile, "utf8"));
      const files = Number(/\n {2}"files": (\d+),\n/.exec(tail)?.[1] ?? 0);
      resolve({
        ms: performance.now() - started,
        rssMB: peak.maxRssMB,
        outputMB: bytes / MB,
        files,
      });
    });
  });
}

async function memory() {
  const base = mkdtempSync(join(tmpdir(), "privilege-guard-bench-"));
  try {
    const corpus = join(base, "manifests");
    mkdirSync(corpus);
    const docs = generateDeployments(MEMORY_DEPLOYMENTS, 7);
    let chars = 0;
    let files = 0;
    for (let i = 0; i < docs.length; i += PER_FILE) {
      const text = docs.slice(i, i + PER_FILE).join("---\n");
      chars += text.length;
      writeFileSync(join(corpus, `deploy-${String(files++).padStart(4, "0")}.yaml`), text);
    }
    const args = [
      "scan",
      "--no-config",
      "--level",
      "restricted",
      "--format",
      "json",
      "--exit-zero",
    ];
    const r = await cliRun([...args, "manifests"], base, join(base, "peak.json"));
    if (r.files !== files) throw new Error(`the CLI read ${r.files} of the ${files} files`);
    console.log(
      `\nMemory: ${MEMORY_DEPLOYMENTS} Deployments in ${files} files, ${num(chars / MB, 1)} MB, ` +
        `scanned by the CLI at restricted with --format json in a process of its own:`,
    );
    console.log(
      `  peak RSS ${num(r.rssMB, 0)} MB (target < ${MEMORY_TARGET_MB} MB: ` +
        `${r.rssMB < MEMORY_TARGET_MB ? "met" : "NOT met"}), ${num(r.ms / 1000, 1)} s ` +
        `(${num(chars / MB / (r.ms / 1000))} MB/s), JSON report ${num(r.outputMB, 0)} MB`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

realworld();
await memory();
