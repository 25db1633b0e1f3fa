/**
 * What a fix must keep, checked from the texts alone: the fixed objects break no constraint of
 * Kubernetes' validation or the kubelet that the original kept, and Kubernetes objects differ
 * from the original only in the settings fixes touch.
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
  // Locality is judged on Kubernetes objects; other kinds (Compose) have their own settings.
  const kubernetes = before.map(isKubernetesObject);
  if (before.length === after.length && kubernetes.some(Boolean))
    expect(
      nonLocalChanges(
        before.filter((_, i) => kubernetes[i]),
        after.filter((_, i) => kubernetes[i]),
      ),
    ).toEqual([]);
}

function isKubernetesObject(doc: unknown): boolean {
  return typeof doc === "object" && doc !== null && "apiVersion" in doc && "kind" in doc;
}
