/**
 * What bash reads and tree-sitter-bash's grammar refuses. When a parse finds an error, the text is
 * prepared for a second parse: each construct below is rewritten as one the grammar reads, the same
 * length (every offset, every line and column kept), and never so that a command's words change.
 * Each was found in a real script that bash runs and that was "not checked" for it; what the
 * grammar still refuses after this stays an error.
 */
import type { Node } from "web-tree-sitter";

/** The text with every gap below rewritten; `root` is the first parse's tree. */
export function withoutGrammarGaps(text: string, root: Node): string {
  let out = withoutBracedSubshells(withoutHeredocOperators(text, root));
  for (const gap of TEXT_GAPS) out = out.replace(gap.pattern, gap.rewrite);
  return out;
}

/**
 * The `&` or `;` that ends the line of a heredoc's command, read as a blank. bash reads
 * `dumb-init bash <<'SCRIPT' &` (the entrypoint of GitHub's Actions runner images) and
 * `cat <<EOF ;`; the grammar does not, and recovers in ways that depend on the heredoc's body (the
 * body's lines read as commands, its end marker too). Whether the command runs in the background
 * changes nothing that is read here. Only an operator that ends the line, after the heredoc's start
 * (found by the parser) and any redirections of the command (`2>&1`), is blanked: a command after
 * it on the same line (`cat <<EOF & docker run …`) is left as the grammar reads it.
 */
function withoutHeredocOperators(text: string, root: Node): string {
  let out = text;
  for (const start of root.descendantsOfType("heredoc_start")) {
    if (!start) continue;
    const from = start.endIndex;
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    const tail = HEREDOC_LINE_TAIL.exec(text.slice(from, end));
    if (!tail) continue;
    const at = from + (tail.index ?? 0) + (tail[1]?.length ?? 0);
    out = `${out.slice(0, at)} ${out.slice(at + 1)}`;
  }
  return out;
}

/**
 * A subshell inside braces closed `)}` (`function run_codecov { (set -e`, then `)}` on a line of
 * its own: antrea's ci/jenkins/test-mc.sh): bash reads `}` right after `)`, the grammar wants a
 * separator. Each such pair, the closing at the start of a later line than the opening, the
 * innermost first, is read as the subshell alone, ` (` … `) `: the same commands, in a subshell as
 * before. An opening with no such closing is left as it is.
 */
function withoutBracedSubshells(text: string): string {
  const opens: number[] = [];
  const pairs: [number, number][] = [];
  for (const m of text.matchAll(/(?<!\$)\{[ \t]*\((?!\()|^[ \t]*\)\}(?=[ \t]*\r?$)/gm)) {
    const at = m.index ?? 0;
    if (m[0].startsWith("{")) opens.push(at);
    else {
      const open = opens.pop();
      if (open !== undefined) pairs.push([open, at + m[0].indexOf(")") + 1]);
    }
  }
  if (pairs.length === 0) return text;
  const chars = text.split("");
  for (const [open, brace] of pairs) {
    chars[open] = " ";
    chars[brace] = " ";
  }
  return chars.join("");
}

/** The rest of a heredoc's first line: redirections, then the `&` or `;` that ends it. */
const HEREDOC_LINE_TAIL = /^((?:[ \t]+\d*(?:<|>>?)&?[^\s&;|<>]+)*[ \t]*)[&;][ \t]*\r?$/;

const blank = (match: string) => " ".repeat(match.length);

interface TextGap {
  readonly pattern: RegExp;
  readonly rewrite: (match: string, ...groups: string[]) => string;
}

const TEXT_GAPS: readonly TextGap[] = [
  {
    // A command substitution holding only a comment, the idiom that comments a continued command
    // line (kind's node image entrypoint: `` `# switch docker DNS DNAT rules` \ ``). The comment
    // makes it expand to nothing, so no word is lost when it is blanked; the grammar lets the
    // comment run over the closing backquote.
    pattern: /`#[^`\n]*`/g,
    rewrite: blank,
  },
  {
    // A compound command ended by the reserved word or brace that closes the one around it, with
    // no `;` between (`fi done`, `} done`, spf13/cast's Makefile: `fi \` then `done`); bash reads
    // the reserved word there, the grammar wants a separator, which takes the first blank's place.
    pattern:
      /(?<![\w$-])(fi|done|esac|\})([ \t]|\\\r?\n)(?=(?:[ \t]|\\\r?\n)*(?:done|fi|esac|else|elif|\})(?![\w-]))/g,
    rewrite: (_match, word, space) => `${word};${space.slice(1)}`,
  },
  {
    // The read-write redirection `<>` (`exec 3<> /dev/tcp/host/port`, podman's hack/podman-registry),
    // read as an input one: the same command.
    pattern: /(?<![<>])<>(?![>&(])/g,
    rewrite: () => "< ",
  },
  {
    // A `;` whose line a backslash continues onto a blank line, the last line of a Makefile
    // recipe (KubeArmor's `scan` target: `govulncheck ./... ;\` then an empty line): bash joins
    // the lines and the command ends there; the grammar refuses the continuation after `;`. The
    // backslash is read as a blank.
    pattern: /;([ \t]*)\\(?=\r?\n[ \t]*(?:\r?\n|$))/g,
    rewrite: (_match, space) => `;${space} `,
  },
  {
    // A number's base glued to an expansion in arithmetic (`$(( 0x$i ))`, `$(( 16#$hex ))`,
    // kube-ovn's kubectl-ko): bash expands first, then reads the number; the grammar refuses the
    // prefix. Blanked, the expansion stays: the value changes, no command does.
    pattern: /(?<=\$\(\([^()]*[\s(+\-*/%,]|\$\(\()(?:0[xX]|\d+#)(?=\$)/g,
    rewrite: blank,
  },
  {
    // A `$` before a backslash (`grep -v \"\(${1// /\\|}\)$\"`, Tekton's vendored plumbing
    // scripts/presubmit-tests.sh): no name or expansion follows, so bash keeps the `$` as a
    // literal character of the word; the grammar refuses it. Read as another literal character.
    pattern: /(?<!\\)\$(?=\\)/g,
    rewrite: () => "_",
  },
  {
    // An extended glob glued into a word (`/run/secrets/@(bouncer_key|BOUNCER_KEY)*` after `shopt
    // -s extglob`, crowdsecurity/helm-charts' charts/crowdsec/files/docker-start-custom.sh): bash
    // reads one pattern word, the grammar refuses the parenthesis. Its operator is read as `*` and
    // the parentheses and bars as `_`: still one glob word, whose matches were unknown anyway.
    pattern: /(?<=[\w/.*-])[@!+*?]\([^()\s]*\)/g,
    rewrite: (match) => `*${match.slice(1).replace(/[()|]/g, "_")}`,
  },
  {
    // A pattern compared with `=` in `[[ … ]]` and followed by `||` or `&&` (`[[ "${ID}" = "rhel"
    // || "${ID_LIKE}" = *"rhel"* || … ]]`, devcontainers/features' docker-in-docker install.sh):
    // bash reads `=` there as `==`, the grammar refuses a pattern after `=` unless it is the last
    // operand. Each such `=` is read as `==`, the blank after it taken.
    pattern: /\[\[[^\n]*?\]\]/g,
    rewrite: (test) => test.replace(/(?<=[ \t])=[ \t](?=[^\s=])/g, "=="),
  },
  {
    // `! case …` (the negated case of kind's vendored gimme: `if ! case "${GIMME_TYPE}" in`): the
    // negation changes the status, not the commands.
    pattern: /(?<=^|[\s;&|(])!(?=[ \t]+case[ \t])/gm,
    rewrite: blank,
  },
];
