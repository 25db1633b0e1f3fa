/**
 * The "evaluate a change" use case that the App and the CLI share. The adapters list the changed
 * entries and read sides of files; everything else is decided here: which sides to read, the
 * config's globs and level, the engine's diff, exceptions, the severity that fails and the verdict.
 * `planChange` and `evaluateContents` are pure (plain data in and out); `evaluateChange` joins
 * them through a `SideReader`.
 */

import { DEFAULT_KINDS, diff, type FileKind, readsPathWithoutText } from "../catalogue/index.js";
import type { Config } from "../config/schema.js";
import type { ChangedFile, Finding, Problem, SourceFile } from "../core/types.js";
import { type ApprovalGate, awaitsApproval } from "./approval.js";
import type { ChangeEntry, SideContent, SideReader } from "./change-entry.js";
import { type ChartContext, readChartContext } from "./chart-context.js";
import type { Accepted, Evaluation } from "./evaluation.js";
import { applyExceptions } from "./exceptions.js";
import { pathFilter } from "./include.js";
import { type PlannedFile, planReads, sideRequests } from "./plan-reads.js";
import { readReferencedContext } from "./reference-context.js";
import { decideVerdict, type VerdictPolicy } from "./verdict.js";

/** What of the configuration an evaluation uses. */
export type EvaluationConfig = Pick<
  Config,
  "level" | "paths" | "failOn" | "onUnreadable" | "exceptions" | "allowAnnotationExceptions"
>;

/**
 * Which paths are evaluated: those the config includes and a file kind reads. Build it once and
 * call it per path (the globs are compiled when it is built).
 */
export function pathSelector(
  config: Pick<Config, "paths">,
  kinds: readonly FileKind[] = DEFAULT_KINDS,
): (path: string) => boolean {
  const included = pathFilter(config);
  return (path) => included(path) && kinds.some((k) => k.claims(path));
}

/** Whether one path is evaluated (`pathSelector`, for a single path). */
export function selectsPath(
  path: string,
  config: Pick<Config, "paths">,
  kinds: readonly FileKind[] = DEFAULT_KINDS,
): boolean {
  return pathSelector(config, kinds)(path);
}

/** Which sides of which entries to read. */
export function planChange(
  entries: readonly ChangeEntry[],
  config: Pick<Config, "paths">,
  kinds: readonly FileKind[] = DEFAULT_KINDS,
): PlannedFile[] {
  return planReads(entries, pathSelector(config, kinds));
}

export interface EvaluationOptions {
  /**
   * What stopped the adapter from even listing some files (a folder it could not read): they
   * count as files not read.
   */
  readonly listingProblems?: readonly Problem[];
  /**
   * Exceptions the change requests for itself block it until approved (a pull request, and the
   * CLI's diff of what would be one); absent or null, they pass and are only flagged.
   */
  readonly approvalGate?: ApprovalGate | null;
  readonly kinds?: readonly FileKind[];
  /** The Helm charts the change touches and their templates read as context (`chart-context.ts`). */
  readonly charts?: ChartContext;
  /**
   * Files the change's files refer to, read as context and never reported: included GitLab CI
   * files, Compose files extended (`reference-context.ts`).
   */
  readonly context?: readonly SourceFile[];
  /**
   * The path selection the adapter already made with `pathSelector` for this same config and
   * kinds (the CLI lists the files it scans through it): used instead of building and applying it
   * again to every entry.
   */
  readonly selects?: (path: string) => boolean;
  /**
   * Whether findings carry their verified fixes (default true). An output that shows no fix (the
   * CLI's `compact` format) spares verifying them: the findings, problems and verdict are the same.
   */
  readonly fixes?: boolean;
}

/**
 * Evaluates the contents read for a plan (in `sideRequests(files)` order). Pure: no I/O, no
 * clock; plain data in and out. A head side that could not be had as text (binary, too large,
 * missing, unreadable) becomes a problem, never a silent skip.
 */
export function evaluateContents(
  files: readonly PlannedFile[],
  contents: readonly SideContent[],
  config: EvaluationConfig,
  options: EvaluationOptions = {},
): Evaluation {
  const { changes, problems } = assembleChanges(files, contents, options.kinds ?? DEFAULT_KINDS);
  const charts = options.charts ?? { charts: [], context: [] };
  const context = [...charts.context, ...(options.context ?? [])];
  const result = diff(
    changes,
    {
      level: config.level,
      charts: charts.charts,
      context,
      ...(options.fixes === false ? { fixes: false } : {}),
    },
    options.kinds ?? DEFAULT_KINDS,
  );
  const { reported, accepted } = applyExceptions(result.introduced, config, result.base);
  const allProblems = [...(options.listingProblems ?? []), ...problems, ...result.problems];
  const headTexts = new Map<string, string>();
  for (const c of changes) if (typeof c.head === "string") headTexts.set(c.path, c.head);
  const approvalGate = options.approvalGate ?? null;
  return {
    level: config.level,
    failOn: config.failOn,
    onUnreadable: config.onUnreadable,
    approvalGate,
    reported,
    accepted,
    existing: result.existing,
    resolved: result.resolved,
    problems: allProblems,
    files: files.length,
    headTexts,
    verdict: verdictOf(reported, allProblems, accepted, config, approvalGate),
  };
}

/**
 * The evaluation with its accepted findings as the App found them approved (`approval` set on
 * the exceptions someone approved): the verdict is decided again.
 */
export function withApprovedExceptions(
  evaluation: Evaluation,
  accepted: readonly Accepted[],
): Evaluation {
  return {
    ...evaluation,
    accepted,
    verdict: verdictOf(
      evaluation.reported,
      evaluation.problems,
      accepted,
      evaluation,
      evaluation.approvalGate,
    ),
  };
}

function verdictOf(
  reported: readonly Finding[],
  problems: readonly Problem[],
  accepted: readonly Accepted[],
  policy: VerdictPolicy,
  gate: ApprovalGate | null,
) {
  const awaiting = gate
    ? { count: accepted.filter(awaitsApproval).length, conclusion: gate.conclusion }
    : null;
  return decideVerdict(reported, problems, policy, awaiting);
}

/** `evaluateContents`' arguments as one plain-data value, as a worker thread receives them. */
export interface EvaluationInput {
  readonly files: readonly PlannedFile[];
  readonly contents: readonly SideContent[];
  readonly config: EvaluationConfig;
  readonly options: EvaluationOptions;
}

/** `evaluateContents` on one plain-data input: what a worker thread runs. */
export function evaluateInput(input: EvaluationInput): Evaluation {
  return evaluateContents(input.files, input.contents, input.config, input.options);
}

/**
 * Plans the reads, reads the sides through `reader` (and, for the Helm charts the change touches,
 * their `Chart.yaml` and the templates of a chart whose values change; and the files the changed
 * files refer to, such as GitLab CI includes, at the head), and evaluates them with
 * `evaluate` (in process by default; the App runs it in a worker thread within a budget).
 */
export async function evaluateChange(
  entries: readonly ChangeEntry[],
  reader: SideReader,
  config: EvaluationConfig,
  options: EvaluationOptions = {},
  evaluate: (input: EvaluationInput) => Evaluation | Promise<Evaluation> = evaluateInput,
): Promise<Evaluation> {
  const files = options.selects
    ? planReads(entries, options.selects)
    : planChange(entries, config, options.kinds);
  const contents = await reader.read(sideRequests(files));
  const charts = await readChartContext(files, reader);
  const { changes } = assembleChanges(files, contents, options.kinds);
  const context = await readReferencedContext(changes, reader, options.kinds);
  return evaluate({ files, contents, config, options: { ...options, charts, context } });
}

/** The engine's input from the plan and the contents read (in `sideRequests` order). */
export function assembleChanges(
  files: readonly PlannedFile[],
  contents: readonly SideContent[],
  kinds: readonly FileKind[] = DEFAULT_KINDS,
): { changes: ChangedFile[]; problems: Problem[] } {
  const changes: ChangedFile[] = [];
  const problems: Problem[] = [];
  let next = 0;
  for (const file of files) {
    const base = file.basePath !== null ? contents[next++] : undefined;
    const head = file.headPath !== null ? contents[next++] : undefined;
    if (file.headPath !== null && head) {
      const problem = unreadable(file.headPath, head, kinds);
      if (problem) problems.push(problem);
    }
    changes.push({
      path: file.path,
      ...(file.previousPath !== undefined ? { previousPath: file.previousPath } : {}),
      base: base?.kind === "text" ? base.text : null,
      head: head?.kind === "text" ? head.text : null,
    });
  }
  return { changes, problems };
}

/**
 * Why a head side stops its file from being checked, or null when it does not. Bytes that are not
 * text at a path a kind reads only for what its text says (a file without an extension is a script
 * only when its first line is a shebang) hold nothing to check: null.
 */
function unreadable(
  path: string,
  content: SideContent,
  kinds: readonly FileKind[],
): Problem | null {
  const at = { path, line: 1, column: 1 };
  const notText =
    content.kind === "binary" || (content.kind === "unreadable" && content.code === "encoding");
  if (notText && !readsPathWithoutText(path, kinds)) return null;
  switch (content.kind) {
    case "binary":
      return { ...at, code: "binary", message: "binary file, not scanned" };
    case "too-large":
      return {
        ...at,
        code: "too-large",
        message: `file of ${content.byteSize} bytes is too large to scan`,
      };
    case "unreadable":
      return { ...at, code: content.code, message: content.message };
    case "missing":
      return {
        ...at,
        code: "contents-missing",
        message: content.message ?? "listed as changed, but its contents are missing",
      };
    case "text":
      return null;
  }
}
