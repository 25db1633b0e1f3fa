/**
 * Kubernetes' own Pod Security Admission fixtures, vendored in test/fixtures/psa (see its README):
 * the labels, and a scan of one fixture at a level.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@jest/globals";
import { type Finding, type Level, type PssControl, scan } from "../../src/catalogue/index.js";

export interface PsaLabel {
  readonly file: string;
  readonly level: Level;
  readonly expect: "pass" | "fail";
  readonly control: PssControl | null;
  readonly accept?: readonly PssControl[];
}

/** The vendored copy: the suite needs nothing outside the repository. */
export const PSA_ROOT = fileURLToPath(new URL("../fixtures/psa/", import.meta.url));

export const psaLabels: readonly PsaLabel[] = JSON.parse(
  readFileSync(path.join(PSA_ROOT, "labels.json"), "utf8"),
) as PsaLabel[];

/** The findings of one fixture scanned at `level` (its own level by default); it must parse. */
export function scanFixture(label: PsaLabel, level: Level = label.level): Finding[] {
  const text = readFileSync(path.join(PSA_ROOT, label.file), "utf8");
  const [result] = scan([{ path: label.file, text }], { level });
  expect(result?.problems).toEqual([]);
  return [...(result?.findings ?? [])];
}
