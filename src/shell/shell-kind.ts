/**
 * Shell scripts: `*.sh`, `*.bash`, `*.zsh`, `*.ksh`, and files without an extension whose first
 * line is a `sh`/`bash`/`zsh`/`dash`/`ksh` shebang (`#!/bin/sh`, `#!/usr/bin/env bash`). Their
 * `docker`/`podman`/`nerdctl` `run`/`create` commands are judged by the container rules.
 */

import type { ContainerRule } from "../container/rule.js";
import { codeSpan } from "../core/code-span.js";
import type { FileKind } from "../core/file-kind.js";
import { scanScripts } from "./script-scan.js";

const SCRIPT_EXTENSIONS = /\.(?:sh|bash|zsh|ksh)$/i;
/** `#!/bin/bash`, `#! /usr/bin/env -S bash -e`, `#!/bin/sh`. */
const SHELL_SHEBANG =
  /^#![ \t]*(?:\S*\/)?(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:ba|z|k|da|a)?sh(?=[\s]|$)/;
/** Files no shebang makes a script here: Dockerfile `RUN` lines are not read as scripts. */
const NOT_SCRIPTS = /^(?:Dockerfile|Containerfile)$/i;

export function shellKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "shell",
    claims: (path, prefix) => {
      const base = path.slice(path.lastIndexOf("/") + 1);
      if (SCRIPT_EXTENSIONS.test(base)) return true;
      if (base.includes(".") || NOT_SCRIPTS.test(base)) return false;
      return prefix === undefined || SHELL_SHEBANG.test(prefix);
    },
    scan: (file, options) =>
      scanScripts(file, options, rules, (path) => ({
        parts: [
          {
            snippet: { at: { ranges: [] } },
            mode: "commands",
            syntaxProblems: true,
            scope: options.identityPath,
            where: `script ${codeSpan(path)}`,
          },
        ],
        opaque: [],
        problems: [],
      })),
  };
}
