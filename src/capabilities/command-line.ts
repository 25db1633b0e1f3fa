/**
 * The programs a command line runs: the entrypoint and arguments, the commands of a `sh -c`
 * script, and what wrappers such as `tini --` or `exec` start. A light reading of shell syntax,
 * enough to find command words; it never runs or expands anything.
 */

/** One program started, with the words after it. */
export interface Invocation {
  /** The executable's file name, lower case (`/usr/sbin/tcpdump` → `tcpdump`). */
  readonly program: string;
  /** The executable as written (a path or a name). */
  readonly path: string;
  readonly args: readonly string[];
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"]);
/** Programs that start the command after their own options. */
const WRAPPERS = new Set([
  "exec",
  "tini",
  "dumb-init",
  "env",
  "nohup",
  "nice",
  "ionice",
  "time",
  "command",
  "sudo",
  "setsid",
  "stdbuf",
  "catatonit",
]);
/** Wrappers whose first operand is a user, not the command (`gosu nobody cmd`). */
const USER_WRAPPERS = new Set(["gosu", "su-exec", "runuser", "setpriv", "chpst"]);
/** Shell keywords and operators that come before a command word. */
const KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}"]);
const SEPARATORS = /\s*(?:&&|\|\||;;|[;|&\n()`]|\$\()\s*/;

/** The file name of a path, lower case. */
export function baseName(path: string): string {
  return (path.split("/").pop() ?? path).toLowerCase();
}

/** Every invocation in a container's command line (entrypoint followed by arguments). */
export function invocations(argv: readonly string[]): Invocation[] {
  const found: Invocation[] = [];
  collect(argv.map(String), found, 0);
  return found;
}

function collect(argv: readonly string[], found: Invocation[], depth: number): void {
  const words = unwrap(argv);
  const [first, ...rest] = words;
  if (first === undefined) return;
  const program = baseName(first);
  found.push({ program, path: first, args: rest });
  if (depth < 3 && SHELLS.has(program)) {
    const c = rest.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w));
    const script = c >= 0 ? rest[c + 1] : undefined;
    if (script !== undefined)
      for (const command of scriptCommands(script)) collect(command, found, depth + 1);
  }
}

/** Skips wrappers (`tini -- cmd`, `exec cmd`, `gosu user cmd`) and leading `VAR=value`. */
function unwrap(argv: readonly string[]): readonly string[] {
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    const name = baseName(word);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || KEYWORDS.has(word) || word === "--") i++;
    else if (WRAPPERS.has(name)) {
      i++;
      while (i < argv.length && (argv[i] as string).startsWith("-")) i++;
    } else if (USER_WRAPPERS.has(name)) i += 2;
    else break;
  }
  return argv.slice(i);
}

/** The simple commands of a shell script, each split into words with quotes removed. */
export function scriptCommands(script: string): string[][] {
  return script
    .split(SEPARATORS)
    .map((part) => splitWords(part))
    .filter((words) => words.length > 0);
}

function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g))
    words.push(match[1] ?? match[2] ?? match[3] ?? "");
  return words.filter((w) => w !== "");
}
