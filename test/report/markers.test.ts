import { describe, expect, it } from "@jest/globals";
import {
  commentMarker,
  findMarker,
  findMarkers,
  isReviewBody,
  REVIEW_MARKER,
} from "../../src/report/markers.js";
import { byRule, change, PRIVILEGED, tcpdumpDeployment } from "../diff/scenarios.js";

describe("markers", () => {
  const c = change([
    { path: "k8s/a.yaml", base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) },
  ]);
  const fingerprint = byRule(c.result.introduced, "privileged").fingerprint;

  it("hides a finding's fingerprint in an HTML comment and reads it back", () => {
    const marker = commentMarker(fingerprint);
    expect(marker).toBe(`<!-- privilege-guard:finding:${fingerprint} -->`);
    expect(findMarker(`**Privileged container**\n\nbody text\n\n${marker}`)).toBe(fingerprint);
  });

  it("reads repeat fingerprints (-N) and every marker of a review body, once each", () => {
    const body = [
      commentMarker("0123456789abcdef-2"),
      commentMarker(fingerprint),
      commentMarker(fingerprint),
    ].join("\n");
    expect(findMarkers(body)).toEqual(["0123456789abcdef-2", fingerprint]);
  });

  it("finds nothing in text without a marker, or with a damaged one", () => {
    expect(findMarker("LGTM")).toBeNull();
    expect(findMarker("<!-- privilege-guard:finding: -->")).toBeNull();
    expect(findMarker("<!-- privilege-guard:finding:xyz -->")).toBeNull();
    expect(findMarker(REVIEW_MARKER)).toBeNull();
  });

  it("marks review bodies", () => {
    expect(REVIEW_MARKER).toBe("<!-- privilege-guard:review -->");
    expect(isReviewBody(`${REVIEW_MARKER}\n## Privilege Guard`)).toBe(true);
    expect(isReviewBody("## Privilege Guard")).toBe(false);
  });
});
