/**
 * What a fix must keep, checked from the texts alone: the fixed objects break no constraint of
 * Kubernetes' validation or the kubelet that the original kept, and differ from the original
 * only in the settings fixes touch.
 */
import { expect } from "@jest/globals";
import { parseAllDocuments } from "yaml";
import { newViolations, nonLocalChanges } from "../../src/kubernetes/validity/index.js";

/** The documents as kubectl reads them (YAML 1.1: `on` is true; merge keys merge). */
function objects(text: string): unknown[] {
  return parseAllDocuments(text, { version: "1.1", merge: true, uniqueKeys: false }).flatMap((d) =>
    "toJS" in d ? [d.toJS()] : [],
  );
}

export function expectAcceptedLocalFix(code: string, output: string): void {
  const before = objects(code);
  const after = objects(output);
  expect(newViolations(before, after)).toEqual([]);
  expect(nonLocalChanges(before, after)).toEqual([]);
}
