import { describe, expect, it } from "@jest/globals";
import type { Finding } from "../../src/core/types.js";
import { type Placement, placeFindings } from "../../src/diff/place-findings.js";
import { findMarker, findMarkers, REVIEW_MARKER } from "../../src/report/markers.js";
import { buildReview, type ReviewComment, toApiComment } from "../../src/report/review.js";
import {
  byRule,
  change,
  HOST_NAMESPACES_POD,
  hardenedContext,
  only,
  PRIVILEGED,
  privilegedAgents,
  tcpdumpDeployment,
} from "../diff/scenarios.js";
import { validateRequestBody } from "../support/openapi.js";

const OPTIONS = {
  level: "baseline" as const,
  commandName: "/privilege-guard",
  checkRunUrl: "https://github.com/o/r/runs/42",
};
const CREATE_REVIEW = "/repos/{owner}/{repo}/pulls/{pull_number}/reviews";

/** The content of the first fenced block with this info string (any fence length). */
function fencedContent(body: string, info: string): string | null {
  const match = new RegExp(`^(\`{3,})${info}\\n([\\s\\S]*?)^\\1$`, "m").exec(body);
  if (!match) return null;
  return (match[2] ?? "").replace(/\n$/, "");
}

function sniffer(head: string, base = tcpdumpDeployment()) {
  const c = change([{ path: "k8s/sniffer.yaml", base, head }]);
  return { ...c, placements: placeFindings(c.result.introduced, c.patches) };
}

function expectValidRequest(draft: { body: string; comments: readonly ReviewComment[] }): void {
  const request = {
    commit_id: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
    event: "COMMENT",
    body: draft.body,
    comments: draft.comments.map(toApiComment),
  };
  expect(validateRequestBody("POST", CREATE_REVIEW, request)).toEqual([]);
}

describe("buildReview", () => {
  it("keeps one suggestion where fixes overlap: two capabilities added on one line", () => {
    const base = tcpdumpDeployment();
    const head = tcpdumpDeployment(
      "          securityContext:\n            capabilities: {add: [SYS_ADMIN, SYS_TIME]}\n",
    );
    const c = change([{ path: "k8s/sniffer.yaml", base, head }]);
    const placements = placeFindings(c.result.introduced, c.patches);
    const inline = placements.filter((p) => p.kind === "inline");
    expect(inline).toHaveLength(2);
    expect(inline.every((p) => p.kind === "inline" && p.suggestion)).toBe(true);
    const draft = buildReview(placements, new Set(), OPTIONS);
    if (!draft) throw new Error("expected a review");
    expect(draft.comments).toHaveLength(2);
    expect(new Set(draft.comments.map((k) => k.line)).size).toBe(1);
    const suggestions = draft.comments.filter((k) => fencedContent(k.body, "suggestion") !== null);
    // The most severe (SYS_ADMIN, critical) keeps the one-click fix; the other shows a diff.
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]?.body).toContain("SYS_ADMIN");
    const other = draft.comments.find((k) => !suggestions.includes(k));
    // (Not NET_ADMIN: tcpdump needs it, so its finding offers no fix to overlap with.)
    expect(other?.body).toContain("SYS_TIME");
    expect(fencedContent(other?.body ?? "", "diff")).not.toBeNull();
    expectValidRequest(draft);
  });

  it("comments on a new privileged container with the fix as a suggestion", () => {
    const s = sniffer(tcpdumpDeployment(PRIVILEGED));
    const finding = byRule(s.result.introduced, "privileged");
    const draft = buildReview(s.placements, new Set(), OPTIONS);
    if (!draft) throw new Error("expected a review");
    expect(draft.event).toBe("COMMENT");
    const comment = only(draft.comments);
    expect(comment).toMatchObject({ path: "k8s/sniffer.yaml", line: 26, side: "RIGHT" });
    expect(comment.fingerprint).toBe(finding.fingerprint);
    expect("start_line" in comment).toBe(false);
    const body = comment.body;
    expect(body.startsWith("**Privileged container** · severity **critical**")).toBe(true);
    expect(body).toContain(finding.message);
    expect(body).toContain(finding.explanation);
    expect(body).toContain(finding.fix?.description ?? "missing");
    expect(fencedContent(body, "suggestion")).toBe(finding.fix?.text.replace(/\n$/, ""));
    expect(body).toMatch(/<details>\n<summary>If this workload truly needs it<\/summary>/);
    expect(body).toContain(finding.exception);
    expect(body).toContain("privilege-guard.io/allow-privileged");
    expect(body).toContain("`/privilege-guard explain privileged` for more");
    expect(findMarker(body)).toBe(finding.fingerprint);
    expect(body.endsWith(`<!-- privilege-guard:finding:${finding.fingerprint} -->`)).toBe(true);

    expect(draft.body.startsWith(REVIEW_MARKER)).toBe(true);
    expect(draft.body).toContain("**1 new privileged setting**");
    expect(draft.body).toContain("1 commented inline");
    expect(draft.body).toContain("(https://github.com/o/r/runs/42)");
    expect(findMarkers(draft.body)).toEqual([]);
    expectValidRequest(draft);
  });

  it("spans a fix of several lines with start_line < line, both RIGHT", () => {
    const s = sniffer(
      tcpdumpDeployment(
        "          securityContext:\n            privileged: true\n            capabilities:\n              drop: [ALL]  # see ``` notes ````\n",
      ),
      tcpdumpDeployment(
        "          securityContext:\n            capabilities:\n              drop: [ALL]  # see ``` notes ````\n",
      ),
    );
    const draft = buildReview(s.placements, new Set(), OPTIONS);
    const comment = only(draft?.comments ?? []);
    expect(comment).toMatchObject({ start_line: 26, start_side: "RIGHT", line: 28, side: "RIGHT" });
    const fix = byRule(s.result.introduced, "privileged").fix;
    // The fix text holds a run of four backticks: the suggestion fence needs five.
    expect(comment.body).toContain("`````suggestion\n");
    expect(fencedContent(comment.body, "suggestion")).toBe(fix?.text.replace(/\n$/, ""));
    if (draft) expectValidRequest(draft);
  });

  it("shows a fix beyond the commented lines as a diff in <details>, not as a suggestion", () => {
    const s = sniffer(
      tcpdumpDeployment(hardenedContext("            privileged: true\n")),
      tcpdumpDeployment(hardenedContext()),
    );
    const draft = buildReview(s.placements, new Set(), { ...OPTIONS, headTexts: s.headTexts });
    const comment = only(draft?.comments ?? []);
    expect(comment.line).toBe(26);
    expect(fencedContent(comment.body, "suggestion")).toBeNull();
    expect(comment.body).toContain(
      "<summary>Suggested change (lines 26-33, beyond the lines of this comment)</summary>",
    );
    const diff = fencedContent(comment.body, "diff") ?? "";
    const head = (s.headTexts.get("k8s/sniffer.yaml") ?? "").split("\n");
    const removed = diff
      .split("\n")
      .filter((l) => l.startsWith("-"))
      .map((l) => l.slice(1));
    expect(removed).toEqual(head.slice(25, 33));
    const added = diff
      .split("\n")
      .filter((l) => l.startsWith("+"))
      .map((l) => `${l.slice(1)}\n`);
    expect(added.join("")).toBe(byRule(s.result.introduced, "privileged").fix?.text);
    expect(diff.split("\n")[0]).toBe(`@@ -26,8 +26,${added.length} @@`);
  });

  it("lists findings outside the diff in the body with file:line, rule, message and fix", () => {
    const c = change([
      {
        path: "k8s/sniffer.yaml",
        base: tcpdumpDeployment(PRIVILEGED),
        head: tcpdumpDeployment(PRIVILEGED, "sniffer-v2"),
      },
    ]);
    const finding = byRule(c.result.introduced, "privileged");
    const placements = placeFindings(c.result.introduced, c.patches);
    const draft = buildReview(placements, new Set(), { ...OPTIONS, headTexts: c.headTexts });
    if (!draft) throw new Error("expected a review");
    expect(draft.comments).toEqual([]);
    expect(draft.body).toContain("**1 new privileged setting**");
    expect(draft.body).toContain("1 listed below");
    expect(draft.body).toContain("#### `k8s/sniffer.yaml:26` · Privileged container (critical)");
    expect(draft.body).toContain(finding.message);
    expect(draft.body).toContain("rule `privileged`");
    expect(draft.body).toContain("its lines are not part of this pull request's diff");
    const added = (finding.fix?.text ?? "").replace(/\n$/, "").split("\n");
    expect(fencedContent(draft.body, "diff")).toBe(
      [
        `@@ -26,1 +26,${added.length} @@`,
        "-            privileged: true",
        ...added.map((l) => `+${l}`),
      ].join("\n"),
    );
    expect(findMarkers(draft.body)).toEqual([finding.fingerprint]);
    expectValidRequest(draft);
  });

  it("says when GitHub sent no patch, and without head texts names the lines the fix replaces", () => {
    const c = change([{ path: "k8s/debug.yaml", head: HOST_NAMESPACES_POD }]);
    const placements = placeFindings(c.result.introduced, new Map([["k8s/debug.yaml", undefined]]));
    const draft = buildReview(placements, new Set(), OPTIONS);
    expect(draft?.body).toContain(
      "GitHub shows no line-by-line diff for this file (too large or binary",
    );
    expect(draft?.body).toContain("Delete line 7.");
    expect(draft?.comments).toEqual([]);
  });

  it("returns null when there is nothing new", () => {
    expect(buildReview([], new Set(), OPTIONS)).toBeNull();
    const s = sniffer(tcpdumpDeployment(PRIVILEGED));
    const seen = new Set(s.placements.map((p) => p.finding.fingerprint));
    expect(buildReview(s.placements, seen, OPTIONS)).toBeNull();
  });

  it("posts only findings not already commented", () => {
    const c = change([
      { path: "k8s/debug.yaml", head: HOST_NAMESPACES_POD },
      { path: "k8s/sniffer.yaml", base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) },
    ]);
    const placements = placeFindings(c.result.introduced, c.patches);
    const old = byRule(c.result.introduced, "privileged").fingerprint;
    const draft = buildReview(placements, new Set([old]), OPTIONS);
    expect(draft?.comments.map((x) => x.path)).toEqual(["k8s/debug.yaml", "k8s/debug.yaml"]);
    expect(draft?.comments.map((x) => x.fingerprint)).not.toContain(old);
    expect(draft?.body).toContain("**2 new privileged settings**");
  });

  it("comments every in-hunk finding inline up to the default of 100", () => {
    const c = change([{ path: "k8s/agents.yaml", head: privilegedAgents(36) }], "baseline", false);
    const placements = placeFindings(c.result.introduced, c.patches);
    const draft = buildReview(placements, new Set(), OPTIONS);
    if (!draft) throw new Error("expected a review");
    expect(draft.comments).toHaveLength(36);
    expect(draft.overLimit).toEqual([]);
    expect(draft.body).toContain("36 commented inline.");
    expect(findMarkers(draft.body)).toEqual([]);
    expectValidRequest(draft);
  });

  it("comments maxComments findings inline and lists the rest in the body", () => {
    const c = change([{ path: "k8s/agents.yaml", head: privilegedAgents(36) }], "baseline", false);
    expect(c.result.introduced).toHaveLength(36);
    const placements = placeFindings(c.result.introduced, c.patches);
    expect(placements.every((p) => p.kind === "inline")).toBe(true);
    const draft = buildReview(placements, new Set(), { ...OPTIONS, maxComments: 30 });
    if (!draft) throw new Error("expected a review");
    expect(draft.comments).toHaveLength(30);
    expect(draft.body).toContain("**36 new privileged settings**");
    expect(draft.body).toContain("30 commented inline, 6 listed below");
    expect(draft.body).toContain(
      "over the limit of 30 inline comments per review (`review.maxComments` in the configuration)",
    );
    const inBody = findMarkers(draft.body);
    expect(inBody).toHaveLength(6);
    expect(draft.overLimit.map((f) => f.fingerprint)).toEqual(inBody);
    const all = new Set([...draft.comments.map((x) => x.fingerprint), ...inBody]);
    expect(all.size).toBe(36);
    expectValidRequest(draft);
  });

  it("keeps the most severe findings inline when there are more than maxComments", () => {
    const c = change(
      [{ path: "k8s/agents.yaml", head: privilegedAgents(12) }],
      "restricted",
      false,
    );
    const severities = new Set(c.result.introduced.map((f) => f.severity));
    expect(severities.size).toBeGreaterThan(1);
    expect(c.result.introduced.length).toBeGreaterThan(30);
    const placements = placeFindings(c.result.introduced, c.patches);
    const draft = buildReview(placements, new Set(), { ...OPTIONS, maxComments: 30 });
    if (!draft) throw new Error("expected a review");
    const rank = ["critical", "high", "medium", "low"];
    const byPrint = new Map(
      c.result.introduced.map((f) => [f.fingerprint, rank.indexOf(f.severity)]),
    );
    const inline = draft.comments.map((x) => byPrint.get(x.fingerprint) ?? -1);
    const listed = findMarkers(draft.body).map((fp) => byPrint.get(fp) ?? -1);
    expect(inline).toHaveLength(30);
    expect(listed).toHaveLength(c.result.introduced.length - 30);
    expect(Math.max(...inline)).toBeLessThanOrEqual(Math.min(...listed));
    expect(inline.filter((r) => r === 0)).toHaveLength(12);
  });

  it("keeps the body within 65,536 characters, counting the findings left out", () => {
    const head = privilegedAgents(300, "agent-with-a-rather-long-container-name-");
    const c = change([{ path: "k8s/agents.yaml", head }], "baseline", false);
    expect(c.result.introduced).toHaveLength(300);
    const placements = placeFindings(c.result.introduced, new Map());
    const draft = buildReview(placements, new Set(), OPTIONS);
    if (!draft) throw new Error("expected a review");
    expect(draft.body.length).toBeLessThanOrEqual(65_536);
    expect(draft.body.length).toBeGreaterThan(60_000);
    const listed = findMarkers(draft.body).length;
    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThan(300);
    expect(draft.body).toContain(`_${300 - listed} more findings in the check run._`);
    expect(draft.body.startsWith(REVIEW_MARKER)).toBe(true);
  });

  it("keeps a comment within 65,536 characters by dropping a huge suggestion", () => {
    const s = sniffer(tcpdumpDeployment(PRIVILEGED));
    const real = byRule(s.result.introduced, "privileged");
    const fix = real.fix;
    if (!fix) throw new Error("the engine offers a fix");
    const huge: Finding = {
      ...real,
      fix: { ...fix, text: `${"# padding\n".repeat(7000)}${fix.text}` },
    };
    const p = only(placeFindings([huge], s.patches));
    expect(p).toMatchObject({ kind: "inline", suggestion: true });
    const comment = only(buildReview([p], new Set(), OPTIONS)?.comments ?? []);
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    expect(fencedContent(comment.body, "suggestion")).toBeNull();
    expect(comment.body).toContain("too long to show here");
    expect(findMarker(comment.body)).toBe(real.fingerprint);
  });

  it("never suggests when a placement says no suggestion, even for a fix on the same lines", () => {
    const s = sniffer(tcpdumpDeployment(PRIVILEGED));
    const p = only(s.placements);
    if (p.kind !== "inline") throw new Error("expected inline");
    const noSuggestion: Placement = { ...p, suggestion: false };
    const comment = only(buildReview([noSuggestion], new Set(), OPTIONS)?.comments ?? []);
    expect(fencedContent(comment.body, "suggestion")).toBeNull();
  });
});
