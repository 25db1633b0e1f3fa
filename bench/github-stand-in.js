/**
 * A local stand-in for GitHub's API on 127.0.0.1 (an HTTP server, so time is real), serving what
 * the App's scan of a pull request needs: the installation token and `GET /app`, the repository's
 * config (`.github/privilege-guard.yml`; the organisation's `.github` repository has none), the
 * pull request, its files (100 a page with `Link` headers, patches included), the comparison
 * (merge base), the GraphQL blob reads the App batches (`read-blobs.ts`), check runs, reviews,
 * review comments and conversation comments. Answers are GitHub's own OpenAPI examples
 * (@octokit/openapi) with the fields the App reads filled in, so payloads have GitHub's shapes
 * and sizes; each GraphQL query is validated once against GitHub's schema
 * (@octokit/graphql-schema). Serves both `https://api.github.com`-style paths and GitHub
 * Enterprise's (`/api/v3`, `/api/graphql`), which is what `GHE_HOST` gives Probot.
 *
 * Pull requests are registered with `addPullRequest`; unregistered ones answer as pull requests
 * that change no file. Counts calls by route and records when each head's check run completed.
 *
 * The catch-up's reads (`GET /app/installations`, `GET /installation/repositories`, open pull
 * requests, a commit's check runs) answer from what is registered: the installations given to
 * `startGitHubStandIn({ installations })` (none by default, so that the deliveries bring the
 * work), every repository with a registered pull request, and the check runs created so far.
 * `stall(route)` holds the answers of a route (its name as counted) until `release()`, as a
 * GitHub that stops answering mid-scan would.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { validate as validateGraphql } from "@octokit/graphql-schema";

const require = createRequire(import.meta.url);
const spec = JSON.parse(
  readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
);
/** A fresh copy of one of GitHub's OpenAPI examples (`components.examples`). */
const example = (name) => structuredClone(spec.components.examples[name].value);
const EXAMPLES = {
  pull: example("pull-request"),
  file: example("diff-entry-items")[0],
  comparison: example("commit-comparison"),
  checkRun: example("check-run"),
  review: example("pull-request-review"),
  app: example("integration"),
  token: example("installation-token"),
};

/** The config the stand-in's repositories hold on their default branch. */
export const REPOSITORY_CONFIG = "level: baseline\nfailOn: high\n";

/** The head commit of a pull request that was not registered (stable per repository and number). */
export const headOf = (repo, number) =>
  createHmac("sha1", "head").update(`${repo}#${number}`).digest("hex");

const BASE_SHA = "b".repeat(40);
const PER_PAGE_MAX = 100;
/** GitHub lists at most 300 files in a comparison. */
const COMPARE_FILES_MAX = 300;

/**
 * Starts the stand-in. Resolves to `{ port, url, addPullRequest, calls, completedAt, reviews,
 * graphqlErrors, reset, close }`.
 */
export function startGitHubStandIn({ installations = [] } = {}) {
  /** "owner/repo#number" → { headSha, baseSha, files: [{ filename, status, patch }] } */
  const pulls = new Map();
  /** "<sha>:<path>" → text */
  const blobs = new Map();
  const calls = new Map();
  /** head sha → performance.now() when its check run completed */
  const completedAt = new Map();
  /** Reviews posted: { pull, comments } */
  const reviews = [];
  const graphqlErrors = [];
  const validatedQueries = new Set();
  let runs = 0;
  /** check run id → the run as GitHub lists it (name, head, status, external_id, app...) */
  const checkRuns = new Map();
  /** Route names whose answers are held, and the answers held (to send on `release`). */
  const stalled = new Set();
  let held = [];

  function addPullRequest(repo, number, { headSha, baseSha = BASE_SHA, files }) {
    const entries = files.map((f) => ({
      filename: f.path,
      status: f.status,
      additions: f.additions ?? 0,
      deletions: f.deletions ?? 0,
      changes: (f.additions ?? 0) + (f.deletions ?? 0),
      patch: f.patch,
    }));
    for (const f of files) {
      if (f.head !== undefined) blobs.set(`${headSha}:${f.path}`, f.head);
      if (f.base !== undefined) blobs.set(`${baseSha}:${f.path}`, f.base);
    }
    pulls.set(`${repo}#${number}`, { headSha, baseSha, files: entries });
  }

  function pullOf(repo, number) {
    return (
      pulls.get(`${repo}#${number}`) ?? {
        headSha: headOf(repo, String(number)),
        baseSha: BASE_SHA,
        files: [],
      }
    );
  }

  function pullPayload(repo, number) {
    const pr = pullOf(repo, number);
    const [owner, name] = repo.split("/");
    const value = EXAMPLES.pull;
    value.number = Number(number);
    value.state = "open";
    value.html_url = `https://github.com/${repo}/pull/${number}`;
    value.changed_files = pr.files.length;
    value.head.sha = pr.headSha;
    value.base.sha = pr.baseSha;
    value.base.repo.owner.login = owner;
    value.base.repo.name = name;
    value.base.repo.full_name = repo;
    return value;
  }

  function fileEntry(repo, headSha, f) {
    const value = EXAMPLES.file;
    const entry = {
      ...value,
      ...f,
      sha: createHmac("sha1", "blob").update(`${headSha}:${f.filename}`).digest("hex"),
      blob_url: `https://github.com/${repo}/blob/${headSha}/${f.filename}`,
      raw_url: `https://github.com/${repo}/raw/${headSha}/${f.filename}`,
      contents_url: `https://api.github.com/repos/${repo}/contents/${f.filename}?ref=${headSha}`,
    };
    if (f.patch === undefined) delete entry.patch;
    return entry;
  }

  /** The answer to the App's batched blob query: `f<i>: object(expression: $e<i>)`. */
  function blobAnswer(query, variables) {
    if (!validatedQueries.has(query)) {
      validatedQueries.add(query);
      for (const e of validateGraphql(query)) graphqlErrors.push(e.message);
    }
    const repository = {};
    for (const match of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
      const [, alias, variable] = match;
      const expression = variables[variable];
      const text = blobs.get(expression);
      repository[alias] =
        text === undefined
          ? null
          : {
              oid: createHmac("sha1", "blob").update(expression).digest("hex"),
              byteSize: Buffer.byteLength(text),
              isBinary: false,
              isTruncated: false,
              text,
            };
    }
    return { data: { repository } };
  }

  const routes = [
    [
      "POST",
      /^\/app\/installations\/(\d+)\/access_tokens$/,
      "POST /app/installations/{id}/access_tokens",
      () => {
        const value = EXAMPLES.token;
        value.token = "ghs_standin";
        value.expires_at = "2999-01-01T00:00:00Z";
        return [201, value];
      },
    ],
    [
      "GET",
      /^\/app$/,
      "GET /app",
      () => {
        const value = EXAMPLES.app;
        value.id = 1;
        value.slug = "privilege-guard";
        return [200, value];
      },
    ],
    [
      "GET",
      /^\/app\/installations$/,
      "GET /app/installations",
      () => [
        200,
        installations.map((id) => ({ ...example("base-installation-items")[0], id, app_id: 1 })),
      ],
    ],
    [
      "GET",
      /^\/installation\/repositories$/,
      "GET /installation/repositories",
      () => {
        const names = [...new Set([...pulls.keys()].map((key) => key.split("#")[0]))];
        const value = example("repository-paginated-2");
        const [template] = value.repositories;
        value.total_count = names.length;
        value.repositories = names.map((full, i) => {
          const [owner, name] = full.split("/");
          return {
            ...template,
            id: i + 1,
            name,
            full_name: full,
            owner: { ...template.owner, login: owner },
          };
        });
        return [200, value];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/pulls$/,
      "GET /repos/{o}/{r}/pulls",
      (m, url) => {
        if ((url.searchParams.get("state") ?? "open") !== "open") return [200, []];
        const [template] = example("pull-request-simple-items");
        const open = [...pulls.entries()].filter(([key]) => key.split("#")[0] === m[1]);
        return [
          200,
          open.map(([key, pr]) => ({
            ...template,
            number: Number(key.split("#")[1]),
            state: "open",
            head: { ...template.head, sha: pr.headSha },
            base: { ...template.base, sha: pr.baseSha },
          })),
        ];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]+)\/check-runs$/,
      "GET /repos/{o}/{r}/commits/{ref}/check-runs",
      (m, url) => {
        const name = url.searchParams.get("check_name");
        const status = url.searchParams.get("status");
        const listed = [...checkRuns.values()]
          .filter(
            (r) =>
              r.repo === m[1] &&
              r.head_sha === m[2] &&
              (name === null || r.name === name) &&
              (status === null || r.status === status),
          )
          .sort((a, b) => b.id - a.id)
          .slice(0, Math.min(PER_PAGE_MAX, Number(url.searchParams.get("per_page") ?? 30)))
          .map(({ repo: _repo, ...run }) => ({ ...EXAMPLES.checkRun, ...run }));
        return [200, { total_count: listed.length, check_runs: listed }];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/,
      "GET /repos/{o}/{r}/contents/{path}",
      (m) => {
        if (m[2] === ".github" || decodeURIComponent(m[3]) !== ".github/privilege-guard.yml") {
          return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
        }
        return [200, REPOSITORY_CONFIG, "application/vnd.github.raw+json; charset=utf-8"];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/,
      "GET /repos/{o}/{r}/pulls/{n}",
      (m) => [200, pullPayload(m[1], m[2])],
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/files$/,
      "GET /repos/{o}/{r}/pulls/{n}/files",
      (m, url) => {
        const pr = pullOf(m[1], m[2]);
        const perPage = Math.min(PER_PAGE_MAX, Number(url.searchParams.get("per_page") ?? 30));
        const page = Number(url.searchParams.get("page") ?? 1);
        const last = Math.max(1, Math.ceil(pr.files.length / perPage));
        const slice = pr.files.slice((page - 1) * perPage, page * perPage);
        const headers = {};
        if (page < last) {
          const at = (p) => `<${url.origin}${url.pathname}?per_page=${perPage}&page=${p}>`;
          headers.link = `${at(page + 1)}; rel="next", ${at(last)}; rel="last"`;
        }
        return [200, slice.map((f) => fileEntry(m[1], pr.headSha, f)), undefined, headers];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/,
      "GET /repos/{o}/{r}/compare/{basehead}",
      (m) => {
        const value = EXAMPLES.comparison;
        value.merge_base_commit.sha = m[2];
        value.base_commit.sha = m[2];
        const pr = [...pulls.values()].find((p) => p.headSha === m[3]);
        value.files = (pr?.files ?? [])
          .slice(0, COMPARE_FILES_MAX)
          .map((f) => fileEntry(m[1], m[3], f));
        return [200, value];
      },
    ],
    [
      "POST",
      /^\/repos\/([^/]+\/[^/]+)\/check-runs$/,
      "POST /repos/{o}/{r}/check-runs",
      (m, _url, body) => {
        runs++;
        const value = EXAMPLES.checkRun;
        value.id = runs;
        value.head_sha = body.head_sha;
        value.status = body.status ?? "queued";
        value.html_url = `https://github.com/${m[1]}/runs/${runs}`;
        if (body.status === "completed") completedAt.set(body.head_sha, performance.now());
        checkRuns.set(runs, {
          repo: m[1],
          id: runs,
          name: body.name,
          head_sha: body.head_sha,
          status: body.status ?? "queued",
          conclusion: body.conclusion ?? null,
          external_id: body.external_id ?? null,
          started_at: body.started_at ?? new Date().toISOString(),
          app: { ...EXAMPLES.app, id: 1, slug: "privilege-guard" },
        });
        return [201, value];
      },
    ],
    [
      "GET",
      /^\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/,
      "GET /repos/{o}/{r}/check-runs/{id}",
      (m) => {
        const run = checkRuns.get(Number(m[2]));
        if (!run || run.repo !== m[1]) return [404, { message: "Not Found" }];
        const { repo: _repo, ...fields } = run;
        return [200, { ...EXAMPLES.checkRun, ...fields }];
      },
    ],
    [
      "PATCH",
      /^\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/,
      "PATCH /repos/{o}/{r}/check-runs/{id}",
      (m, _url, body) => {
        const value = EXAMPLES.checkRun;
        value.id = Number(m[2]);
        value.status = body.status ?? "in_progress";
        if (body.status === "completed") {
          const head = runHeads.get(Number(m[2]));
          if (head) completedAt.set(head, performance.now());
        }
        const run = checkRuns.get(Number(m[2]));
        if (run) {
          if (body.status) run.status = body.status;
          if (body.conclusion) run.conclusion = body.conclusion;
          if (body.external_id) run.external_id = body.external_id;
        }
        return [200, value];
      },
    ],
    [
      "GET",
      /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/,
      "GET /repos/{o}/{r}/pulls/{n}/comments",
      () => [200, []],
    ],
    [
      "GET",
      /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/,
      "GET /repos/{o}/{r}/pulls/{n}/reviews",
      () => [200, []],
    ],
    [
      "GET",
      /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/,
      "GET /repos/{o}/{r}/issues/{n}/comments",
      () => [200, []],
    ],
    [
      "POST",
      /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/reviews$/,
      "POST /repos/{o}/{r}/pulls/{n}/reviews",
      (m, _url, body) => {
        reviews.push({ pull: `${m[1]}#${m[2]}`, comments: body.comments?.length ?? 0 });
        const value = EXAMPLES.review;
        value.commit_id = body.commit_id;
        value.body = body.body ?? "";
        value.state = "COMMENTED";
        return [200, value];
      },
    ],
    [
      "POST",
      /^\/graphql$/,
      "POST /graphql (blob reads)",
      (_m, _url, body) => [200, blobAnswer(body.query, body.variables ?? {})],
    ],
  ];
  /** check run id → head sha, for completions sent as updates */
  const runHeads = new Map();

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const path = url.pathname
        .replace(/^\/api\/v3(?=\/)/, "")
        .replace(/^\/api\/graphql$/, "/graphql");
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = raw ? JSON.parse(raw) : {};
      const send = (status, value, type = "application/json; charset=utf-8", headers = {}) => {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        res.writeHead(status, {
          "content-type": type,
          "x-ratelimit-limit": "5000",
          "x-ratelimit-remaining": "4999",
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
          ...headers,
        });
        res.end(text);
      };
      for (const [method, pattern, name, answer] of routes) {
        const match = req.method === method ? pattern.exec(path) : null;
        if (!match) continue;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        if (stalled.has(name)) {
          held.push(() => {
            const [status, value, type, headers] = answer(match, url, body);
            send(status, value, type, headers);
          });
          return;
        }
        const [status, value, type, headers] = answer(match, url, body);
        if (name === "POST /repos/{o}/{r}/check-runs") runHeads.set(value.id, body.head_sha);
        return send(status, value, type, headers);
      }
      const name = `unexpected ${req.method} ${path}`;
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return send(404, { message: "Not Found" });
    });
  });

  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        addPullRequest,
        calls,
        completedAt,
        reviews,
        graphqlErrors,
        /** Holds the answers of the route `name` (as counted in `calls`) until `release()`. */
        stall(name) {
          stalled.add(name);
        },
        /** Answers what was held, and holds nothing more. */
        release() {
          stalled.clear();
          const answers = held;
          held = [];
          for (const answer of answers) answer();
        },
        /** The check runs created, as GitHub lists them. */
        checkRuns: () => [...checkRuns.values()],
        /** Forgets the calls, completions and reviews seen so far (pull requests stay). */
        reset() {
          calls.clear();
          completedAt.clear();
          reviews.length = 0;
        },
        close: () => new Promise((done) => server.close(done)),
      });
    }),
  );
}
