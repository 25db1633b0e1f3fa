/**
 * What worker threads change for the App: four privileged manifests evaluated at once, first on
 * the event loop (as before) and then in the App's worker pool. For each: the wall time and the
 * event loop's longest stall (a 10 ms timer's worst lateness), which is how long a webhook or
 * `/healthz` would have waited. Then one evaluation past a small memory budget, showing the pool
 * fails it and carries on. `npm run bench:workers` builds first. Numbers are printed, never
 * asserted.
 */
import { inProcess } from "../lib/app/pure-function.js";
import { EVALUATE_CHANGE } from "../lib/app/read-change.js";
import { createWorkerPool } from "../lib/app/worker-pool.js";
import { defaultConfig } from "../lib/config/index.js";
import { planChange } from "../lib/evaluation/evaluate-change.js";

const FILES = 4;
const DEPLOYMENTS = Number(process.argv[2] ?? 500);

function privilegedDeployments(file) {
  const docs = [];
  for (let i = 0; i < DEPLOYMENTS; i++) {
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent-${file}-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1\n          securityContext:\n            privileged: true\n`,
    );
  }
  return docs.join("---\n");
}

/** The shared use case's input for one added file, as the App hands it to a worker thread. */
function input(file, text) {
  const config = defaultConfig();
  const files = planChange([{ path: `k8s/agents-${file}.yaml`, status: "added" }], config);
  return { files, contents: [{ kind: "text", text }], config, options: {} };
}

/** Runs `work`, watching the event loop with a 10 ms timer. */
async function measure(work) {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const start = performance.now();
  const result = await work();
  const wall = performance.now() - start;
  clearInterval(timer);
  return { wall, worst, result };
}

const texts = Array.from({ length: FILES }, (_, f) => privilegedDeployments(f));
const kb = Math.round(texts[0].length / 1024);
console.log(`${FILES} files of ${DEPLOYMENTS} privileged Deployments (${kb} KB each), baseline\n`);

const rows = [];
const onLoop = await measure(async () => {
  const out = [];
  for (let f = 0; f < FILES; f++) {
    // Yield between files as the jobs would; each evaluation itself blocks.
    await new Promise((resolve) => setImmediate(resolve));
    out.push(await inProcess.run(EVALUATE_CHANGE, input(f, texts[f])));
  }
  return out;
});
rows.push(["on the event loop", onLoop]);

const pool = createWorkerPool({
  timeoutMs: 600_000,
  memoryMb: 1024,
  threads: FILES,
  warmThreads: 0,
});
const inWorkers = await measure(() =>
  Promise.all(texts.map((text, f) => pool.run(EVALUATE_CHANGE, input(f, text)))),
);
rows.push([`in ${FILES} worker threads`, inWorkers]);

console.log("| where | wall time | longest event loop stall | findings |");
console.log("| --- | ---: | ---: | ---: |");
for (const [where, m] of rows) {
  const findings = m.result.reduce((n, e) => n + e.reported.length, 0);
  console.log(
    `| ${where} | ${(m.wall / 1000).toFixed(1)} s | ${Math.round(m.worst)} ms | ${findings} |`,
  );
}
await pool.close();

const small = createWorkerPool({ timeoutMs: 600_000, memoryMb: 32, threads: 1, warmThreads: 0 });
const env = Array.from({ length: 6500 }, (_, i) => ({ name: `VAR_${i}`, value: `v${i}` }));
const pod = JSON.stringify({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "big" },
  spec: { containers: [{ name: "app", image: "x", env, securityContext: { privileged: true } }] },
});
const oom = await measure(() =>
  small.run(EVALUATE_CHANGE, input(9, pod)).then(
    () => "completed",
    (error) => `${error.name}: ${error.message}`,
  ),
);
const after = await small.run(EVALUATE_CHANGE, input(8, texts[0].slice(0, 2000)));
console.log(
  `\n${Math.round(pod.length / 1024)} KB pod with a 32 MB budget: ${oom.result} (${(oom.wall / 1000).toFixed(1)} s, longest stall ${Math.round(oom.worst)} ms); next evaluation: ${after.reported.length} finding(s)`,
);
await small.close();
