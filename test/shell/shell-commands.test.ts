/** Commands and words as the shell parser reads them: what is a command and what is only text. */
import { describe, expect, it } from "@jest/globals";
import { DYNAMIC } from "../../src/container/arg-word.js";
import { parseBash } from "../../src/shell/bash-parser.js";
import { type ShellCommand, shellCommands } from "../../src/shell/shell-commands.js";

function commands(text: string): ShellCommand[] {
  const parsed = parseBash(text, (root) => shellCommands(root, text));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function values(text: string): string[][] {
  return commands(text).map((c) => c.words.map((w) => w.value));
}

describe("shell commands", () => {
  it("finds commands in lists, pipelines, subshells, substitutions and functions", () => {
    const text = [
      "#!/bin/bash",
      "set -e; make && (cd x || exit 1) | tee log",
      "id=$(docker run -d img)",
      "deploy() {",
      "  docker run --rm img",
      "}",
      "",
    ].join("\n");
    expect(values(text)).toEqual([
      ["set", "-e"],
      ["make"],
      ["cd", "x"],
      ["exit", "1"],
      ["tee", "log"],
      ["docker", "run", "-d", "img"],
      ["docker", "run", "--rm", "img"],
    ]);
    expect(commands(text).map((c) => c.functionName)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      "deploy",
    ]);
  });

  it("does not take strings, heredoc bodies or comments for commands", () => {
    const text = [
      'echo "docker run --privileged img"',
      "# docker run --privileged img",
      "cat <<EOF",
      "docker run --privileged img",
      "EOF",
      "printf '%s' 'docker run --pid=host img'",
      "",
    ].join("\n");
    expect(values(text)).toEqual([
      ["echo", "docker run --privileged img"],
      ["cat"],
      ["printf", "%s", "docker run --pid=host img"],
    ]);
  });

  it("removes quotes and line continuations as the shell does, keeping source ranges", () => {
    const text = "docker run \\\n  \"--cap-add\"=SYS_ADMIN --net\\\n=host $'-v' /a:/b 'img'\n";
    const [command] = commands(text);
    expect(command?.words.map((w) => w.value)).toEqual([
      "docker",
      "run",
      "--cap-add=SYS_ADMIN",
      "--net=host",
      "-v",
      "/a:/b",
      "img",
    ]);
    const capAdd = command?.words[2];
    expect(text.slice(capAdd?.start, capAdd?.end)).toBe('"--cap-add"=SYS_ADMIN');
  });

  it("marks expansions dynamic and says which may split into several words", () => {
    const [command] = commands('docker run $OPTS "$IMAGE" --cap-add="$CAP"\n');
    const words = command?.words ?? [];
    expect(words.map((w) => [w.value, w.dynamic, w.splits ?? false])).toEqual([
      ["docker", false, false],
      ["run", false, false],
      [DYNAMIC, true, true],
      [DYNAMIC, true, false],
      [`--cap-add=${DYNAMIC}`, true, false],
    ]);
  });

  it("looks through the init processes of container entrypoints, dumb-init and tini", () => {
    const text = [
      "dumb-init docker run a",
      "dumb-init --rewrite 15:2 -c -- docker run b",
      "/usr/bin/dumb-init -r 15:2 docker run c",
      "tini -s -p SIGTERM -e 143 -- docker run d",
      "tini -g docker run e",
      "",
    ].join("\n");
    expect(values(text)).toEqual([
      ["docker", "run", "a"],
      ["docker", "run", "b"],
      ["docker", "run", "c"],
      ["docker", "run", "d"],
      ["docker", "run", "e"],
    ]);
  });

  it("looks through sudo, env and exec, and reads a program name kept in a variable", () => {
    const text = [
      "sudo -E -u root docker run a",
      "env FOO=1 exec nerdctl run b",
      "DOCKER=podman",
      "$DOCKER run c",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      "${RUNTIME:-docker} run d",
      "$CMD run e",
      "",
    ].join("\n");
    expect(values(text)).toEqual([
      ["docker", "run", "a"],
      ["nerdctl", "run", "b"],
      ["podman", "run", "c"],
      ["docker", "run", "d"],
      [DYNAMIC, "run", "e"],
    ]);
  });

  it("recovers from a syntax error and says where it is", () => {
    const text = 'docker run --privileged img\necho "unterminated\n';
    const parsed = parseBash(text, (root) =>
      shellCommands(root, text).map((c) => c.words.map((w) => w.value)),
    );
    expect(parsed.ok && parsed.value[0]).toEqual(["docker", "run", "--privileged", "img"]);
    expect(parsed.ok && parsed.error).toEqual({
      offset: expect.any(Number),
      message: expect.any(String),
    });
  });

  it("reads a heredoc's command put in the background or ended by `;`, as bash does", () => {
    // The entrypoint of GitHub's Actions runner images (actions/actions-runner-controller,
    // runner/entrypoint-dind.sh): tree-sitter-bash's grammar refuses the `&`, and recovers in
    // ways that depend on the body (these two bodies give two different recoveries).
    const runner = (body: string) =>
      `trap graceful_stop TERM\n\ndumb-init bash <<'SCRIPT' &\n${body}\nSCRIPT\n\nwait $!\n`;
    for (const text of [
      runner("source logger.sh"),
      runner("# e.g. `dumb-init --single-child`\ndockerd &\n\nstartup.sh"),
      "cat <<EOF ;\nhi\nEOF\n",
      "cat > f <<EOF 2>&1 &  \nhi\nEOF\n",
      "cat <<-EOF >/dev/null &\n\thi\n\tEOF\n",
    ]) {
      const parsed = parseBash(text, (root) => shellCommands(root, text));
      expect([text, parsed.ok && parsed.error]).toEqual([text, null]);
    }
    expect(values(runner("# e.g. `x`\ndockerd &\n\nstartup.sh"))).toEqual([
      ["trap", "graceful_stop", "TERM"],
      ["bash"],
      ["wait", DYNAMIC],
    ]);
    // Anything else after the heredoc's start on its line is left as the grammar reads it: a
    // command there would be read as the heredoc's arguments, not as the command it is, so the
    // text stays not checked.
    for (const text of [
      "cat <<EOF & docker run --privileged img\nhi\nEOF\n",
      "cat <<EOF ; docker run --privileged img\nhi\nEOF\n",
      "cat <<EOF | docker run -i --privileged img &\nhi\nEOF\n",
      "cat <<EOF &;\nhi\nEOF\n",
    ]) {
      const parsed = parseBash(text, (root) => shellCommands(root, text));
      expect([text, parsed.ok && parsed.error !== null]).toEqual([text, true]);
    }
  });

  it("reads a line continuation that ends the script as bash does: the command ends there", () => {
    for (const text of ["dpdk-test-perf $EAL -- $PTEST \\\n", "echo a \\", "echo a \\\r\n"]) {
      const parsed = parseBash(text, (root) => shellCommands(root, text));
      expect([text, parsed.ok && parsed.error]).toEqual([text, null]);
      expect(values(text).map((words) => words[0])).toEqual([text.split(" ")[0]]);
    }
    // An escaped backslash is no continuation, and one inside a range ends that range's script.
    expect(values("echo a \\\\\n")).toEqual([["echo", "a", "\\"]]);
    const text = "run: |\n  make build \\\nnext: x\n";
    const start = text.indexOf("make");
    const end = text.indexOf("next");
    const parsed = parseBash(text, (root) => shellCommands(root, text), [{ start, end }]);
    expect(parsed.ok && parsed.error).toBeNull();
  });

  it("reads only the given ranges, in the text's own offsets", () => {
    const text =
      "run: |\n  docker run \\\n    --privileged img\n  cat <<EOF\n  docker run x\n  EOF\n";
    const ranges = [9, 24, 45, 57, 72].map((start) => ({
      start,
      end: text.indexOf("\n", start) + 1,
    }));
    const parsed = parseBash(text, (root) => shellCommands(root, text), ranges);
    const found = parsed.ok ? parsed.value : [];
    expect(found.map((c) => c.words.map((w) => w.value))).toEqual([
      ["docker", "run", "--privileged", "img"],
      ["cat"],
    ]);
    const flag = found[0]?.words[2];
    expect(text.slice(flag?.start, flag?.end)).toBe("--privileged");
  });

  it("parses deep nesting without exhausting the stack", () => {
    const deep = `${"$(".repeat(20000)}docker run x${")".repeat(20000)}\n`;
    const found = values(deep);
    expect(found).toHaveLength(20001);
    expect(found.at(-1)).toEqual(["docker", "run", "x"]);
  });
});
