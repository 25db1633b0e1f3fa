/**
 * GitLab CI configurations: `.gitlab-ci.yml`, `*.gitlab-ci.yml`, YAML files under `.gitlab/` or
 * `.gitlab-ci/`, and YAML files that read as one included locally (job keys with `script:`, no
 * Kubernetes `apiVersion`). The container commands of their scripts are judged by the container
 * rules, and a Docker-in-Docker service is a privileged container on its own: the runner must run
 * the job's services privileged.
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
import { gitlabScripts } from "./gitlab-ci-sites.js";
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
    scan: (file, options) => scanScripts(file, options, rules, gitlabParts),
  };
}

function gitlabParts(
  path: string,
  text: string,
  index: LineIndex,
  options: KindOptions,
): ScriptParts {
  const { docs, problems } = readYaml(path, text, index, options.limits);
  const parts: ScriptPart[] = [];
  const sites: RunSite[] = [];
  for (const doc of docs) {
    const { scripts, services } = gitlabScripts(doc);
    for (const script of scripts) {
      const { node, range } = script.scalar;
      const own = doc.absolute(node.range);
      const snippet = scalarSnippet(node, own, text, index);
      if (!snippet) continue;
      const viaAlias = range[0] !== own[0] || range[1] !== own[1];
      // An inherited script takes effect at the job's `extends:`; one through an alias, there.
      const placeAt = script.inherited?.at ?? (viaAlias ? range : null);
      parts.push({
        snippet,
        mode: "commands",
        syntaxProblems: false,
        scope: `${options.identityPath}>${script.scope}`,
        where: `${codeSpan(path)} ${script.where}`,
        // A comment above the inherited script in its template still speaks for it.
        anchorLines: [...new Set([index.lineOf((placeAt ?? range)[0]), index.lineOf(range[0])])],
        ...(placeAt ? { placeAt: { start: placeAt[0], end: placeAt[1] } } : {}),
      });
    }
    for (const service of services) {
      if (!isDockerInDocker(service.image)) continue;
      const [start, end] = service.inherited?.at ?? service.at.range;
      const word = { value: service.image.replaceAll("$", DYNAMIC), dynamic: false, start, end };
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
        ...(service.inherited ? { anchorLines: [index.lineOf(service.at.range[0])] } : {}),
        where: `${codeSpan(path)} ${service.where} (Docker-in-Docker runs only privileged)`,
        identity: `${options.identityPath}>${service.scope}`,
        exact: false,
        remediation: DIND_REMEDIATION,
      });
    }
  }
  const comments =
    text.includes("privilege-guard:") && problems.length === 0
      ? ownLineComments(text, index)
      : new Map<number, string>();
  return { parts, opaque: [], problems, sites, comments };
}
