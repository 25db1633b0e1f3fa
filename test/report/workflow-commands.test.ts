import { describe, expect, it } from "@jest/globals";
import { buildCheckRun } from "../../src/report/check-run.js";
import { terminalSafe } from "../../src/report/terminal-safe.js";
import type { RunReport } from "../../src/report/review-data.js";
import {
  escapeData,
  escapeProperty,
  renderWorkflowCommands,
} from "../../src/report/workflow-commands.js";
import { evaluateFiles } from "../support/evaluation.js";

/**
 * A workflow command line read back as the Actions runner reads it (actions/runner,
 * ActionCommand.TryParseV2): `::`, the command up to a space or the next `::`, properties split at
 * `,` and each at its first `=`, the data after that `::`; values unescaped (`%0D`, `%0A`, `%3A`,
 * `%2C` in properties, and `%25` last).
 */
function parseCommand(line: string) {
  if (!line.startsWith("::")) return null;
  const end = line.indexOf("::", 2);
  if (end < 0) return null;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0)
    for (const pair of info.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeValue(pair.slice(eq + 1), true);
    }
  return { command, properties, data: unescapeValue(line.slice(end + 2), false) };
}

function unescapeValue(value: string, property: boolean): string {
  let out = value.replace(/%0D/g, "\r").replace(/%0A/g, "\n");
  if (property) out = out.replace(/%3A/g, ":").replace(/%2C/g, ",");
  return out.replace(/%25/g, "%");
}

function pod(container: string, setting = "privileged: true"): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: ${JSON.stringify(container)}
      image: busybox:1.36
      securityContext:
        ${setting}
`;
}

const commandLines = (out: string) => out.trimEnd().split("\n").slice(0, -1);

describe("escaping as @actions/core escapes (packages/core/src/command.ts)", () => {
  it("escapes % first, then CR and LF in data, and also : and , in properties", () => {
    expect(escapeData("100%\r\n::x, y:z%0A")).toBe("100%25%0D%0A::x, y:z%250A");
    expect(escapeProperty("a,b:c%\r\nd")).toBe("a%2Cb%3Ac%25%0D%0Ad");
  });
});

describe("renderWorkflowCommands", () => {
  it("prints one error per finding at or above failOn, one warning below it, with the check run's text", () => {
    const evaluation = evaluateFiles(
      {
        "k8s/a.yaml": pod("app"),
        "k8s/b.yaml": pod("tool", "allowPrivilegeEscalation: true"),
      },
      { level: "restricted", failOn: "critical" },
    );
    const out = renderWorkflowCommands({ evaluation });
    const parsed = commandLines(out).map(parseCommand);
    const annotations = buildCheckRun(evaluation).annotations;
    expect(parsed).toHaveLength(annotations.length);
    expect(parsed.map((p) => p?.command)).toContain("error");
    expect(parsed.map((p) => p?.command)).toContain("warning");
    parsed.forEach((p, i) => {
      const a = annotations[i];
      expect(p?.command).toBe(a?.annotation_level === "failure" ? "error" : "warning");
      expect(p?.properties).toEqual({
        file: a?.path,
        line: String(a?.start_line),
        endLine: String(a?.end_line),
        title: a?.title,
        ...(a?.start_column !== undefined
          ? { col: String(a.start_column), endColumn: String(a.end_column) }
          : {}),
      });
      expect(p?.data).toBe(a?.message);
    });
    const privileged = parsed.find((p) => p?.properties.title?.includes("rule privileged"));
    expect(privileged).toMatchObject({
      command: "error",
      properties: { file: "k8s/a.yaml", line: "10", col: "9" },
    });
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^\d+ findings .*fails/);
  });

  it("keeps adversarial file and container names inside their property or message", () => {
    const path = "deploy/a,b:c%25\r\n::error file=x.yaml::forged,title=t.yaml";
    const container = "x,y:z%0A\n::warning::forged";
    const evaluation = evaluateFiles({ [path]: pod(container) });
    expect(evaluation.reported.length).toBeGreaterThan(0);
    const out = renderWorkflowCommands({ evaluation });
    const lines = commandLines(out);
    // One line per annotation: no text from the files started a command of its own.
    expect(lines).toHaveLength(buildCheckRun(evaluation).annotations.length);
    for (const line of lines) {
      const p = parseCommand(line);
      expect(p?.command).toBe("error");
      expect(Object.keys(p?.properties ?? {}).sort()).toEqual(
        ["col", "endColumn", "endLine", "file", "line", "title"].sort(),
      );
      expect(p?.properties.file).toBe(path);
      expect(p?.data).toContain(terminalSafe(evaluation.reported[0]?.message ?? "-"));
      expect(p?.data).toContain("x,y:z%0A");
    }
  });

  it("lists a file that could not be read as an error, or a warning when onUnreadable is neutral", () => {
    const broken = { "k8s/broken.yaml": "spec:\n  containers:\n    - name: a\n      x: [\n" };
    const fails = renderWorkflowCommands({ evaluation: evaluateFiles(broken) });
    expect(parseCommand(commandLines(fails)[0] ?? "")).toMatchObject({
      command: "error",
      properties: { file: "k8s/broken.yaml", title: "Could not scan: parse-error" },
    });
    const neutral = renderWorkflowCommands({
      evaluation: evaluateFiles(broken, { onUnreadable: "neutral" }),
    });
    expect(parseCommand(commandLines(neutral)[0] ?? "")?.command).toBe("warning");
  });

  it("adds a notice for an exception a change requests, not for one a scan reads", () => {
    const annotated = pod("app").replace(
      "  name: debug\n",
      '  name: debug\n  annotations:\n    privilege-guard.io/allow-privileged: "kernel debugger"\n',
    );
    const evaluation = evaluateFiles({ "k8s/a.yaml": annotated });
    expect(evaluation.accepted).toHaveLength(1);
    const scan: RunReport = { evaluation };
    expect(commandLines(renderWorkflowCommands(scan))).toEqual([]);
    const change: RunReport = {
      evaluation,
      diff: { base: "main", head: "HEAD", mergeBase: "0".repeat(40) },
    };
    const [notice] = commandLines(renderWorkflowCommands(change)).map(parseCommand);
    expect(notice?.command).toBe("notice");
    expect(notice?.data).toContain("kernel debugger");
  });
});
