/**
 * `npm run bench:app`: the real App process (`lib/app/main.js`, as `npm start` runs it: worker
 * threads, Probot's write spacing on, JSON logs) against the local GitHub stand-in of
 * `github-stand-in.js` on 127.0.0.1 (an HTTP server, so time is real).
 *
 * 1. Pull requests of 20, 250 and 3,000 changed manifests (generated Deployments, `corpus.js`; one
 *    file in five modified, the rest added; two in 25 privileged, so the review has comments),
 *    each size in a fresh App process: a first pull request after start (worker threads cold),
 *    then a second (warm) on another installation (Probot spaces writes per installation). Webhook acknowledgement, webhook to completed check run, GitHub API
 *    calls by route, the process's peak RSS (VmHWM).
 * 2. A burst of 200 deliveries across 20 installations (pull requests of 5 manifests), sent at
 *    once, to one App process (in-process queue) and to two sharing a Redis server (BullMQ;
 *    deliveries alternate between them, as behind a load balancer): acknowledgement
 *    percentiles, time until every check run completed, scans per second. Without
 *    `redis-server` installed, the two-process row is skipped (and says so). For each, how long
 *    the App's main thread ran and how long it waited for a CPU while the acknowledgements were
 *    due (Linux's schedstat), which says whether the App's own work or the machine set them.
 * 3. The same burst, from the same sender, to a bare node:http receiver (`bare-webhook-server.js`:
 *    read the body, check the signature, parse, answer): the yardstick of what this machine allows
 *    any Node receiver at that moment (`--no-floor` skips it).
 *
 * Usage: node bench/app-bench.js [--sizes=20,250,3000] [--burst=200] [--no-burst]
 *        [--burst-processes=1,2] [--no-floor] [--cpu-prof=DIR] (profiles of the App processes: `node --cpu-prof` into DIR).
 * Numbers are printed, never asserted; the machine's load average is printed with them.
 */
import { loadavg } from "node:os";
import { createPatch, OMIT_HEADERS } from "diff";
import {
  deliver,
  mainThreadTimes,
  pullRequestDelivery,
  serverAckP99,
  startApp,
  startBareServer,
  startRedis,
} from "./app-process.js";
import { generateDeployments } from "./corpus.js";
import { startGitHubStandIn } from "./github-stand-in.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value = "true"] = a.replace(/^--/, "").split("=");
    return [key, value];
  }),
);
const SIZES = (args.sizes ?? "20,250,3000").split(",").filter(Boolean).map(Number);
const BURST = args["no-burst"] ? 0 : Number(args.burst ?? 200);
const BURST_PROCESSES = (args["burst-processes"] ?? "1,2").split(",").map(Number);
const FLOOR = !args["no-floor"];
const INSTALLATIONS = 20;
const BURST_FILES = 5;
const nodeArgs = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`] : [];

const corpus = generateDeployments(Math.max(0, ...SIZES, BURST * BURST_FILES) + 100, 7);
const privileged = generateDeployments(1000, 11).filter((t) => t.includes("privileged: true"));

/** Two files in 25 privileged (added), one in five modified (an image tag bump), the rest added. */
function pullRequestFiles(count, offset, isPrivileged = (i) => i % 25 === 3 || i % 25 === 11) {
  return Array.from({ length: count }, (_, i) => {
    const path = `deploy/services/svc-${offset + i}.yaml`;
    if (isPrivileged(i)) return added(path, privileged[i % privileged.length]);
    const base = corpus[(offset + i) % corpus.length];
    if (i % 5 !== 4) return added(path, base);
    const head = base.replace(/(image: \S+:\S+)/, "$1-r2");
    const patch = createPatch(path, base, head, undefined, undefined, {
      headerOptions: OMIT_HEADERS,
    });
    return { path, status: "modified", base, head, patch, additions: 1, deletions: 1 };
  });
}

function added(path, text) {
  const lines = text.split("\n").slice(0, -1);
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
  return { path, status: "added", head: text, patch, additions: lines.length };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const ms = (v) => `${Math.round(v).toLocaleString("en")} ms`;
const seconds = (v) => `${(v / 1000).toFixed(2)} s`;
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(" / ");

async function until(condition, timeoutMs = 600_000) {
  const began = performance.now();
  while (!condition()) {
    if (performance.now() - began > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until no API call arrived for `quietMs` (past the 1 s write spacing: the review and annotations follow the completion). */
async function settled(github, quietMs = 1500) {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const total = [...github.calls.values()].reduce((a, b) => a + b, 0);
    if (total !== last) {
      last = total;
      since = performance.now();
    } else if (performance.now() - since > quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const github = await startGitHubStandIn();
console.log(`load average (1/5/15 min) at start: ${load()}`);

// 1. One pull request at a time, per size.
const single = [];
let number = 1;
for (const size of SIZES) {
  const app = await startApp({ githubPort: github.port, nodeArgs });
  const row = { size, load: "", calls: null };
  for (const phase of ["cold", "warm"]) {
    github.reset();
    const pr = { owner: "acme", repo: "platform", number: number++ };
    const headSha = `${String(pr.number).padStart(8, "0")}${"c".repeat(32)}`;
    github.addPullRequest(`${pr.owner}/${pr.repo}`, pr.number, {
      headSha,
      files: pullRequestFiles(size, pr.number * 10_000),
    });
    const sent = performance.now();
    const ack = await deliver(
      app.url,
      // The warm one on another installation: its writes are not spaced behind the first's.
      pullRequestDelivery({
        ...pr,
        id: `single-${pr.number}`,
        installationId: phase === "cold" ? 1 : 2,
        headSha,
      }),
    );
    await until(() => github.completedAt.has(headSha));
    row[phase] = { ack, completed: github.completedAt.get(headSha) - sent };
    await settled(github);
    row.calls = new Map(github.calls);
    row.comments = github.reviews.reduce((n, r) => n + r.comments, 0);
  }
  row.peakRss = app.peakRss();
  row.load = load();
  await app.stop();
  single.push(row);
  console.log(
    `${size} files: ack ${ms(row.warm.ack)}, completed check after ${seconds(row.warm.completed)} (first after start ${seconds(row.cold.completed)}), peak RSS ${mb(row.peakRss)}, load ${row.load}`,
  );
}

// 2. The burst, with one and with two App processes.
const burst = [];
async function runBurst(label, processes, redisUrl) {
  const apps = [];
  for (let i = 0; i < processes; i++) {
    apps.push(await startApp({ githubPort: github.port, redisUrl, nodeArgs }));
  }
  github.reset();
  const deliveries = Array.from({ length: BURST }, (_, i) => {
    const installationId = (i % INSTALLATIONS) + 1;
    const pr = { owner: `org-${installationId}`, repo: "repo", number: number++ };
    const headSha = `${String(pr.number).padStart(8, "0")}${"d".repeat(32)}`;
    github.addPullRequest(`${pr.owner}/${pr.repo}`, pr.number, {
      headSha,
      files: pullRequestFiles(BURST_FILES, pr.number * 10, (f) => f === 0 && i % 4 === 0),
    });
    return pullRequestDelivery({ ...pr, id: `burst-${pr.number}`, installationId, headSha });
  });
  const before = apps.map((a) => mainThreadTimes(a.pid));
  const began = performance.now();
  const latencies = await Promise.all(
    deliveries.map((d, i) => deliver(apps[i % apps.length].url, d)),
  );
  const acknowledged = performance.now() - began;
  const mainThread = threadTimesSince(apps, before);
  await until(() => github.completedAt.size >= BURST);
  const finished = Math.max(...github.completedAt.values()) - began;
  await settled(github);
  const peakRss = Math.max(...apps.map((a) => a.peakRss()));
  const appAckP99 = Math.max(...(await Promise.all(apps.map((a) => serverAckP99(a.url)))));
  const row = {
    label,
    latencies: latencies.sort((a, b) => a - b),
    acknowledged,
    finished,
    peakRss,
    appAckP99,
    mainThread,
    calls: new Map(github.calls),
    load: load(),
  };
  for (const app of apps) await app.stop();
  burst.push(row);
  console.log(
    `burst, ${label}: ack p50 ${ms(percentile(row.latencies, 0.5))} p99 ${ms(percentile(row.latencies, 0.99))}, all completed after ${seconds(finished)}, load ${row.load}`,
  );
}

/** Main-thread run and CPU-wait time of `processes` since `before`, summed; null off Linux. */
function threadTimesSince(processes, before) {
  const after = processes.map((p) => mainThreadTimes(p.pid));
  if (before.some((t) => t === null) || after.some((t) => t === null)) return null;
  return {
    ranMs: after.reduce((sum, t, i) => sum + t.ranMs - before[i].ranMs, 0),
    waitedMs: after.reduce((sum, t, i) => sum + t.waitedMs - before[i].waitedMs, 0),
  };
}

/** The same burst to the bare receiver: what any Node receiver gets from this machine now. */
async function runFloor() {
  const bare = await startBareServer();
  const deliveries = Array.from({ length: BURST }, (_, i) => {
    const installationId = (i % INSTALLATIONS) + 1;
    const pr = { owner: `org-${installationId}`, repo: "repo", number: number++ };
    const headSha = `${String(pr.number).padStart(8, "0")}${"d".repeat(32)}`;
    return pullRequestDelivery({ ...pr, id: `floor-${pr.number}`, installationId, headSha });
  });
  const before = [mainThreadTimes(bare.pid)];
  const began = performance.now();
  const latencies = await Promise.all(deliveries.map((d) => deliver(bare.url, d)));
  const acknowledged = performance.now() - began;
  const mainThread = threadTimesSince([bare], before);
  await bare.stop();
  const row = {
    label: "bare node:http receiver (yardstick)",
    latencies: latencies.sort((a, b) => a - b),
    acknowledged,
    mainThread,
    load: load(),
  };
  burst.push(row);
  console.log(
    `burst, ${row.label}: ack p50 ${ms(percentile(row.latencies, 0.5))} p99 ${ms(percentile(row.latencies, 0.99))}, load ${row.load}`,
  );
}

let skipped = null;
if (BURST > 0 && BURST_PROCESSES.includes(1)) {
  await runBurst("1 process (in-process queue)", 1);
}
if (BURST > 0 && BURST_PROCESSES.includes(2)) {
  const redis = await startRedis();
  if (redis) {
    await runBurst("2 processes (Redis, BullMQ)", 2, redis.url);
    await redis.stop();
  } else {
    skipped =
      "2 processes (Redis): skipped, redis-server is not installed (apt-get install redis-server)";
  }
}
if (BURST > 0 && FLOOR) await runFloor();
await github.close();

// The table.
const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
};

if (single.length > 0) {
  console.log(
    "\nPull requests, one at a time (fresh App process per size; second pull request warm):",
  );
  table(
    [
      "files",
      "ack",
      "to completed check",
      "first after start",
      "API calls",
      "inline comments",
      "peak RSS",
      "load avg 1/5/15",
    ],
    single.map((r) => [
      r.size.toLocaleString("en"),
      ms(r.warm.ack),
      seconds(r.warm.completed),
      seconds(r.cold.completed),
      [...r.calls.values()].reduce((a, b) => a + b, 0),
      r.comments,
      mb(r.peakRss),
      r.load,
    ]),
  );
  const routes = [...new Set(single.flatMap((r) => [...r.calls.keys()]))].sort();
  console.log("\nGitHub API calls by route (the warm pull request of each size):");
  table(
    ["route", ...single.map((r) => `${r.size.toLocaleString("en")} files`)],
    routes.map((route) => [route, ...single.map((r) => r.calls.get(route) ?? 0)]),
  );
}
if (burst.length > 0) {
  console.log(
    `\nBurst: ${BURST} pull_request deliveries across ${INSTALLATIONS} installations (${BURST_FILES} manifests each), sent at once:`,
  );
  table(
    [
      "receiver",
      "ack p50",
      "ack p99",
      "ack max",
      "App's ack p99 (metrics)",
      "main thread ran / waited for a CPU",
      "all acked",
      "all completed",
      "scans/s",
      "API calls",
      "peak RSS",
      "load avg 1/5/15",
    ],
    burst.map((r) => [
      r.label,
      ms(percentile(r.latencies, 0.5)),
      ms(percentile(r.latencies, 0.99)),
      ms(r.latencies.at(-1)),
      r.appAckP99 === undefined ? "—" : `≤ ${ms(r.appAckP99)}`,
      r.mainThread ? `${ms(r.mainThread.ranMs)} / ${ms(r.mainThread.waitedMs)}` : "—",
      seconds(r.acknowledged),
      r.finished === undefined ? "—" : seconds(r.finished),
      r.finished === undefined ? "—" : (BURST / (r.finished / 1000)).toFixed(1),
      r.calls ? [...r.calls.values()].reduce((a, b) => a + b, 0) : "—",
      r.peakRss === undefined ? "—" : mb(r.peakRss),
      r.load,
    ]),
  );
}
if (skipped) console.log(skipped);
if (github.graphqlErrors.length > 0) {
  console.log(
    `\nGraphQL queries GitHub's schema rejects: ${[...new Set(github.graphqlErrors)].join("; ")}`,
  );
}
