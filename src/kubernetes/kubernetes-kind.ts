import type { Problem, SourceFile } from "../core/types.js";
import type { FileKind, KindOptions, RawFinding } from "../engine/file-kind.js";
import { LineIndex } from "../yaml/line-index.js";
import { problemPosition } from "../yaml/parse-stream.js";
import { splitDocuments } from "../yaml/split-documents.js";
import { EXCEPTION_GUIDANCE, type KubernetesRule, renderMessage } from "./rule.js";
import { rulesFor, scanChunk, verifiedFix } from "./scan-document.js";
import { mayHaveFindings } from "./screen.js";

const MANIFEST_EXTENSIONS = /\.(?:ya?ml|json)$/i;

/** Kubernetes manifests and fragments of them (Helm values, Kustomize patches), YAML or JSON. */
export function kubernetesKind(rules: readonly KubernetesRule[]): FileKind {
  return {
    id: "kubernetes",
    claims: (path) => MANIFEST_EXTENSIONS.test(path),
    scan: (file, options) => scanManifest(file, options, rules),
  };
}

function scanManifest(
  file: SourceFile,
  options: KindOptions,
  allRules: readonly KubernetesRule[],
): { findings: RawFinding[]; problems: Problem[] } {
  const { text, path } = file;
  const { limits, level } = options;
  if (text.length > limits.maxFileSize) {
    return {
      findings: [],
      problems: [
        problem(
          path,
          "too-large",
          `file is ${text.length} characters, over the limit of ${limits.maxFileSize}; not scanned`,
          1,
          1,
        ),
      ],
    };
  }
  if (text.includes("\u0000")) {
    return {
      findings: [],
      problems: [
        problem(path, "binary", "file looks binary (it holds NUL bytes); not scanned", 1, 1),
      ],
    };
  }
  const rules = rulesFor(allRules, level);
  const index = new LineIndex(text);
  const findings: RawFinding[] = [];
  const problems: Problem[] = [];
  for (const chunk of splitDocuments(text)) {
    if (!mayHaveFindings(chunk.text, level)) continue;
    const scanned = scanChunk(chunk, rules, level, limits, options.identityPath);
    for (const p of scanned.problems) {
      const pos = problemPosition(index, p.offset);
      problems.push(problem(path, p.code, p.message, pos.line, pos.column));
    }
    for (const r of scanned.reports) {
      const span = index.span(r.report.at[0], r.report.at[1]);
      const container = r.report.container;
      const data = { container: container?.label ?? "", ...(r.report.data ?? {}) };
      const template = r.rule.messages[r.report.messageId] ?? r.report.messageId;
      const fix =
        options.fixes && r.report.fix
          ? verifiedFix(
              r.report.fix,
              r,
              chunk,
              scanned,
              text,
              index,
              rules,
              level,
              limits,
              options.identityPath,
            )
          : null;
      findings.push({
        ruleId: r.rule.id,
        pss: r.rule.pss?.control ?? null,
        severity: r.report.severity ?? r.rule.severity,
        path,
        line: span.line,
        endLine: span.endLine,
        column: span.column,
        endColumn: span.endColumn,
        message: renderMessage(template, data),
        remediation: r.rule.remediation,
        removes: r.rule.removes,
        explanation: r.rule.rationale,
        exception: EXCEPTION_GUIDANCE,
        resource: r.pod.resource,
        container: container ? container.label : null,
        field: r.report.field,
        identity: r.identity,
        annotatedException: r.pod.exceptions.get(r.rule.id) ?? null,
        ...(fix ? { fix } : {}),
      });
    }
  }
  return { findings, problems };
}

function problem(
  path: string,
  code: Problem["code"],
  message: string,
  line: number,
  column: number,
): Problem {
  return { path, code, message, line, column };
}
