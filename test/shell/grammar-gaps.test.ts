/**
 * Scripts bash runs that tree-sitter-bash's grammar refuses: each is read, with the commands bash
 * would run, once the gap is prepared for a second parse (src/shell/grammar-gaps.ts). The excerpts
 * are from the real scripts named.
 */
import { describe, expect, it } from "@jest/globals";
import { parseBash } from "../../src/shell/bash-parser.js";
import { shellCommands } from "../../src/shell/shell-commands.js";

function read(text: string) {
  const parsed = parseBash(text, (root) =>
    shellCommands(root, text).map((c) => ({
      words: c.words.map((w) => w.value),
      at: text.slice(c.words[0]?.start ?? 0, c.words[0]?.end ?? 0),
    })),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return { error: parsed.error, commands: parsed.value };
}

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("what bash reads and the grammar refuses", () => {
  it("a command line commented by substitutions that hold only a comment", () => {
    // kubernetes-sigs/kind images/base/files/usr/local/bin/entrypoint, enable_network_magic.
    const text = lines(
      "enable_network_magic(){",
      "  iptables-save \\",
      "    | sed \\",
      "      `# switch docker DNS DNAT rules to our chosen IP` \\",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      '      -e "s/-d ${docker_embedded_dns_ip}/-d ${docker_host_ip}/g" \\',
      "      `# we need to also apply these rules to non-local traffic (from pods)` \\",
      "      -e 's/-A OUTPUT \\(.*\\) -j DOCKER_OUTPUT/\\0/' \\",
      "    | iptables-restore",
      "  docker run --privileged img",
      "}",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.words[0])).toEqual([
      "iptables-save",
      "sed",
      "iptables-restore",
      "docker",
    ]);
    expect(commands[1]?.words.filter((w) => w === "-e")).toHaveLength(2);
    // Words keep their own offsets.
    expect(commands.map((c) => c.at)).toEqual([
      "iptables-save",
      "sed",
      "iptables-restore",
      "docker",
    ]);
  });

  it("a pattern compared with `=` in `[[ … ]]` before `||` or `&&`", () => {
    // devcontainers/features' src/docker-in-docker/install.sh.
    const text = lines(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      'if [[ "${ID}" = "debian" || "${ID_LIKE}" = *"debian"* ]]; then',
      "    apt-get update",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      'elif [[ "${ID}" = "rhel" || "${ID_LIKE}" = *"rhel"* || "${ID_LIKE}" = *"fedora"* ]]; then',
      "    docker run --privileged img",
      "fi",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.at)).toEqual(["apt-get", "docker"]);
  });

  it("a literal `$` before a backslash", () => {
    // tektoncd/plumbing's scripts/presubmit-tests.sh, vendored by tektoncd/pipeline.
    const text = lines(
      "function pr_only_contains() {",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      '  [[ -z "$(cat ${CHANGED_FILES} | grep -v \\"\\(${1// /\\\\|}\\)$\\")" ]]',
      "}",
      "docker run --privileged img",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.at)).toEqual(["cat", "grep", "docker"]);
  });

  it("an extended glob glued into a word", () => {
    // crowdsecurity/helm-charts' charts/crowdsec/files/docker-start-custom.sh.
    const text = lines(
      "shopt -s nullglob extglob",
      "for BOUNCER in /run/secrets/@(bouncer_key|BOUNCER_KEY)* ; do",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      '    KEY=$(cat "${BOUNCER}")',
      "done",
      "docker run --privileged img",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.words[0])).toEqual(["shopt", "cat", "docker"]);
    expect(commands.map((c) => c.at)).toEqual(["shopt", "cat", "docker"]);
  });

  it("a compound command ended by the reserved word that closes the one around it", () => {
    // spf13/cast's Makefile (vendored in k3d): `fi \` then `done`, which the shell reads as `fi done`.
    for (const text of [
      lines(
        "for d in `go list` ; do \\",
        '\t\tif [ "`gofmt -l -s $GOPATH/src/$d | tee /dev/stderr`" ]; then \\',
        '\t\t\techo "^ improperly formatted go files" && echo && exit 1; \\',
        "\t\tfi \\",
        "\tdone",
      ),
      "for d in a; do if true; then echo ok; fi done\n",
      "while true; do { docker run img; } done\n",
    ]) {
      expect([text, read(text).error]).toEqual([text, null]);
    }
    expect(read("while true; do { docker run img; } done\n").commands).toEqual([
      { words: ["true"], at: "true" },
      { words: ["docker", "run", "img"], at: "docker" },
    ]);
  });

  it("the read-write redirection `<>`", () => {
    // containers/podman hack/podman-registry.
    const text = lines(
      "while [ $_timeout -gt 0 ]; do",
      "    { exec {unused_fd}<> /dev/tcp/$host/$port; } &>/dev/null && return",
      "    sleep 1",
      "done",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.words[0])).toContain("sleep");
  });

  it("a negated case", () => {
    // travis-ci/gimme (vendored in kind: hack/third_party/gimme/gimme).
    const text = lines(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      'if ! case "${GIMME_TYPE}" in',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      '\tbinary) _try_existing binary || _try_binary "${GIMME_GO_VERSION}" "${GIMME_ARCH}" ;;',
      "\tsource) _try_existing source || _try_source || _try_git ;;",
      "\tauto) _try_existing || _try_binary || _try_source || _try_git ;;",
      "\t*) exit 1 ;;",
      "\tesac; then",
      "\techo failed",
      "fi",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.words[0])).toContain("_try_binary");
  });

  it("a function body that is a subshell in braces, its brackets glued", () => {
    // antrea-io/antrea ci/jenkins/test-mc.sh, run_codecov.
    const text = lines(
      "function run_codecov { (set -e",
      "    flag=$1",
      ")}",
      "function deliver_antrea {(",
      "    set -ex",
      "    docker run --rm --privileged antrea/ubuntu true",
      ")}",
      "deliver_antrea",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.at)).toEqual(["set", "set", "docker", "deliver_antrea"]);
  });

  it("a number's base glued to an expansion in arithmetic", () => {
    // kubeovn/kube-ovn dist/images/kubectl-ko, hex2dec.
    const text = lines(
      "hex2dec(){",
      '	for i in $(echo "$@"); do',
      '		printf "%d\\n" "$(( 0x$i ))" "$((16#$i))" "$(( 1 + 0X$i ))"',
      "	done",
      "}",
      "docker run --rm img",
    );
    const { error, commands } = read(text);
    expect(error).toBeNull();
    expect(commands.map((c) => c.at)).toEqual(["echo", "printf", "docker"]);
  });

  it("leaves what it does not know an error, and changes no word of a readable script", () => {
    // A quoted `]` in a parameter expansion's pattern (podman's test/apiv2/test-apiv2): not handled.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
    expect(read("path=\"${path//']'/%5D}\"\n").error).not.toBeNull();
    // `fi` and `done` as words, `<>` in a string: a script that reads needs no second parse.
    const text = "echo fi done '<>' '`#x`' && docker run img\n";
    expect(read(text)).toEqual({
      error: null,
      commands: [
        { words: ["echo", "fi", "done", "<>", "`#x`"], at: "echo" },
        { words: ["docker", "run", "img"], at: "docker" },
      ],
    });
  });
});
