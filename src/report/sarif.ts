/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule described,
 * one result per finding (accepted exceptions marked as in-source suppressions), and the files that
 * could not be checked as tool execution notifications.
 */
import type { ArtifactLocation, Log, Notification, Region, Result, Fix as SarifFix } from "sarif";
import type { RuleInfo } from "../catalogue/index.js";
import type { Finding, Fix, Problem } from "../core/types.js";
import type { Accepted } from "../evaluation/evaluation.js";
import type { RunReport } from "./review-data.js";
import { ruleDescriptor, SARIF_LEVEL } from "./sarif-rules.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** The base id relative artifact URIs are resolved against. */
export const SRCROOT = "%SRCROOT%";
/** Key of the finding's stable fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = "privilegeGuard/v1";

export interface SarifOptions {
  readonly tool: {
    readonly name: string;
    readonly version: string;
    readonly informationUri: string;
  };
  readonly rules: readonly RuleInfo[];
  /** Absolute URI (ending in "/") of the directory the paths are relative to. */
  readonly srcRoot?: string;
}

export function buildSarif({ evaluation }: RunReport, options: SarifOptions): Log {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const texts = evaluation.headTexts;
  const result = (finding: Finding, accepted: Accepted | null): Result => {
    const index = ruleIndex.get(finding.ruleId);
    const fix = finding.fix ? sarifFix(finding.path, finding.fix, texts.get(finding.path)) : null;
    return {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: SARIF_LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(finding.path),
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              // SARIF's endColumn is exclusive; the engine's is inclusive.
              endColumn: finding.endColumn + 1,
            },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(fix ? { fixes: [fix] } : {}),
      ...(accepted
        ? {
            suppressions: [
              {
                // An annotation sits in the manifest; a config exception outside it.
                kind: accepted.source === "annotation" ? "inSource" : "external",
                status: "accepted",
                justification: accepted.reason,
              },
            ],
          }
        : {}),
      properties: {
        pss: finding.pss,
        field: finding.field,
        container: finding.container,
        resource: finding.resource,
        remediation: finding.remediation,
      },
    };
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            informationUri: options.tool.informationUri,
            rules: options.rules.map(ruleDescriptor),
          },
        },
        ...(options.srcRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: options.srcRoot } } } : {}),
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: evaluation.problems.map(notification),
          },
        ],
        results: [
          ...evaluation.reported.map((f) => result(f, null)),
          ...evaluation.accepted.map((a) => result(a.finding, a)),
        ],
      },
    ],
  };
}

export function renderSarif(review: RunReport, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(review, options), null, 2)}\n`;
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
export function artifactUri(path: string): string {
  return path.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

function artifact(path: string): ArtifactLocation {
  return { uri: artifactUri(path), uriBaseId: SRCROOT };
}

function notification(problem: Problem): Notification {
  return {
    level: "error",
    descriptor: { id: problem.code },
    message: { text: `${problem.path}:${problem.line}:${problem.column}: ${problem.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(problem.path),
          region: { startLine: problem.line, startColumn: problem.column },
        },
      },
    ],
  };
}

/**
 * The fix as one replacement of whole lines: from the start of `fix.line` to the start of the line
 * after `fix.endLine` (or, on a last line without a line break, to its end).
 */
function sarifFix(path: string, fix: Fix, text: string | undefined): SarifFix {
  const eol = text?.includes("\r\n") ? "\r\n" : "\n";
  const lines = text?.split(/(?<=\n)/);
  const last = lines?.[fix.endLine - 1];
  const hasFollowingLine = last === undefined || last.endsWith("\n");
  const inserted = hasFollowingLine ? fix.text : fix.text.replace(/\n$/, "");
  const deletedRegion: Region = hasFollowingLine
    ? { startLine: fix.line, startColumn: 1, endLine: fix.endLine + 1, endColumn: 1 }
    : {
        startLine: fix.line,
        startColumn: 1,
        endLine: fix.endLine,
        endColumn: last.replace(/\r?\n$/, "").length + 1,
      };
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: artifact(path),
        replacements: [
          {
            deletedRegion,
            insertedContent: { text: eol === "\n" ? inserted : inserted.replace(/\n/g, eol) },
          },
        ],
      },
    ],
  };
}
