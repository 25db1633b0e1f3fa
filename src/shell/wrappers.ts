/**
 * Commands that run their arguments as a command, and the options each takes before it: `sudo -E
 * docker run …` runs `docker run …`. Evidence: sudo(8), doas(1), env(1), nohup(1), nice(1),
 * timeout(1), stdbuf(1), bash(1) SHELL BUILTIN COMMANDS (`exec`, `command`, `time`); the init
 * processes of container entrypoints: dumb-init (its `--help`: "dumb-init [option] command [[arg]
 * ...]", `-r/--rewrite s:r` takes a value) and tini (its `--help`: "tini [OPTIONS] PROGRAM --
 * [ARGS]", `-p SIGNAL` and `-e EXIT_CODE` take one).
 */
import type { ArgWord } from "../container/arg-word.js";

interface Wrapper {
  /** Short options that take a value (`-u user`). */
  readonly valueShort: string;
  /** Long options that take a value when written without `=`. */
  readonly valueLong: readonly string[];
  /** Positional words before the command (`timeout 10 cmd`). */
  readonly positional: number;
  /** `NAME=value` words before the command are settings, not the command (env). */
  readonly assignments: boolean;
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  sudo: {
    valueShort: "ughpCcDrtTUR",
    valueLong: [
      "user",
      "group",
      "host",
      "prompt",
      "close-from",
      "chdir",
      "role",
      "type",
      "other-user",
      "chroot",
      "command-timeout",
    ],
    positional: 0,
    assignments: true,
  },
  doas: { valueShort: "uC", valueLong: [], positional: 0, assignments: false },
  env: {
    valueShort: "uSC",
    valueLong: ["unset", "split-string", "chdir"],
    positional: 0,
    assignments: true,
  },
  exec: { valueShort: "a", valueLong: [], positional: 0, assignments: false },
  command: { valueShort: "", valueLong: [], positional: 0, assignments: false },
  nohup: { valueShort: "", valueLong: [], positional: 0, assignments: false },
  time: { valueShort: "fo", valueLong: ["format", "output"], positional: 0, assignments: false },
  nice: { valueShort: "n", valueLong: ["adjustment"], positional: 0, assignments: false },
  timeout: {
    valueShort: "sk",
    valueLong: ["signal", "kill-after"],
    positional: 1,
    assignments: false,
  },
  stdbuf: {
    valueShort: "ioe",
    valueLong: ["input", "output", "error"],
    positional: 0,
    assignments: false,
  },
  "dumb-init": { valueShort: "r", valueLong: ["rewrite"], positional: 0, assignments: false },
  tini: { valueShort: "pe", valueLong: [], positional: 0, assignments: false },
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The words of the command a wrapper runs (or `words` itself when it is not a wrapper). */
export function stripWrappers(words: readonly ArgWord[]): ArgWord[] {
  let rest = [...words];
  for (let guard = 0; guard < 8; guard++) {
    const head = rest[0];
    if (!head || head.dynamic) return rest;
    const wrapper = WRAPPERS[head.value.slice(head.value.lastIndexOf("/") + 1)];
    if (!wrapper) return rest;
    let i = 1;
    for (; i < rest.length; i++) {
      const v = (rest[i] as ArgWord).value;
      if (v === "--") {
        i++;
        break;
      }
      if (wrapper.assignments && ASSIGNMENT.test(v)) continue;
      if (!v.startsWith("-") || v === "-") break;
      if (v.startsWith("--")) {
        if (!v.includes("=") && wrapper.valueLong.includes(v.slice(2))) i++;
      } else {
        const last = v.at(-1) ?? "";
        if (wrapper.valueShort.includes(last) && v.length === 2) i++;
      }
    }
    rest = rest.slice(i + wrapper.positional);
  }
  return rest;
}
