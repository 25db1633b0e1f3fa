/**
 * GitLab CI configurations: `.gitlab-ci.yml`, `*.gitlab-ci.yml`, YAML files under `.gitlab/` or
 * `.gitlab-ci/`, and YAML files that read as one included locally (job keys with `script:`, no
 * Kubernetes `apiVersion`). The container commands of their scripts are judged by the container
 * rules, and a Docker-in-Docker service is a privileged container on its own: the runner must run
 * the job's services privileged. A file is read within its configuration (its root and local
 * includes among the files at hand, `gitlab-configuration.ts`), and declares the files it refers
 * to, so that adapters read them as context.
 */

import { DYNAMIC } from "../container/arg-word.js";
import type { ContainerRule } from "../container/rule.js";
import type { RunSite } from "../container/run-site.js";
import { codeSpan } from "../core/code-span.js";
import type { FileKind, KindOptions } from "../core/file-kind.js";
import type { ScriptPart } from "../shell/run-sites.js";
import { type ScriptParts, scanScripts } from "../shell/script-scan.js";
import { ownLineComments } from "../yaml/comments.js";
import type { LineIndex } from "../yaml/line-index.js";
import { DIND_REMEDIATION, isDockerInDocker } from "./docker-in-docker.js";
import { type GitlabScript, gitlabScripts } from "./gitlab-ci-sites.js";
import {
  type CiSource,
  gitlabConfiguration,
  gitlabReferences,
  SourceMemo,
} from "./gitlab-configuration.js";
import { readYaml } from "./read-yaml.js";
import { scalarSnippet } from "./yaml-script.js";

const BY_PATH =
  /(?:^|\/)(?:[^/]*\.gitlab-ci\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab(?:-ci)?\/(?:.+\/)?[^/]+\.ya?ml)$/;
const YAML = /\.ya?ml$/i;
/** A job's script key in the first lines, and no Kubernetes object. */
const SCRIPT_KEY = /^[ \t]+-?[ \t]*(?:before_|after_)?script:/m;
const KUBERNETES = /^(?:apiVersion|kind):/m;

export function gitlabCiKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "gitlab-ci",
    claims: (path, prefix) => {
      if (BY_PATH.test(path)) return true;
      if (!YAML.test(path)) return false;
      if (prefix === undefined) return true;
      // Cheapest test first: a Kubernetes manifest names its `apiVersion` or `kind` in its first
      // lines, where the anchored test stops; a search for `script:` reads the whole prefix.
      return !KUBERNETES.test(prefix) && prefix.includes("script:") && SCRIPT_KEY.test(prefix);
    },
    references: gitlabReferences,
    scan: (file, options) =>
      scanScripts(file, options, rules, (path, text, index, o) =>
        gitlabParts(
          path,
          text,
          index,
          o,
          o.memo.get("gitlab-ci/sources", () => new SourceMemo()),
        ),
      ),
  };
}

function gitlabParts(
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
  memo: SourceMemo,
): ScriptParts {
  const { docs, problems } = readYaml(path, text, index, options.limits);
  const own = { path, text, index, docs };
  const config = gitlabConfiguration(own, options.related, options.limits, memo);
  // Identities follow the job across the configuration's files: they are the root's.
  const root = config.root === own ? options.identityPath : config.root.path;
  const parts: ScriptPart[] = [];
  const sites: RunSite[] = [];
  const contextOnly = (source: CiSource) => source !== own && options.contextPaths.has(source.path);
  const { scripts, services } = gitlabScripts(config, own, contextOnly);
  for (const script of scripts) {
    const part = scriptPart(
      script,
      own,
      `${root}>${script.scope}`,
      `${codeSpan(path)} ${script.where}`,
    );
    if (part) parts.push(part);
  }
  for (const service of services) {
    if (!isDockerInDocker(service.image)) continue;
    const [start, end] = service.via ?? service.at.range;
    const word = { value: service.image.replaceAll("$", DYNAMIC), dynamic: false, start, end };
    const anchor =
      service.via && service.source === own ? [index.lineOf(service.at.range[0])] : null;
    sites.push({
      args: {
        flags: [
          {
            name: "privileged",
            value: null,
            dynamic: false,
            spelling: "",
            firstWord: 0,
            lastWord: 0,
            start,
            end,
            combined: false,
          },
        ],
        image: word,
      },
      words: [word],
      command: null,
      ...(anchor ? { anchorLines: anchor } : {}),
      where: `${codeSpan(path)} ${service.where} (Docker-in-Docker runs only privileged)`,
      identity: `${root}>${service.scope}`,
      exact: false,
      remediation: DIND_REMEDIATION,
    });
  }
  const comments =
    text.includes("privilege-guard:") && problems.length === 0
      ? ownLineComments(text, index)
      : new Map<number, string>();
  return { parts, opaque: [], problems, sites, comments };
}

/**
 * A script as shell code of the reporting file: read in place when written there (placed at the
 * `extends:` or alias that brings it in, if any), else its value read on its own and placed where
 * it takes effect.
 */
function scriptPart(
  script: GitlabScript,
  own: CiSource,
  scope: string,
  where: string,
): ScriptPart | null {
  const { node, range } = script.scalar;
  const base = { mode: "commands", syntaxProblems: false, scope, where } as const;
  if (script.source !== own) {
    const value = typeof node.value === "string" ? node.value : "";
    if (script.via === null || value.trim() === "") return null;
    const [start, end] = script.via;
    return {
      ...base,
      snippet: { at: { value, range: { start, end } } },
      anchorLines: [own.index.lineOf(start)],
    };
  }
  const written = script.doc.absolute(node.range);
  const snippet = scalarSnippet(node, written, own.text, own.index);
  if (!snippet) return null;
  const viaAlias = range[0] !== written[0] || range[1] !== written[1];
  // An inherited script takes effect at the job's `extends:`; one through an alias, there.
  const placeAt = script.via ?? (viaAlias ? range : null);
  return {
    ...base,
    snippet,
    // A comment above the inherited script in its template still speaks for it.
    anchorLines: [
      ...new Set([own.index.lineOf((placeAt ?? range)[0]), own.index.lineOf(range[0])]),
    ],
    ...(placeAt ? { placeAt: { start: placeAt[0], end: placeAt[1] } } : {}),
  };
}
