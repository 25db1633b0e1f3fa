/**
 * Everything the App posts is built from escaped parts: names a pull request chooses (services,
 * containers, resources, namespaces, capabilities, sysctls, reasons, parse errors) can neither
 * mention a user or team, link an issue, inject HTML or a link, nor break a code span. Checked by
 * parsing what is posted with a real CommonMark + GFM parser (micromark, as GitHub's renderer
 * follows the same specification).
 */
import { describe, expect, it } from "@jest/globals";
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { placeFindings } from "../../src/diff/place-findings.js";
import { buildCheckRun } from "../../src/report/check-run.js";
import { escapeText, inlineCode, ruleMarkdown } from "../../src/report/github-markdown.js";
import { buildReview } from "../../src/report/review.js";
import { change } from "../diff/scenarios.js";
import { evaluationOf } from "../support/evaluation.js";

const HOSTILE = [
  "@acme/admins",
  "@octocat",
  "#1",
  "GH-12",
  "<img src=x onerror=alert(1)>",
  "<!--",
  "`",
  "``x`",
  "x`y",
  "](https://evil.example)",
  "[click](https://evil.example)",
  "https://evil.example/x",
  "www.evil.example",
  "mail@evil.example",
  "**bold** _em_",
  "| cell |",
  "\\`",
];

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child as Nodes, visit);
}

/** What the text may hold: the App's own HTML and links only, no reference GitHub would link. */
function expectInert(markdown: string, ownLinks: readonly string[] = []): void {
  walk(parse(markdown), (n) => {
    if (n.type === "html")
      for (const line of n.value.split("\n"))
        expect(line).toMatch(
          /^(<\/?details>|<summary>[^<>]*<\/summary>|<!-- privilege-guard[^>]*-->)$/,
        );
    if (n.type === "link" || n.type === "image") expect(ownLinks).toContain(n.url);
    if (n.type === "linkReference" || n.type === "imageReference" || n.type === "definition")
      throw new Error(`reference in posted text: ${JSON.stringify(n)}`);
    if (n.type === "text") {
      expect(n.value).not.toMatch(/@[A-Za-z0-9]/);
      expect(n.value).not.toMatch(/#[0-9]/);
      expect(n.value).not.toMatch(/\bGH-[0-9]/i);
    }
  });
}

/** The code span texts of the Markdown, as a reader sees them. */
function codeTexts(markdown: string): string[] {
  const out: string[] = [];
  walk(parse(markdown), (n) => {
    if (n.type === "inlineCode") out.push(n.value);
  });
  return out;
}

describe("inlineCode, escapeText and ruleMarkdown", () => {
  it.each(HOSTILE)("inlineCode(%j) is one code span holding the text", (text) => {
    const md = `before ${inlineCode(text)} after`;
    expectInert(md);
    expect(codeTexts(md)).toEqual([text]);
  });

  it.each(HOSTILE)("escapeText(%j) shows the text, inert", (text) => {
    const md = `Reason: ${escapeText(text)}`;
    expectInert(md);
    const shown: string[] = [];
    walk(parse(md), (n) => {
      if (n.type === "text") shown.push(n.value);
    });
    expect(shown.join("").replace(/\u2060/g, "")).toBe(`Reason: ${text}`);
  });

  it.each(HOSTILE)("ruleMarkdown neutralises %j written raw in a rule's text", (text) => {
    const md = ruleMarkdown(
      `Container ${inlineCode("web")} sets ${text} and \`privileged: true\`.`,
    );
    expectInert(md);
    // Without backticks of its own, the text leaves the rule's code spans as the rule wrote them.
    if (!text.includes("`"))
      expect(codeTexts(md)).toEqual(expect.arrayContaining(["web", "privileged: true"]));
  });

  it("ruleMarkdown reads backtick runs as CommonMark does (unmatched runs, escaped backticks)", () => {
    expect(codeTexts(ruleMarkdown("a `` b ` c `` d"))).toEqual(["b ` c"]);
    expectInert(ruleMarkdown("\\`@octocat` then `x`"));
    expectInert(ruleMarkdown("``` @octocat `x`"));
  });
});

const SERVICE = "@acme/admins <img src=x> #1 `x` [y](https://evil.example)";
const COMPOSE_BASE = "services:\n  web:\n    image: nginx:1.27\n";
const COMPOSE_HEAD = `services:
  web:
    image: nginx:1.27
  "${SERVICE.replace(/"/g, '\\"')}":
    image: nicolaka/netshoot
    command: tcpdump -i any
    privileged: true
    cap_add: ["SYS_ADMIN"]
    security_opt: ["seccomp:unconfined"]
`;
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: "x-@octocat"
  namespace: "#12"
spec:
  securityContext:
    sysctls:
      - name: "kernel.\`@acme/admins\`"
        value: "1"
  containers:
    - name: "c\`@acme/security\`<b>"
      image: busybox
      securityContext:
        privileged: true
        capabilities:
          add: ["@octocat", "SYS_ADMIN"]
`;

describe("what the App posts for a pull request with hostile names", () => {
  const c = change(
    [
      { path: "compose.yaml", base: COMPOSE_BASE, head: COMPOSE_HEAD },
      { path: "k8s/pod.yaml", base: null, head: POD },
    ],
    "baseline",
  );
  const placements = placeFindings(c.result.introduced, c.patches);
  const checkRunUrl = "https://github.com/o/r/runs/42";

  it("finds the settings (the names did not stop the scan)", () => {
    expect(c.result.introduced.length).toBeGreaterThanOrEqual(6);
    expect(placements.filter((p) => p.kind === "inline").length).toBeGreaterThanOrEqual(6);
  });

  it("every inline comment, the review body and the check run are inert", () => {
    const review = buildReview(placements, new Set(), {
      level: "baseline",
      commandName: "/privilege-guard",
      checkRunUrl,
      headTexts: c.headTexts,
    });
    expect(review).not.toBeNull();
    const ownLinks = [checkRunUrl, ...docLinks(review?.body ?? "")];
    expectInert(review?.body ?? "", ownLinks);
    for (const comment of review?.comments ?? []) expectInert(comment.body, docLinks(comment.body));

    const evaluation = evaluationOf({
      reported: c.result.introduced,
      headTexts: c.headTexts,
      files: 2,
      problems: [
        {
          path: "k8s/<b>@octocat</b>.yaml",
          code: "parse-error",
          message: "bad indentation near `@acme/admins` <script>",
          line: 1,
          column: 1,
        },
      ],
    });
    const run = buildCheckRun(evaluation);
    expectInert(run.summary, docLinks(run.summary));
    if (run.text) expectInert(run.text, docLinks(run.text));
  });

  it("the service name is shown whole, in a code span", () => {
    const run = buildCheckRun(evaluationOf({ reported: c.result.introduced, files: 2 }));
    const spans = [...codeTexts(run.summary), ...codeTexts(run.text ?? "")];
    expect(spans.some((s) => s.includes(SERVICE))).toBe(true);
  });
});

/** Links the App writes itself: to its documentation (never to a place a name chose). */
function docLinks(markdown: string): string[] {
  const out: string[] = [];
  walk(parse(markdown), (n) => {
    if (n.type === "link" && !n.url.includes("evil")) out.push(n.url);
  });
  return out;
}
