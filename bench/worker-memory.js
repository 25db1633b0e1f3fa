/**
 * What keeping the App's scan threads warm costs: the resident memory (RSS) of a process holding
 * the App's worker pool (`lib/app/worker-pool.js`, as `npm start` makes it: every thread started
 * and the engine imported) with 0 to 4 idle threads, each count in a fresh process, after the
 * threads started and once more after each ran one small evaluation (what a thread holds after a
 * scan). The increase per thread is the cost of one idle warm thread. Run `npm run build` first.
 * Numbers are printed, never asserted; the machine's load average is printed with them.
 *
 * Usage: node bench/worker-memory.js [--max-threads=4]
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value = "true"] = a.replace(/^--/, "").split("=");
    return [key, value];
  }),
);

if (args.child !== undefined) {
  const threads = Number(args.child);
  const { createWorkerPool, DEFAULT_SCAN_BUDGET } = await import("../lib/app/worker-pool.js");
  const { EVALUATE_CHANGE } = await import("../lib/app/read-change.js");
  const { evaluateChange } = await import("../lib/evaluation/evaluate-change.js");
  const { parseConfig } = await import("../lib/config/index.js");
  /** The input a scan hands a thread: one added privileged Deployment. */
  const probeInput = async () => {
    const text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1\n          securityContext:\n            privileged: true\n";
    const reader = { read: async (requests) => requests.map(() => ({ kind: "text", text })) };
    let captured;
    await evaluateChange(
      [{ path: "deploy/agent.yaml", status: "added" }],
      reader,
      parseConfig(null).config,
      {},
      (input) => {
        captured = input;
        return null;
      },
    );
    return captured;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  const rss = () => process.memoryUsage().rss;
  await settle();
  const base = rss();
  if (threads === 0) {
    console.log(JSON.stringify({ threads, started: base, afterScan: base }));
  } else {
    const pool = createWorkerPool(
      { ...DEFAULT_SCAN_BUDGET, threads, warmThreads: threads },
      { preload: [EVALUATE_CHANGE.module] },
    );
    while (!pool.ready()) await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    const started = rss();
    const input = await probeInput();
    await Promise.all(Array.from({ length: threads }, () => pool.run(EVALUATE_CHANGE, input)));
    await settle();
    const afterScan = rss();
    console.log(JSON.stringify({ threads, started, afterScan }));
    await pool.close();
  }
  process.exit(0);
}

const max = Number(args["max-threads"] ?? 4);
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(" / ");
console.log(`load average (1/5/15 min) at start: ${load()}`);
const rows = [];
for (let threads = 0; threads <= max; threads++) {
  const out = execFileSync(
    process.execPath,
    [new URL(import.meta.url).pathname, `--child=${threads}`],
    {
      encoding: "utf8",
    },
  );
  rows.push(JSON.parse(out.trim().split("\n").at(-1)));
}
console.log(
  "| idle warm threads | process RSS, started | after one scan each | per thread (started / after a scan) |",
);
console.log("| --- | --- | --- | --- |");
for (const r of rows) {
  const per =
    r.threads === 0
      ? ""
      : `${mb((r.started - rows[0].started) / r.threads)} / ${mb((r.afterScan - rows[0].afterScan) / r.threads)}`;
  console.log(`| ${r.threads} | ${mb(r.started)} | ${mb(r.afterScan)} | ${per} |`);
}
console.log(`load average at the end: ${load()}`);
