/**
 * The container command lines of a GitHub Actions workflow or composite action: job container and
 * service `options` (flags of `docker create`) and `docker`/`podman`/`nerdctl` `run`/`create`
 * commands in `run:` steps whose shell is a POSIX shell
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax).
 */
import { codeSpan } from "../core/code-span.js";
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";

/** A `run:` step or an `options:` value, before its shell code is read. */
export interface WorkflowScript {
  readonly kind: "step" | "options";
  readonly scalar: Ref<Scalar>;
  /** Identity scope: `job:build>step:push`, `job:build>services.db.options`. */
  readonly scope: string;
  /** For messages: "job `build`, step `push`". */
  readonly where: string;
  /** Where the step (or the `options:` value) begins: an exception comment may stand above it. */
  readonly anchor: number;
}

/**
 * Shells a `run:` step may name that read POSIX shell code: `bash`, `sh`, or a custom command
 * running one (`bash -e {0}`). Others (`pwsh`, `python`, `cmd`) are not read.
 */
const POSIX_SHELL = /^(?:\S*\/)?(?:bash|sh|dash|zsh)(?:\s|$)/;

export function workflowScripts(doc: YamlDoc): WorkflowScript[] {
  const root = doc.root();
  if (!root || !isMap(root.node)) return [];
  const top = root as Ref<YAMLMap>;
  const out: WorkflowScript[] = [];
  const runs = doc.getMap(top, "runs");
  if (runs) {
    // A composite action: `runs.steps`.
    steps(doc, doc.getSeq(runs, "steps"), "action", "action", null, out);
    return out;
  }
  const workflowShell = defaultShell(doc, top);
  const jobs = doc.getMap(top, "jobs");
  if (!jobs) return out;
  for (const job of doc.entries(jobs)) {
    if (!job.value || !isMap(job.value.node)) continue;
    const jobRef = job.value as Ref<YAMLMap>;
    const jobScope = `job:${job.key}`;
    const jobWhere = `job ${codeSpan(job.key)}`;
    const container = doc.getMap(jobRef, "container");
    const containerOptions = scalarAt(doc, container, "options");
    if (containerOptions) {
      out.push({
        kind: "options",
        scalar: containerOptions,
        anchor: containerOptions.range[0],
        scope: `${jobScope}>container.options`,
        where: `${jobWhere} container`,
      });
    }
    const services = doc.getMap(jobRef, "services");
    for (const service of services ? doc.entries(services) : []) {
      const options =
        service.value && isMap(service.value.node)
          ? scalarAt(doc, service.value as Ref<YAMLMap>, "options")
          : null;
      if (!options) continue;
      out.push({
        kind: "options",
        scalar: options,
        anchor: options.range[0],
        scope: `${jobScope}>services.${service.key}.options`,
        where: `${jobWhere}, service ${codeSpan(service.key)}`,
      });
    }
    // Windows runners run `run:` steps in PowerShell unless a shell is named.
    const shell =
      defaultShell(doc, jobRef) ?? workflowShell ?? (onWindows(doc, jobRef) ? "pwsh" : null);
    steps(doc, doc.getSeq(jobRef, "steps"), jobScope, jobWhere, shell, out);
  }
  return out;
}

function steps(
  doc: YamlDoc,
  seq: Ref<YAMLSeq> | null,
  scope: string,
  where: string,
  shell: string | null,
  out: WorkflowScript[],
): void {
  if (!seq) return;
  doc.items(seq).forEach((item, position) => {
    if (!isMap(item.node)) return;
    const step = item as Ref<YAMLMap>;
    const run = scalarAt(doc, step, "run");
    if (!run) return;
    const stepShell = doc.getScalar(step, "shell");
    const effective = typeof stepShell === "string" ? stepShell : shell;
    if (effective !== null && !POSIX_SHELL.test(effective.trim())) return;
    const id = doc.getScalar(step, "id");
    const name = doc.getScalar(step, "name");
    const key =
      typeof id === "string" && id !== ""
        ? `id:${id}`
        : typeof name === "string" && name !== ""
          ? `name:${name}`
          : `#${position}`;
    const label =
      typeof name === "string" && name !== ""
        ? `step ${codeSpan(name)}`
        : typeof id === "string" && id !== ""
          ? `step ${codeSpan(id)}`
          : `step ${position + 1}`;
    out.push({
      kind: "step",
      scalar: run,
      anchor: step.range[0],
      scope: `${scope}>step:${key}`,
      where: `${where}, ${label}`,
    });
  });
}

/** `runs-on` names a Windows runner (`windows-latest`, `[self-hosted, windows]`). */
function onWindows(doc: YamlDoc, job: Ref<YAMLMap>): boolean {
  const runsOn = doc.get(job, "runs-on")?.value;
  if (!runsOn) return false;
  const labels = isSeq(runsOn.node) ? doc.items(runsOn as Ref<YAMLSeq>) : [runsOn];
  return labels.some((l) => isScalar(l.node) && /windows/i.test(String(l.node.value)));
}

/** `defaults.run.shell` of a workflow or job. */
function defaultShell(doc: YamlDoc, map: Ref<YAMLMap>): string | null {
  const run = doc.getMap(doc.getMap(map, "defaults"), "run");
  const shell = doc.getScalar(run, "shell");
  return typeof shell === "string" ? shell : null;
}

function scalarAt(doc: YamlDoc, map: Ref<YAMLMap> | null, key: string): Ref<Scalar> | null {
  const v = doc.get(map, key)?.value;
  return v && isScalar(v.node) && typeof v.node.value === "string" ? (v as Ref<Scalar>) : null;
}
