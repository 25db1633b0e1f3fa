/**
 * A burst of signed `pull_request` webhooks against the real App on Probot's server on 127.0.0.1,
 * with a local stand-in for GitHub's API (an HTTP server, so time is real): by default 200
 * deliveries across 20 installations, all sent at once. Prints the acknowledgement latency
 * percentiles, the time until every scan completed its check run, GitHub API calls by route and
 * the process's peak RSS. The App runs as `npm start` runs it: in-process queue (4 scans at once),
 * worker threads, Probot's write spacing (1 s per installation) on. Each pull request changes no
 * file, so this measures the App's plumbing, not the engine. `npm run bench:webhooks` builds
 * first; numbers are printed, never asserted.
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { Probot, Server } from "probot";
import { createApp } from "../lib/app/create-app.js";
import { createGitHubClient } from "../lib/app/octokit-options.js";

const DELIVERIES = Number(process.argv[2] ?? 200);
const INSTALLATIONS = Number(process.argv[3] ?? 20);
const SECRET = "bench-secret";

const require = createRequire(import.meta.url);
const examples = JSON.parse(
  readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
);
const opened = examples
  .find((g) => g.name === "pull_request")
  .examples.find((e) => e.action === "opened");

const headOf = (repo, number) =>
  createHmac("sha1", "head").update(`${repo}#${number}`).digest("hex");

/** GitHub's API as far as a scan of a pull request that changes no file needs it. */
function startGitHub() {
  const calls = new Map();
  let completed = 0;
  let runs = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const url = new URL(req.url, "http://x");
      const path = url.pathname;
      const send = (status, value) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      const route = (name) => calls.set(name, (calls.get(name) ?? 0) + 1);
      if (req.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
        route("POST /app/installations/{id}/access_tokens");
        return send(201, { token: "ghs_bench", expires_at: "2999-01-01T00:00:00Z" });
      }
      if (req.method === "GET" && path === "/app") {
        route("GET /app");
        return send(200, { id: 1, slug: "privilege-guard" });
      }
      if (req.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
        route("POST /repos/{o}/{r}/check-runs");
        runs++;
        return send(201, { id: runs, html_url: `https://github.com/runs/${runs}` });
      }
      if (req.method === "PATCH" && /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/.test(path)) {
        route("PATCH /repos/{o}/{r}/check-runs/{id}");
        if (JSON.parse(body).status === "completed") completed++;
        return send(200, {});
      }
      if (req.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) {
        route("GET /repos/{o}/{r}/contents/{path}");
        return send(404, { message: "Not Found" });
      }
      const pull = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/.exec(path);
      if (req.method === "GET" && pull) {
        route("GET /repos/{o}/{r}/pulls/{n}");
        const sha = headOf(pull[1], pull[2]);
        return send(200, {
          number: Number(pull[2]),
          state: "open",
          changed_files: 0,
          user: { login: "octocat" },
          html_url: `https://github.com/${pull[1]}/pull/${pull[2]}`,
          head: { sha },
          base: { sha: "b".repeat(40) },
        });
      }
      if (
        req.method === "GET" &&
        /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/(files|comments|reviews)$/.test(path)
      ) {
        route(`GET /repos/{o}/{r}/pulls/{n}/${path.split("/").pop()}`);
        return send(200, []);
      }
      if (req.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/compare\//.test(path)) {
        route("GET /repos/{o}/{r}/compare/{basehead}");
        return send(200, { merge_base_commit: { sha: "b".repeat(40) }, files: [] });
      }
      route(`unexpected ${req.method} ${path}`);
      return send(404, { message: "Not Found" });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: server.address().port, calls, done: () => completed }),
    ),
  );
}

function delivery(i) {
  const installation = (i % INSTALLATIONS) + 1;
  const number = Math.floor(i / INSTALLATIONS) + 1;
  const payload = structuredClone(opened);
  const owner = `org-${installation}`;
  payload.installation = { id: installation };
  payload.number = number;
  payload.pull_request.number = number;
  payload.repository.owner.login = owner;
  payload.repository.name = "repo";
  payload.repository.full_name = `${owner}/repo`;
  payload.pull_request.head.sha = headOf(`${owner}/repo`, String(number));
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": `bench-${i}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

const github = await startGitHub();
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const options = {
  appId: 1,
  privateKey,
  secret: SECRET,
  baseUrl: `http://127.0.0.1:${github.port}`,
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
while (github.done() < DELIVERIES) await new Promise((resolve) => setTimeout(resolve, 20));
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
github.server.close();
