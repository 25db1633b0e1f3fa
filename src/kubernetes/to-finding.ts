import { isMap } from "yaml";
import { codeSpan } from "../core/code-span.js";
import type { RawFinding } from "../core/file-kind.js";
import { renderMessage } from "../core/render-message.js";
import type { Fix } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { EXCEPTION_GUIDANCE } from "./rule.js";
import type { DocumentReport } from "./scan-document.js";
import type { ContainerView } from "./pod-view.js";
import { valueSubject } from "./value-pods.js";

/** How messages name a container: replaced by the subject of a security context on its own. */
const CONTAINER_SUBJECT = "Container `{{container}}`";

/**
 * A rule's report as a finding: its span from the node ranges, its message, identity and fix.
 * `values`: the file is a chart's values (`chart`), or a file named as Helm values are
 * (`named`), whose security contexts found on their own are values, not containers.
 */
export function toFinding(
  path: string,
  index: LineIndex,
  r: DocumentReport,
  fix: Fix | null,
  values: "chart" | "named" | null = null,
): RawFinding {
  const span = index.span(r.report.at[0], r.report.at[1]);
  const container = r.report.container;
  // In a values file, a security context on its own or an unnamed container mapping is a value.
  const asValue =
    !!container && (!container.ref || (container.group === "embedded" && container.name === null));
  const subject =
    container?.subject ??
    (values && asValue && container
      ? valueSubject(container.path, [], values === "chart")
      : null) ??
    (container ? (unnamedSubject(r.doc, container) ?? looseSubject(container)) : null);
  const data = {
    container: container?.label ?? "",
    subject: subject ?? "",
    ...(r.report.data ?? {}),
  };
  const written = r.rule.messages[r.report.messageId] ?? r.report.messageId;
  // A security context that is not a container (a chart value) is named as what it is.
  const template =
    subject && written.startsWith(CONTAINER_SUBJECT)
      ? `{{subject}}${written.slice(CONTAINER_SUBJECT.length)}`
      : written;
  return {
    ruleId: r.rule.id,
    pss: r.rule.pss?.control ?? null,
    severity: r.report.severity ?? r.rule.severity,
    path,
    line: span.line,
    endLine: span.endLine,
    column: span.column,
    endColumn: span.endColumn,
    message: renderMessage(template, data, ["subject"]),
    remediation: r.report.advice ?? r.rule.remediation,
    removes: r.rule.removes,
    explanation: r.rule.rationale,
    exception: EXCEPTION_GUIDANCE,
    resource: r.pod.resource,
    container: container ? unnamedPlace(container) || container.label : null,
    field: r.report.field,
    identity: r.identity,
    annotatedException: r.pod.exceptions.get(r.rule.id) ?? null,
    ...(fix ? { fix } : {}),
  };
}

/**
 * Where a container that has no name (a Tekton step, say) and no other label is in its resource
 * (`spec.steps[0]`), which reports show rather than the `#0` its identity uses; null for any other
 * container.
 */
function unnamedPlace(container: ContainerView): string | null {
  if (!container.ref || !container.label.startsWith("#")) return null;
  return container.path.replace(/\[#(\d+)\]$/, "[$1]");
}

/**
 * How a message names a security context found on its own outside a values file (by its key, in
 * a chart's named template or a resource of another kind): as the container that takes it, by
 * its place, rather than as a container named after that place; null for any other container.
 */
function looseSubject(container: ContainerView): string | null {
  if (container.ref) return null;
  return `The container that takes the security context ${codeSpan(container.path)}`;
}

/**
 * How a message names an unnamed container: by the name a chart template writes with an action
 * (`Container `{{ .Chart.Name }}``), or by its place and its image (`The unnamed container
 * `spec.steps[0]` (image `alpine`)`); null for any other container.
 */
function unnamedSubject(doc: YamlDoc, container: ContainerView): string | null {
  const place = unnamedPlace(container);
  if (place === null || !container.ref) return null;
  const written = doc.written(doc.get(container.ref, "name")?.value);
  if (written !== null) return `Container ${codeSpan(written)}`;
  const image = isMap(container.ref.node) ? container.ref.node.get("image") : null;
  const from = typeof image === "string" && image !== "" ? ` (image ${codeSpan(image)})` : "";
  // A document that is the container (a named template's whole body) has no place to name.
  return `The unnamed container${place === "" ? "" : ` ${codeSpan(place)}`}${from}`;
}
