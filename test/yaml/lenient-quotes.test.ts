/**
 * Quoted scalars whose continuation lines are indented less than the YAML specification requires
 * read as go-yaml (kubectl, Helm) reads them: go-yaml's `yaml_parser_scan_flow_scalar` checks
 * only for a document marker at the start of a line, never the indentation. Values as go-yaml
 * gives them, every source range of the original text, and the parser's own error wherever go-yaml
 * would fail too.
 */
import { describe, expect, it } from "@jest/globals";
import { isScalar } from "yaml";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { parseChunk } from "../../src/yaml/parse-stream.js";

const parse = (text: string, template = false) =>
  parseChunk({ index: 0, start: 0, text, template }, DEFAULT_LIMITS);

/** netdata's chart (charts/netdata/templates/child/daemonset.yaml), its init container's args. */
const NETDATA = `spec:
  initContainers:
    - name: init-persistence
      image: alpine:3
      command:
        - "/bin/sh"
      args:
        - "-c"
        - '
        chmod 777 /persistencevarlibdir;
        '
      securityContext:
        privileged: true
`;

describe("quoted scalars go-yaml reads and the specification does not", () => {
  it("reads a single-quoted scalar continued at a lower indentation, as go-yaml gives it", () => {
    const { docs, problems } = parse(NETDATA);
    expect(problems).toEqual([]);
    const js = docs[0]?.doc.toJS();
    expect(js.spec.initContainers[0].args).toEqual(["-c", " chmod 777 /persistencevarlibdir; "]);
    expect(js.spec.initContainers[0].securityContext).toEqual({ privileged: true });
  });

  it("keeps the scalar's source range and style, and every other node's offsets", () => {
    const [doc] = parse(NETDATA).docs;
    const args = doc?.doc.getIn(["spec", "initContainers", 0, "args"], true) as {
      items: unknown[];
    };
    const script = args.items[1];
    if (!isScalar(script) || !script.range) throw new Error("no scalar");
    const open = NETDATA.indexOf("'");
    expect(script.range.slice(0, 2)).toEqual([open, NETDATA.lastIndexOf("'") + 1]);
    expect(script.type).toBe("QUOTE_SINGLE");
    const privileged = doc?.doc.getIn(
      ["spec", "initContainers", 0, "securityContext", "privileged"],
      true,
    );
    if (!isScalar(privileged) || !privileged.range) throw new Error("no scalar");
    expect(NETDATA.slice(privileged.range[0], privileged.range[1])).toBe("true");
  });

  it("reads escapes and folding of double quotes and '' of single quotes as the specification does", () => {
    const text = "a:\n  b: \"x\n y\\\n  z\\t\"\n  c: 'it''s\n fine'\n  d: plain\n";
    const { docs, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(docs[0]?.doc.toJS()).toEqual({ a: { b: "x yz\t", c: "it's fine", d: "plain" } });
  });

  it("reads several such scalars in one document, each hiding the next from the parser", () => {
    const text = "a:\n  - 'one\n  x'\n  - \"two\n  y\"\n  - three\n";
    expect(parse(text).docs[0]?.doc.toJS()).toEqual({ a: ["one x", "two y", "three"] });
  });

  it("reads one that closes a flow sequence on a line indented no more than its key", () => {
    // New Relic's newrelic-pixie chart (templates/job.yaml), its init container's command.
    const text = `spec:
  initContainers:
      - name: wait
        image: busybox
        command: ['sh', '-c', 'set -x;
          until [ $(curl -s -o /dev/null -w "%{http_code}" -k $URL) -eq 200 ]; do
            sleep 2;
          done;
        ']
        securityContext:
          privileged: true
`;
    const { docs, problems } = parse(text);
    expect(problems).toEqual([]);
    const init = docs[0]?.doc.toJS().spec.initContainers[0];
    expect(init.command).toEqual([
      "sh",
      "-c",
      'set -x; until [ $(curl -s -o /dev/null -w "%{http_code}" -k $URL) -eq 200 ]; do sleep 2; done; ',
    ]);
    expect(init.securityContext).toEqual({ privileged: true });
    // The scalar keeps its own source range.
    const command = docs[0]?.doc.getIn(["spec", "initContainers", 0, "command", 2], true);
    expect(isScalar(command) && command.range?.[0]).toBe(text.indexOf("'set -x;"));
  });

  it("reads one the parser took for closed at an escaped quote ending its first line", () => {
    // The Gateway API's CRDs (HTTPRoute's x-kubernetes-validations, as Traefik vendors them):
    // `''GRPC''` ends the first line, the rest of the scalar is indented less.
    const text = [
      "x-kubernetes-validations:",
      "  - message: protocol must be 'GRPC' when grpc is",
      "      set",
      "    rule: 'has(self.grpc) ? self.protocol == ''GRPC''",
      "  : true'",
      "  - message: other",
      "    rule: 'self.type == ''A'' ?",
      "  has(self.a) : true'",
      "",
    ].join("\n");
    const { docs, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(docs[0]?.doc.toJS()).toEqual({
      "x-kubernetes-validations": [
        {
          message: "protocol must be 'GRPC' when grpc is set",
          rule: "has(self.grpc) ? self.protocol == 'GRPC' : true",
        },
        { message: "other", rule: "self.type == 'A' ? has(self.a) : true" },
      ],
    });
  });

  it("leaves the parser's error where go-yaml fails as well", () => {
    // A document marker at the start of a line ends the stream's document: go-yaml's error.
    expect(parse("a:\n  - 'x\n---\n  y'\n").problems).toMatchObject([{ code: "parse-error" }]);
    // Never closed.
    expect(parse("a:\n  - 'never closed\n  b: 1\n").problems).toMatchObject([
      { code: "parse-error" },
    ]);
    // Text after the closing quote that is not a comment.
    expect(parse("a: 'x\n b'c\n").problems).toMatchObject([{ code: "parse-error" }]);
    // A key over two lines.
    expect(parse("'a\nb': 1\n").problems).toMatchObject([{ code: "parse-error" }]);
  });

  it("reads a chart template's scalar the same way", () => {
    const text = `spec:
  containers:
    - name: {{ .Chart.Name }}
      args:
        - '
        run --port {{ .Values.port }};
        '
      securityContext:
        privileged: true
`;
    const { docs, problems } = parse(text, true);
    expect(problems).toEqual([]);
    expect(docs[0]?.doc.toJS().spec.containers[0].securityContext).toEqual({ privileged: true });
  });
});
