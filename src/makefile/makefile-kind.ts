/**
 * Makefiles (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`): the `docker`/`podman`/`nerdctl`
 * `run`/`create` commands of their recipes, judged by the container rules. A finding names the
 * rule's target, and its identity is the target and the command's position among the container
 * commands of that recipe.
 */

import type { ContainerRule } from "../container/rule.js";
import { codeSpan } from "../core/code-span.js";
import type { FileKind } from "../core/file-kind.js";
import { scanScripts } from "../shell/script-scan.js";
import { makeReferences } from "./make-references.js";
import { makefileRecipes } from "./makefile-recipes.js";

const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile|.+\.mk|.+\.make)$/;

export function makefileKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "makefile",
    claims: (path) => MAKEFILE.test(path.slice(path.lastIndexOf("/") + 1)),
    scan: (file, options) =>
      scanScripts(file, options, rules, (path, text, index) => {
        const { recipes, comments } = makefileRecipes(text, index);
        const { opaque, escapes } = makeReferences(
          text,
          recipes.flatMap((r) => r.ranges),
        );
        return {
          parts: recipes.map((recipe) => ({
            snippet: { at: { ranges: recipe.ranges } },
            mode: "commands",
            syntaxProblems: true,
            scope: `${options.identityPath}>target:${recipe.target}`,
            where: `${codeSpan(path)} target ${codeSpan(recipe.target)}`,
          })),
          opaque,
          escapes,
          comments,
          problems: [],
        };
      }),
  };
}
