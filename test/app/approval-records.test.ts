import { describe, expect, it } from "@jest/globals";
import {
  approvalRecord,
  approveCommandNames,
  withApprovals,
} from "../../src/app/approval-records.js";
import { defaultConfig } from "../../src/config/schema.js";
import type { ApprovalGate } from "../../src/evaluation/approval.js";
import type { Accepted } from "../../src/evaluation/evaluation.js";
import { applyExceptions } from "../../src/evaluation/exceptions.js";
import { buildCheckRun } from "../../src/report/check-run.js";
import { awaitsApproval, resourceToken } from "../../src/report/check-run-approvals.js";
import {
  type ApprovalRecord,
  approvalMarker,
  findApprovalRecords,
} from "../../src/report/markers.js";
import { change, PRIVILEGED, tcpdumpDeployment } from "../diff/scenarios.js";
import { evaluationOf } from "../support/evaluation.js";

const PATH = "deploy/netops/sniffer.yaml";

/** The sniffer Deployment with an exception annotation on its metadata. */
function annotated(reason: string): string {
  return tcpdumpDeployment(PRIVILEGED).replace(
    "  labels:\n    app: sniffer\nspec:",
    `  labels:\n    app: sniffer\n  annotations:\n    privilege-guard.io/allow-privileged: ${JSON.stringify(reason)}\nspec:`,
  );
}

/** The exceptions a change adding the annotated Deployment requests. */
function requested(reason: string) {
  const c = change([{ path: PATH, base: tcpdumpDeployment(), head: annotated(reason) }]);
  return applyExceptions(c.result.introduced, defaultConfig(), []).accepted;
}

describe("approvals of exceptions requested in a pull request", () => {
  const [exception] = requested("captures node traffic for NET-7");
  if (!exception) throw new Error("the change requests an exception");

  it("names the object the way an approve command does", () => {
    expect(resourceToken(exception.finding)).toMatch(/^Deployment\/[^/]+\/sniffer$/);
    const token = resourceToken(exception.finding);
    const [, namespace] = token.split("/");
    for (const resource of [null, token, token.toLowerCase(), "sniffer", `${namespace}/sniffer`]) {
      expect([resource, approveCommandNames(exception, "privileged", resource)]).toEqual([
        resource,
        true,
      ]);
    }
    expect(approveCommandNames(exception, "privileged", "Deployment/other/sniffer")).toBe(false);
    expect(approveCommandNames(exception, "host-namespaces", null)).toBe(false);
    expect(approveCommandNames(exception, "Privileged", null)).toBe(true);
  });

  it("binds an approval to rule, object and reason", () => {
    const record = approvalRecord(exception, "mo", "2024-05-01T11:30:00Z");
    const [approved] = withApprovals([exception], [record]);
    expect(approved?.approval).toEqual({ by: "mo", at: "2024-05-01T11:30:00Z" });
    expect(approved && awaitsApproval(approved)).toBe(false);
    const [changed] = requested("captures node traffic for NET-8");
    expect(changed && withApprovals([changed], [record])[0]?.approval).toBeUndefined();
  });

  it("gates the check: action_required (or the configured conclusion) until approved", () => {
    const gate: ApprovalGate = {
      conclusion: "action_required",
      approvers: { writers: true, teams: [] },
    };
    const run = (approvalGate: ApprovalGate | null, accepted: Accepted[]) =>
      buildCheckRun(evaluationOf({ approvalGate, accepted })).conclusion;
    expect(run(gate, [exception])).toBe("action_required");
    expect(run({ ...gate, conclusion: "failure" as const }, [exception])).toBe("failure");
    const record = approvalRecord(exception, "mo", "2024-05-01T11:30:00Z");
    expect(run(gate, withApprovals([exception], [record]))).toBe("success");
    // Without a gate (a merge group), the exception is only flagged.
    expect(run(null, [exception])).toBe("success");
  });
});

describe("approval records", () => {
  const record: ApprovalRecord = {
    rule: "privileged",
    object: "Pod:ns/a--> <b>`x`",
    reason: "0123456789abcdef",
    by: "mo",
    at: "2024-05-01T11:30:00Z",
  };

  it("stay inside their HTML comment whatever the object's name, and read back", () => {
    const marker = approvalMarker(record);
    expect(marker).toMatch(/^<!-- privilege-guard:approval:[A-Za-z0-9_-]+ -->$/);
    expect(findApprovalRecords(`approved\n\n${marker}\n${marker}`)).toEqual([record, record]);
  });

  it("skip what is malformed", () => {
    const bad = (json: string) =>
      `<!-- privilege-guard:approval:${Buffer.from(json).toString("base64url")} -->`;
    expect(
      findApprovalRecords(
        [bad("{"), bad('["a","b"]'), bad('["a","b","c","d",5]'), bad('["","b","c","d","e"]')].join(
          "\n",
        ),
      ),
    ).toEqual([]);
  });
});
