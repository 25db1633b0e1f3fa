/**
 * GitHub Actions workflows (`.github/workflows/*.yml|yaml`) and actions (`action.yml|yaml`): job
 * container and service `options` (flags of `docker create`) and the container commands of `run:`
 * steps, judged by the container rules. Expressions (`${{ … }}`) are opaque words to the shell.
 * A finding's identity is the workflow, job, step (by `id` or `name`, else its position) and the
 * command's position among the container commands of the step, never a line.
 */

import type { ContainerRule } from "../container/rule.js";
import { codeSpan } from "../core/code-span.js";
import type { FileKind, KindOptions } from "../core/file-kind.js";
import type { ScriptPart } from "../shell/run-sites.js";
import { type ScriptParts, scanScripts } from "../shell/script-scan.js";
import { ownLineComments } from "../yaml/comments.js";
import type { LineIndex } from "../yaml/line-index.js";
import { expressionRanges } from "./github-expressions.js";
import { readYaml } from "./read-yaml.js";
import { workflowScripts } from "./workflow-sites.js";
import { scalarSnippet } from "./yaml-script.js";

const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const ACTION = /(?:^|\/)action\.ya?ml$/;

export function githubActionsKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "github-actions",
    claims: (path) => WORKFLOW.test(path) || ACTION.test(path),
    scan: (file, options) => scanScripts(file, options, rules, workflowParts),
  };
}

function workflowParts(
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
): ScriptParts {
  const { docs, problems } = readYaml(path, text, index, options.limits);
  const parts: ScriptPart[] = [];
  const opaque = [];
  for (const doc of docs) {
    for (const script of workflowScripts(doc)) {
      const { node, range } = script.scalar;
      const own = doc.absolute(node.range);
      const snippet = scalarSnippet(node, own, text, index);
      if (!snippet) continue;
      opaque.push(...expressionRanges(text, own[0], own[1]));
      const viaAlias = range[0] !== own[0] || range[1] !== own[1];
      parts.push({
        snippet,
        mode: script.kind === "options" ? "options" : "commands",
        syntaxProblems: false,
        scope: `${options.identityPath}>${script.scope}`,
        where: `${codeSpan(path)} ${script.where}`,
        anchorLines: [index.lineOf(script.anchor), index.lineOf(range[0])],
        ...(viaAlias ? { placeAt: { start: range[0], end: range[1] } } : {}),
      });
    }
  }
  const comments =
    text.includes("privilege-guard:") && problems.length === 0
      ? ownLineComments(text, index)
      : new Map<number, string>();
  return { parts, opaque, problems, comments };
}
