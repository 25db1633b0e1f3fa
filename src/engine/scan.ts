import {
  CLAIM_PREFIX_LENGTH,
  type FileKind,
  type FileReference,
  type KindOptions,
  type RawFinding,
} from "../core/file-kind.js";
import { assignFingerprints } from "../core/fingerprint.js";
import { resolveLimits } from "../core/limits.js";
import { ScanMemo } from "../core/scan-memo.js";
import type { FileResult, Finding, ScanOptions, SourceFile } from "../core/types.js";
import { withoutWeakenings } from "./weakening.js";

/**
 * Options with defaults filled in, plus the identity path for the base side of a rename. `memo`
 * goes with `related`: one per scan (and side), given to every file of it.
 */
export function kindOptions(
  options: ScanOptions | undefined,
  identityPath: string,
  related: readonly SourceFile[] = [],
  memo: ScanMemo = new ScanMemo(),
): KindOptions {
  return {
    level: options?.level ?? "baseline",
    limits: resolveLimits(options?.limits),
    fixes: options?.fixes ?? true,
    identityPath,
    charts: options?.charts ?? [],
    related,
    contextPaths: new Set((options?.context ?? []).map((f) => f.path)),
    memo,
  };
}

/**
 * Scans one file with the first kind that claims it, by path and by the text's first characters
 * (`CLAIM_PREFIX_LENGTH`). Never throws: an unexpected error becomes an
 * `internal-error` problem for that file.
 */
export function scanWith(
  kinds: readonly FileKind[],
  file: SourceFile,
  options: KindOptions,
): { kind: string | null; findings: RawFinding[]; problems: FileResult["problems"] } {
  const prefix = file.text.slice(0, CLAIM_PREFIX_LENGTH);
  const kind = kinds.find((k) => k.claims(file.path, prefix)) ?? null;
  if (!kind) return { kind: null, findings: [], problems: [] };
  try {
    const result = kind.scan(file, options);
    return { kind: kind.id, findings: [...result.findings], problems: result.problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: kind.id,
      findings: [],
      problems: [
        {
          path: file.path,
          code: "internal-error",
          message: `scanner failed: ${message}`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
}

/**
 * The files a file refers to, as the kind that reads it declares them (none when no kind claims
 * it or the kind declares none). Never throws: a kind's error gives no references.
 */
export function referencesOf(
  kinds: readonly FileKind[],
  file: SourceFile,
  options?: ScanOptions,
): readonly FileReference[] {
  const prefix = file.text.slice(0, CLAIM_PREFIX_LENGTH);
  const kind = kinds.find((k) => k.claims(file.path, prefix));
  if (!kind?.references) return [];
  try {
    return kind.references(file, resolveLimits(options?.limits));
  } catch {
    return [];
  }
}

/** Gives every finding of one result list a unique fingerprint. */
export function withFingerprints(findings: readonly RawFinding[]): Finding[] {
  const prints = assignFingerprints(findings.map((f) => f.identity));
  return findings.map((f, i) => ({ ...f, fingerprint: prints[i] ?? "" }));
}

/** Scans files; every file gets a result, in input order. */
export function scanFiles(
  kinds: readonly FileKind[],
  files: readonly SourceFile[],
  options?: ScanOptions,
): FileResult[] {
  const related = [...files, ...(options?.context ?? [])];
  const memo = new ScanMemo();
  return files.map((file) => {
    const r = scanWith(kinds, file, kindOptions(options, file.path, related, memo));
    return {
      path: file.path,
      kind: r.kind,
      findings: withFingerprints(withoutWeakenings(r.findings)),
      problems: r.problems,
    };
  });
}
