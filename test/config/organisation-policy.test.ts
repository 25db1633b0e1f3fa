import { describe, expect, it } from "@jest/globals";
import { givenOptions, parseConfig, withOrganisationPolicy } from "../../src/config/index.js";

const config = (text: string) => {
  const parsed = parseConfig(text);
  expect(parsed.errors).toEqual([]);
  return parsed.config;
};

/** A policy file: only the options it sets. */
const policy = (text: string) => {
  const parsed = parseConfig(text);
  expect(parsed.errors).toEqual([]);
  return givenOptions(parsed.config, parsed.given ?? []);
};

describe("withOrganisationPolicy: a repository may tighten the organisation's policy, never loosen it", () => {
  it.each([
    ["level: restricted", "level: baseline", "level", "restricted"],
    ["level: baseline", "level: restricted", "level", "restricted"],
    ["failOn: medium", "failOn: critical", "failOn", "medium"],
    ["failOn: high", "failOn: low", "failOn", "low"],
    ["onError: failure", "onError: neutral", "onError", "failure"],
    ["onError: neutral", "onError: failure", "onError", "failure"],
    ["onUnreadable: failure", "onUnreadable: neutral", "onUnreadable", "failure"],
    [
      "allowAnnotationExceptions: false",
      "allowAnnotationExceptions: true",
      "allowAnnotationExceptions",
      false,
    ],
    [
      "allowAnnotationExceptions: true",
      "allowAnnotationExceptions: false",
      "allowAnnotationExceptions",
      false,
    ],
  ] as const)("organisation %j, repository %j: %s is %j", (org, repo, key, expected) => {
    expect(withOrganisationPolicy(policy(org), config(repo))[key]).toEqual(expected);
  });

  it("keeps the organisation's failing severity when the repository leaves it out", () => {
    expect(withOrganisationPolicy(config("failOn: low"), config("level: baseline")).failOn).toBe(
      "low",
    );
  });

  it("lets the organisation decide who approves a requested exception; a repository can only take writers away", () => {
    const org = policy(
      "exceptionApproval:\n  conclusion: failure\n  approvers:\n    teams: [acme/security]",
    );
    const repo = config(
      "exceptionApproval:\n  approvers:\n    writers: false\n    teams: [acme/shop-devs]",
    );
    expect(withOrganisationPolicy(org, repo).exceptionApproval).toEqual({
      conclusion: "failure",
      approvers: { writers: false, teams: ["acme/security"] },
    });
    expect(withOrganisationPolicy(policy("level: baseline"), repo).exceptionApproval).toEqual(
      repo.exceptionApproval,
    );
  });

  it("takes the organisation's review.maxComments when it sets one, the repository's otherwise", () => {
    const repo = config("review:\n  maxComments: 20");
    expect(withOrganisationPolicy(policy("review:\n  maxComments: 200"), repo).review).toEqual({
      maxComments: 200,
    });
    expect(withOrganisationPolicy(policy("level: baseline"), repo).review).toEqual({
      maxComments: 20,
    });
  });

  it("adds up exceptions and path globs: the organisation's apply in every repository", () => {
    const org = policy(
      [
        "paths:",
        "  include: ['**/*.{yaml,yml,json}', 'charts/**/*.tpl']",
        "  exclude: ['vendor/**']",
        "exceptions:",
        "  - rule: privileged",
        "    kind: DaemonSet",
        "    name: calico-node",
        "    reason: CNI agent, reviewed by the platform team",
      ].join("\n"),
    );
    const repo = config(
      [
        "paths:",
        "  include: ['deploy/**']",
        "  exclude: ['deploy/dev/**']",
        "exceptions:",
        "  - rule: hostPathVolumes",
        "    name: log-agent",
        "    reason: reads node logs",
      ].join("\n"),
    );
    const merged = withOrganisationPolicy(org, repo);
    expect(merged.paths).toEqual({
      include: ["**/*.{yaml,yml,json}", "charts/**/*.tpl", "deploy/**"],
      exclude: ["vendor/**", "deploy/dev/**"],
    });
    expect(merged.exceptions.map((e) => e.reason)).toEqual([
      "CNI agent, reviewed by the platform team",
      "reads node logs",
    ]);
  });
});
