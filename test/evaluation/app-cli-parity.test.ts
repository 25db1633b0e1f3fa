/**
 * The App and the CLI say the same about the same change: one git repository (a base branch with
 * `.github/privilege-guard.yml`, a feature branch changing manifests), run through `privilege-guard
 * diff` and through the App (a pull request served by nock from the same commits' texts).
 */
import { rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "../app/support/events.js";
import { FakeGitHub } from "../app/support/fake-github.js";
import { useNockGuards } from "../app/support/nock-guards.js";
import { expectPullRequestScan } from "../app/support/scan-expectations.js";
import { createTestApp } from "../app/support/test-app.js";
import { GitFixture, GIT_ENV } from "../cli/git-fixture.js";
import { runCli } from "../cli/run-cli.js";

useNockGuards();

const pod = (name: string, lines: string[], annotations: string[] = []) =>
  [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    `  name: ${name}`,
    "  namespace: ci",
    ...(annotations.length > 0 ? ["  annotations:", ...annotations.map((a) => `    ${a}`)] : []),
    "spec:",
    ...lines,
    "",
  ].join("\n");

const container = (security: string[]) => [
  "  containers:",
  "    - name: main",
  "      image: registry.example.com/main:1.0",
  ...(security.length > 0
    ? ["      securityContext:", ...security.map((s) => `        ${s}`)]
    : []),
];

const AGENT = pod("ci-agent", [
  ...container([]),
  "  volumes:",
  "    - name: docker",
  "      hostPath:",
  "        path: /var/lib/docker",
]);
const DEBUG = pod("debug", container(["privileged: true"]));
const NET = pod("net", container(["capabilities:", "  add: [NET_ADMIN]"]));
const SNIFFER = pod("sniffer", container(["privileged: true"]), [
  'privilege-guard.io/allow-privileged: "packet capture for incident 42"',
]);
const WEB_BEFORE = pod("web", container([]));
const WEB_AFTER = pod("web", container(["privileged: true"]));

const CONFIG = `paths:
  exclude: ["debug/**"]
failOn: critical
exceptions:
  - rule: host-path-volumes
    name: ci-agent
    reason: the CI agent builds images with the node's Docker
`;

interface Said {
  /** `path:line rule` of each reported finding. */
  findings: string[];
  /** `rule reason` of each accepted exception, with "(requested)" when this change asks for it. */
  accepted: string[];
  /** The verdict: the check run's conclusion; the CLI's `verdict.conclusion` and exit code. */
  conclusion: string;
}

const dirs: GitFixture[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.dispose();
});

/** A repository: main with the config and a web Pod; `feature` changes manifests. */
function repository(config: string | null, web: string): GitFixture {
  const git = new GitFixture();
  dirs.push(git);
  if (config !== null) git.write(".github/privilege-guard.yml", config);
  git.write("k8s/web.yaml", WEB_BEFORE).commit("base");
  git.git("checkout", "-q", "-b", "feature");
  git.write("k8s/web.yaml", web);
  git.write("ci/agent.yaml", AGENT).write("debug/pod.yaml", DEBUG);
  git.write("k8s/net.yaml", NET).write("k8s/sniffer.yaml", SNIFFER);
  git.commit("feature");
  return git;
}

async function cliSays(git: GitFixture, options: string[] = []): Promise<Said> {
  const args = ["diff", "--base", "main", "--head", "feature", "--format", "json", ...options];
  const run = await runCli(args, { cwd: git.root, env: GIT_ENV });
  expect(run.stderr).toBe("");
  const json = JSON.parse(run.stdout) as {
    findings: { path: string; line: number; ruleId: string }[];
    accepted: {
      finding: { ruleId: string };
      reason: string;
      requestedInThisPr: boolean;
    }[];
    verdict: { conclusion: string; fails: boolean };
  };
  expect(run.code).toBe(json.verdict.fails ? 1 : 0);
  return {
    findings: json.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort(),
    accepted: json.accepted
      .map((a) => `${a.finding.ruleId} ${a.reason}${a.requestedInThisPr ? " (requested)" : ""}`)
      .sort(),
    conclusion: json.verdict.conclusion,
  };
}

async function appSays(
  git: GitFixture,
  config: string | null,
  organisationPolicy: string | null = null,
  requestsExceptions = true,
): Promise<Said> {
  const mergeBase = git.git("merge-base", "main", "feature").trim();
  const head = git.git("rev-parse", "feature").trim();
  const show = (rev: string, path: string) => git.git("show", `${rev}:${path}`);
  const changes = git
    .git("diff", "--name-status", mergeBase, head)
    .trim()
    .split("\n")
    .map((line) => {
      const [status, path = ""] = line.split("\t");
      return {
        path,
        ...(status === "A" ? {} : { base: show(mergeBase, path) }),
        head: show(head, path),
      };
    });
  const scenario = {
    number: 7,
    headSha: head,
    baseSha: git.git("rev-parse", "main").trim(),
    mergeBaseSha: mergeBase,
    changes,
  };
  const app = await createTestApp();
  const gh = new FakeGitHub();
  // The sniffer's annotation is requested in this change: the App reads approvals (none).
  const expectations = {
    config,
    organisationPolicy,
    reported: true,
    review: true,
    ...(requestsExceptions ? { conversation: [] } : {}),
  };
  const posted = expectPullRequestScan(gh, scenario, expectations);
  await app.receive(pullRequestEvent("opened", scenario));
  gh.assertDone();
  expect(app.jobErrors).toEqual([]);
  const [completion] = posted.checkRunUpdates;
  const output = completion?.output;
  const annotations = output?.annotations ?? [];
  const summary = output?.summary ?? "";
  // Accepted exceptions as the check run's table lists them: rule id and reason.
  const acceptedRows = summary
    .split("### Accepted exceptions")[1]
    ?.split("\n\n")[1]
    ?.split("\n")
    .slice(2)
    .map((row) => {
      const cells = row.split(" | ");
      const rule = /\(`([^`]+)`\)/.exec(cells[0] ?? "")?.[1] ?? "";
      const cell = (cells[4] ?? "").replace(/ \((config|annotation)\) \|$/, "");
      const status = /^\*\*[^*]*requested in this PR[^*]*\*\* · /.exec(cell)?.[0] ?? "";
      return `${rule} ${cell.slice(status.length)}${status ? " (requested)" : ""}`;
    });
  return {
    findings: annotations
      .filter((a) => a.annotation_level !== "notice")
      .map((a) => `${a.path}:${a.start_line} ${/rule ([a-z-]+)\)$/.exec(a.title ?? "")?.[1]}`)
      .sort(),
    accepted: (acceptedRows ?? []).sort(),
    conclusion: completion?.conclusion ?? "",
  };
}

describe("the App and the CLI on the same change", () => {
  it("with a config that excludes paths, accepts exceptions and sets failOn: the same", async () => {
    const git = repository(CONFIG, WEB_BEFORE);
    const cli = await cliSays(git);
    const app = await appSays(git, CONFIG);
    expect(cli).toEqual({
      findings: ["k8s/net.yaml:12 capabilities-baseline"],
      accepted: [
        "host-path-volumes the CI agent builds images with the node's Docker",
        "privileged packet capture for incident 42 (requested)",
      ],
      // The net finding is high, below failOn: critical; the annotation this change adds for
      // itself awaits an approval on the pull request.
      conclusion: "action_required",
    });
    expect(app).toEqual(cli);
  });

  it("with no config (the defaults: failOn high): the same, and both fail", async () => {
    const git = repository(null, WEB_AFTER);
    const cli = await cliSays(git);
    const app = await appSays(git, null);
    expect(cli.conclusion).toBe("failure");
    expect(cli.findings).toEqual([
      "ci/agent.yaml:12 host-path-volumes",
      "debug/pod.yaml:11 privileged",
      "k8s/net.yaml:12 capabilities-baseline",
      "k8s/web.yaml:11 privileged",
    ]);
    expect(app).toEqual(cli);
  });

  it("with the organisation's policy (the App reads its .github repository, the CLI --org-policy): the same", async () => {
    // The policy fails on high and forbids annotation exceptions: the repository's critical and
    // the sniffer's annotation give way to it.
    const policy = "failOn: high\nallowAnnotationExceptions: false\n";
    const git = repository(CONFIG, WEB_BEFORE);
    const policyFile = join(git.root, "..", `${basename(git.root)}-policy.yml`);
    writeFileSync(policyFile, policy);
    const cli = await cliSays(git, ["--org-policy", policyFile]);
    rmSync(policyFile);
    // With annotation exceptions forbidden, the change requests none: no approvals are read.
    const app = await appSays(git, CONFIG, policy, false);
    expect(cli).toEqual({
      findings: ["k8s/net.yaml:12 capabilities-baseline", "k8s/sniffer.yaml:13 privileged"],
      accepted: ["host-path-volumes the CI agent builds images with the node's Docker"],
      conclusion: "failure",
    });
    expect(app).toEqual(cli);
  });
});
