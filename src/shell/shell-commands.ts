/**
 * The simple commands of a shell script as its parser sees them: each with its words (quotes
 * removed), the function it is defined in, and its source range. Text inside strings, heredoc
 * bodies and comments is not a command; `$(…)` substitutions, subshells, pipelines and lists are
 * walked into. Wrappers that run their arguments as a command (`sudo`, `env`, `exec`, `nohup`…)
 * are looked through, and a command name held in a variable with one literal value in the script
 * (`DOCKER=podman`, `${DOCKER:-docker}`) is read as that value.
 */
import type { ArgWord } from "../container/arg-word.js";
import type { ShellNode, TextRange } from "./bash-parser.js";
import { type OpaqueRange, wordOf } from "./shell-words.js";
import { stripWrappers } from "./wrappers.js";

/** A comment the parser found: `# …` to the end of its line. */
export interface ShellComment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ShellCommand {
  /** The command's words from the program name on, wrappers removed. */
  readonly words: readonly ArgWord[];
  /** Name of the function whose body holds the command, or null at the top level. */
  readonly functionName: string | null;
  readonly start: number;
  readonly end: number;
  /**
   * True when the words are placed on a whole string rather than their own ranges (the commands
   * of an `sh -c` string that was read from its value): they cannot be edited.
   */
  readonly placed?: boolean;
  /**
   * The body of the heredoc the command reads as its standard input (`bash <<'EOF'` … `EOF`), in
   * the parsed text's offsets: the script a shell run so executes (see `inner-commands.ts`).
   */
  readonly stdinHeredoc?: TextRange;
}

/** Every simple command under `root`, in source order. */
export function shellCommands(
  root: ShellNode,
  text: string,
  opaque: readonly OpaqueRange[] = [],
): ShellCommand[] {
  return readShell(root, text, opaque).commands;
}

/** The simple commands under `root` and the comments, in source order. */
export function readShell(
  root: ShellNode,
  text: string,
  opaque: readonly OpaqueRange[] = [],
): { commands: ShellCommand[]; comments: ShellComment[] } {
  const comments: ShellComment[] = [];
  const found: { node: ShellNode; functionName: string | null; start: number; end: number }[] = [];
  const assignments: ShellNode[] = [];
  const cursor = root.walk();
  const functions: { name: string; end: number }[] = [];
  try {
    for (let more = true; more; ) {
      // The cursor's own fields: a node object is made only for what is read.
      const type = cursor.nodeType;
      const start = cursor.startIndex;
      while (functions.length > 0 && start >= (functions.at(-1)?.end ?? 0)) functions.pop();
      if (type === "function_definition") {
        const node = cursor.currentNode;
        const name = node.childForFieldName("name")?.text ?? "";
        functions.push({ name, end: cursor.endIndex });
      } else if (type === "command") {
        const node = cursor.currentNode;
        found.push({
          node,
          functionName: functions.at(-1)?.name ?? null,
          start,
          end: cursor.endIndex,
        });
      } else if (type === "variable_assignment") {
        assignments.push(cursor.currentNode);
      } else if (type === "comment") {
        const end = cursor.endIndex;
        comments.push({ start, end, text: text.slice(start, end) });
      }
      if (!LEAVES.has(type) && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  const variables = literalVariables(assignments);
  const out: ShellCommand[] = [];
  for (const c of found) {
    const words = commandWords(c.node, text, opaque, variables);
    if (words.length === 0) continue;
    // Only a shell runs the heredoc it reads (`inner-commands.ts`): no other command is asked.
    const heredoc = isShellProgram(words[0]) ? stdinHeredoc(c.node) : null;
    out.push({
      words,
      functionName: c.functionName,
      start: c.start,
      end: c.end,
      ...(heredoc ? { stdinHeredoc: heredoc } : {}),
    });
  }
  return { commands: out, comments };
}

/**
 * The body of the one heredoc that is the standard input of `command` (the body of a redirected
 * statement), or null: none, or another input redirect beside it (`<<EOF <file`, `<<<word`), of
 * which bash would give the command the last.
 */
function stdinHeredoc(command: ShellNode): TextRange | null {
  const statement = command.parent;
  if (statement?.type !== "redirected_statement") return null;
  if (statement.childForFieldName("body")?.id !== command.id) return null;
  let body: TextRange | null = null;
  let inputs = 0;
  for (const redirect of statement.namedChildren) {
    if (!redirect || redirect.id === command.id) continue;
    if (redirect.type === "heredoc_redirect") {
      inputs++;
      let node: ShellNode | null = null;
      // Redirects written after the heredoc on its line are its children in the grammar.
      for (const c of redirect.namedChildren) {
        if (c?.type === "heredoc_body") node = c;
        else if (c && isInputRedirect(c)) inputs++;
      }
      body = node ? { start: node.startIndex, end: node.endIndex } : null;
    } else if (isInputRedirect(redirect)) inputs++;
  }
  return inputs === 1 ? body : null;
}

/** A redirect onto standard input other than a heredoc: `<<<word`, `<file`, `0<file`, `<>file`. */
function isInputRedirect(redirect: ShellNode): boolean {
  if (redirect.type === "herestring_redirect") return true;
  if (redirect.type !== "file_redirect") return false;
  const operator = redirect.children.find((c) => c !== null && !c.isNamed)?.type;
  const fd = redirect.childForFieldName("descriptor")?.text;
  return (operator === "<" || operator === "<>") && (fd === undefined || fd === "0");
}

/** The shells that run a `-c` string, or else their standard input (by program name, any directory). */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash"]);

/** Whether a command's program word names a shell (`sh`, `/bin/bash`…), known before it runs. */
export function isShellProgram(program: ArgWord | undefined): boolean {
  if (!program || program.dynamic) return false;
  return SHELLS.has(program.value.slice(program.value.lastIndexOf("/") + 1));
}

/** Node types that hold no command: the walk does not go into them. */
const LEAVES = new Set([
  "word",
  "comment",
  "raw_string",
  "ansi_c_string",
  "number",
  "variable_name",
  "string_content",
  "special_variable_name",
  "file_descriptor",
  "heredoc_start",
  "heredoc_end",
]);

function commandWords(
  node: ShellNode,
  text: string,
  opaque: readonly OpaqueRange[],
  variables: ReadonlyMap<string, string | null>,
): ArgWord[] {
  const words: ArgWord[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const field = child.type === "command_name" ? "name" : null;
    if (field === "name") {
      const inner = child.firstNamedChild ?? child;
      words.push(resolveName(inner, opaque, variables));
    } else if (words.length > 0 && isArgument(child.type)) {
      const word = { ...wordOf(child, opaque), ...(splits(child) ? { splits: true } : {}) };
      const before = words.at(-1) as ArgWord;
      if (CONTINUATION.test(text.slice(before.end, word.start))) {
        // The grammar ends a word at a line continuation; the shell joins the two parts.
        words[words.length - 1] = joinWords(before, word);
      } else words.push(word);
    }
  }
  return stripWrappers(words);
}

/** A line continuation alone: what lies between two parts of one word the grammar split. */
const CONTINUATION = /^\\\r?\n$/;

function joinWords(a: ArgWord, b: ArgWord): ArgWord {
  const splitsAny = a.splits === true || b.splits === true;
  return {
    value: a.value + b.value,
    dynamic: a.dynamic || b.dynamic,
    start: a.start,
    end: b.end,
    ...(splitsAny ? { splits: true } : {}),
  };
}

/** Child node types that are arguments of a command (not redirections or assignments). */
function isArgument(type: string): boolean {
  return !(
    type === "file_redirect" ||
    type === "herestring_redirect" ||
    type === "variable_assignment" ||
    type === "comment"
  );
}

/** An unquoted expansion, which the shell splits into fields. */
function splits(node: ShellNode): boolean {
  if (node.type === "simple_expansion" || node.type === "expansion") return true;
  if (node.type === "command_substitution") return true;
  if (node.type === "concatenation") return node.namedChildren.some((c) => c !== null && splits(c));
  return false;
}

/** `$DOCKER` or `${DOCKER:-docker}` as a program name: its one literal value, when it has one. */
function resolveName(
  node: ShellNode,
  opaque: readonly OpaqueRange[],
  variables: ReadonlyMap<string, string | null>,
): ArgWord {
  const word = wordOf(node, opaque);
  if (node.type !== "simple_expansion" && node.type !== "expansion") return word;
  const nameNode = node.namedChildren.find((c) => c?.type === "variable_name");
  if (!nameNode) return word;
  const assigned = variables.get(nameNode.text);
  if (typeof assigned === "string") return { ...word, value: assigned, dynamic: false };
  if (assigned === undefined && node.type === "expansion") {
    // `${NAME:-default}` / `${NAME-default}` with NAME never assigned in the script.
    const op = node.childForFieldName("operator")?.type;
    const fallback = node.namedChildren.at(-1);
    if ((op === ":-" || op === "-") && fallback && fallback !== nameNode) {
      const value = wordOf(fallback, opaque);
      if (!value.dynamic) return { ...word, value: value.value, dynamic: false };
    }
  }
  return word;
}

/**
 * Variables assigned in the script: name → its literal value when every assignment gives the
 * same literal, null when it has several values or a computed one.
 */
function literalVariables(assignments: readonly ShellNode[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const node of assignments) {
    const name = node.childForFieldName("name")?.text;
    if (!name) continue;
    const valueNode = node.childForFieldName("value");
    const value = valueNode ? wordOf(valueNode) : null;
    const literal = value && !value.dynamic ? value.value : null;
    const before = out.get(name);
    out.set(name, before === undefined || before === literal ? literal : null);
  }
  return out;
}
