/**
 * Baseline throughput as a user meets it: the installed `privilege-guard` bin (package.json `bin`)
 * scanning the generated Deployments corpus written to disk, as a whole process (start-up, reading
 * the files, compiling and scanning, the report), next to a whole Node process that reads the same
 * files and parses them with js-yaml's `loadAll` (parse only, no positions). Both on one
 * multi-document file and on the 5,000 documents as one file each. Runs alternate (js-yaml, scan,
 * scan, js-yaml, …) so that the machine's noise and each run's leftovers fall on both alike; the
 * median ratio of throughputs (js-yaml's time over the scan's) and its range are printed, with the
 * CPU time (user + system) of each, which a busy machine disturbs less than wall time. Numbers are
 * printed, never asserted. `npm run bench` builds first.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDeployments } from "./corpus.js";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(
  ROOT,
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin["privilege-guard"],
);
const DEPLOYMENTS = 5000;
const SEED = 42;
const PAIRS = Number(process.env.WHOLE_PROCESS_PAIRS ?? 8);

const work = mkdtempSync(join(tmpdir(), "pg-whole-"));
const docs = generateDeployments(DEPLOYMENTS, SEED);
mkdirSync(join(work, "file"));
writeFileSync(join(work, "file", "all.yaml"), docs.join("---\n"));
mkdirSync(join(work, "files", "deploy"), { recursive: true });
docs.forEach((text, i) => {
  writeFileSync(join(work, "files", "deploy", `${String(i).padStart(4, "0")}.yaml`), text);
});
// The js-yaml side as a process of its own: walk the folder, read each file, parse it.
const JS_YAML = join(work, "js-yaml-parse.mjs");
writeFileSync(
  JS_YAML,
  `import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from ${JSON.stringify(join(ROOT, "node_modules/js-yaml/dist/js-yaml.mjs"))};
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
let documents = 0;
for (const path of walk(process.argv[2])) documents += loadAll(readFileSync(path, "utf8")).length;
if (documents !== ${DEPLOYMENTS}) throw new Error("js-yaml read " + documents + " documents");
`,
);

/** One whole process: wall time, and the CPU time (user + system) it reports on exit, in ms. */
function timed(args) {
  const started = process.hrtime.bigint();
  const { status, error, stderr } = spawnSync(process.execPath, ["--import", CPU_REPORT, ...args], {
    cwd: work,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    // The bin's code cache (docs/cli.md) in a folder of this run's: the first scan writes it.
    env: { ...process.env, PRIVILEGE_GUARD_CACHE_DIR: join(work, "code-cache") },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (error) throw error;
  // The scan exits 1 when it finds something to fail on (the corpus has privileged containers).
  if (status !== 0 && status !== 1) throw new Error(`exit ${status}: ${stderr}`);
  const cpu = Number(/PG_CPU_MS=(\d+(?:\.\d+)?)/.exec(stderr)?.[1] ?? Number.NaN);
  return { ms, cpu };
}

/** Preloaded into each measured process: prints its own CPU time on exit, on stderr. */
const CPU_REPORT = join(work, "cpu-report.mjs");
writeFileSync(
  CPU_REPORT,
  `process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write("PG_CPU_MS=" + ((u.userCPUTime + u.systemCPUTime) / 1000) + "\\n");
});
`,
);

const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

console.log(
  `\nWhole processes (Node ${process.version}, load average ${loadavg()[0].toFixed(1)}): the bin's \`scan --no-config --format compact\` of ${DEPLOYMENTS} generated Deployments on disk, against a Node process reading and parsing the same files with js-yaml loadAll; ${PAIRS} alternating pairs after one warm-up each:`,
);
for (const shape of ["file", "files"]) {
  const folder = join(work, shape);
  const jsYaml = () => timed([JS_YAML, folder]);
  const scan = () => timed([BIN, "scan", "--no-config", "--format", "compact", folder]);
  jsYaml();
  const first = scan();
  const wall = [];
  const cpu = [];
  const times = { js: [], scan: [] };
  for (let i = 0; i < PAIRS; i++) {
    let a;
    let b;
    if (i % 2 === 0) {
      a = jsYaml();
      b = scan();
    } else {
      b = scan();
      a = jsYaml();
    }
    wall.push(a.ms / b.ms);
    cpu.push(a.cpu / b.cpu);
    times.js.push(a.ms);
    times.scan.push(b.ms);
  }
  const label = shape === "file" ? "1 file" : `${DEPLOYMENTS} files`;
  console.log(
    `  ${label}: scan / js-yaml throughput ${median(wall).toFixed(2)}x wall (range ${range(wall)}), ${median(cpu).toFixed(2)}x CPU (range ${range(cpu)}); medians ${median(times.scan).toFixed(0)} ms against ${median(times.js).toFixed(0)} ms (target 0.8); ${shape === "file" ? "the first scan, writing the code cache" : "the first scan"}: ${first.ms.toFixed(0)} ms`,
  );
}
rmSync(work, { recursive: true, force: true });
