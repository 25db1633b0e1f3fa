/**
 * A burst of signed `pull_request` webhooks against the real App on Probot's server on 127.0.0.1,
 * with the local stand-in for GitHub's API of `github-stand-in.js` (an HTTP server, so time is real): by default 200
 * deliveries across 20 installations, all sent at once. Prints the acknowledgement latency
 * percentiles, the time until every scan completed its check run, GitHub API calls by route and
 * the process's peak RSS. The App runs as `npm start` runs it: in-process queue (4 scans at once),
 * worker threads, Probot's write spacing (1 s per installation) on. Each pull request changes no
 * file, so this measures the App's plumbing, not the engine. `npm run bench:webhooks` builds
 * first; numbers are printed, never asserted.
 */
import { generateKeyPairSync } from "node:crypto";
import { Probot, Server } from "probot";
import { createApp } from "../lib/app/create-app.js";
import { createGitHubClient } from "../lib/app/octokit-options.js";
import { pullRequestDelivery, WEBHOOK_SECRET } from "./app-process.js";
import { headOf, startGitHubStandIn } from "./github-stand-in.js";

const DELIVERIES = Number(process.argv[2] ?? 200);
const INSTALLATIONS = Number(process.argv[3] ?? 20);
/** Pull requests the stand-in does not know change no file. */
function delivery(i) {
  const installationId = (i % INSTALLATIONS) + 1;
  const number = Math.floor(i / INSTALLATIONS) + 1;
  const owner = `org-${installationId}`;
  const headSha = headOf(`${owner}/repo`, String(number));
  return pullRequestDelivery({
    id: `bench-${i}`,
    installationId,
    owner,
    repo: "repo",
    number,
    headSha,
  });
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

const github = await startGitHubStandIn();
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const options = {
  appId: 1,
  privateKey,
  secret: WEBHOOK_SECRET,
  baseUrl: github.url,
  logLevel: "fatal",
  Octokit: createGitHubClient(),
};
const quiet = await new Probot(options).ready();
let running = null;
const server = new Server({
  Probot: Probot.defaults(options),
  port: 0,
  host: "127.0.0.1",
  log: quiet.log,
});
await server.load(
  createApp({
    onStarted: (app) => {
      running = app;
    },
  }),
);
const http = await server.start();
const base = `http://127.0.0.1:${http.address().port}`;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const requests = Array.from({ length: DELIVERIES }, (_, i) => delivery(i));
const began = performance.now();
const latencies = await Promise.all(
  requests.map(async ({ body, headers }) => {
    const start = performance.now();
    const answer = await fetch(`${base}/api/github/webhooks`, { method: "POST", headers, body });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
    return performance.now() - start;
  }),
);
const acknowledged = performance.now() - began;
while (github.completedAt.size < DELIVERIES)
  await new Promise((resolve) => setTimeout(resolve, 20));
const finished = performance.now() - began;
clearInterval(sampler);

latencies.sort((a, b) => a - b);
const ms = (v) => `${v.toFixed(1)} ms`;
console.log(
  `${DELIVERIES} pull_request deliveries across ${INSTALLATIONS} installations, sent at once`,
);
console.log(
  `acknowledgement: p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1))}; all answered after ${ms(acknowledged)}`,
);
console.log(
  `every check run completed after ${(finished / 1000).toFixed(1)} s (${(DELIVERIES / (finished / 1000)).toFixed(1)} scans/s)`,
);
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
console.log("GitHub API calls by route:");
for (const [route, n] of [...github.calls].sort())
  console.log(`  ${String(n).padStart(5)}  ${route}`);

await running?.close(1000);
await server.stop();
await github.close();
