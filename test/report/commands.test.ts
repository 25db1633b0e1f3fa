import { describe, expect, it } from "@jest/globals";
import { rules } from "../../src/catalogue/index.js";
import { explainText, helpText, parseSlashCommand } from "../../src/report/commands.js";

describe("parseSlashCommand", () => {
  it.each([
    ["/privilege-guard rescan", { name: "rescan" }],
    ["/Privilege-Guard RESCAN", { name: "rescan" }],
    ["/privilege-guard help", { name: "help" }],
    ["/privilege-guard", { name: "help" }],
    ["/privilege-guard   \t", { name: "help" }],
    ["/privilege-guard explain privileged", { name: "explain", rule: "privileged" }],
    ["/privilege-guard Explain hostNamespaces", { name: "explain", rule: "hostNamespaces" }],
    ["/privilege-guard rescan\r\nthanks!", { name: "rescan" }],
    ["  /privilege-guard rescan", { name: "rescan" }],
    ["/privilege-guard deploy", { name: "unknown", text: "deploy" }],
    ["/privilege-guard explain", { name: "unknown", text: "explain" }],
    ["/privilege-guard explain a b", { name: "unknown", text: "explain a b" }],
    ["/privilege-guard rescan now", { name: "unknown", text: "rescan now" }],
    [
      "/privilege-guard approve privileged",
      { name: "approve", rule: "privileged", resource: null },
    ],
    [
      "/privilege-guard approve privileged Pod/debug/capture",
      { name: "approve", rule: "privileged", resource: "Pod/debug/capture" },
    ],
    ["/privilege-guard approve", { name: "unknown", text: "approve" }],
    ["/privilege-guard approve a b c", { name: "unknown", text: "approve a b c" }],
  ])("%j → %j", (body, command) => {
    expect(parseSlashCommand(body)).toEqual(command);
  });

  it("takes the first line that starts with the command", () => {
    const body =
      "Fixed the capabilities.\n\n/privilege-guard rescan\n/privilege-guard explain privileged\n";
    expect(parseSlashCommand(body)).toEqual({ name: "rescan" });
  });

  it("returns null when no line starts with the command", () => {
    expect(parseSlashCommand("")).toBeNull();
    expect(parseSlashCommand("LGTM")).toBeNull();
    expect(parseSlashCommand("please run /privilege-guard rescan")).toBeNull();
    expect(parseSlashCommand("/privilege-guardian rescan")).toBeNull();
    expect(parseSlashCommand("`/privilege-guard rescan`")).toBeNull();
  });

  it("ignores quoted lines", () => {
    const reply = "> /privilege-guard rescan\n\nDone, see the new check run.";
    expect(parseSlashCommand(reply)).toBeNull();
    expect(parseSlashCommand(">/privilege-guard rescan\n> > /privilege-guard help")).toBeNull();
    // A line right after a quote continues it (CommonMark's lazy continuation, as GitHub shows it).
    expect(parseSlashCommand("> /privilege-guard rescan\n/privilege-guard help")).toBeNull();
    expect(parseSlashCommand("> /privilege-guard rescan\n\n/privilege-guard help")).toEqual({
      name: "help",
    });
  });

  it("ignores code blocks, fenced or indented", () => {
    const fenced = "Use:\n\n```\n/privilege-guard rescan\n```\n";
    expect(parseSlashCommand(fenced)).toBeNull();
    const tilde = "~~~md\n/privilege-guard rescan\n~~~\n/privilege-guard explain privileged";
    expect(parseSlashCommand(tilde)).toEqual({ name: "explain", rule: "privileged" });
    const longer = "````\n```\n/privilege-guard rescan\n```\n````\n";
    expect(parseSlashCommand(longer)).toBeNull();
    expect(parseSlashCommand("Example:\n\n    /privilege-guard rescan\n")).toBeNull();
    const unclosed = "```\n/privilege-guard rescan\n";
    expect(parseSlashCommand(unclosed)).toBeNull();
  });
});

describe("parseSlashCommand reads the comment as Markdown", () => {
  it.each([
    ["an HTML comment", "<!-- /privilege-guard rescan -->"],
    ["an HTML comment over lines", "<!--\n/privilege-guard rescan\n-->"],
    ["an HTML comment that interrupts a paragraph", "Thanks!\n<!-- /privilege-guard rescan -->"],
    ["an inline HTML comment over lines", "See <!-- hidden\n/privilege-guard rescan --> here"],
    ["an HTML block", "<details>\n/privilege-guard rescan\n</details>"],
    ["a lazy block quote line", "> Earlier:\n/privilege-guard rescan"],
    ["a quote inside a list", "- > /privilege-guard rescan"],
    ["a fenced block inside a quote", "> ```\n> /privilege-guard rescan\n> ```"],
    ["a heading", "/privilege-guard rescan\n---"],
  ])("runs nothing in %s", (_, body) => {
    expect(parseSlashCommand(body)).toBeNull();
  });

  it("runs a command after a comment, a quote or a code block", () => {
    expect(parseSlashCommand("<!-- note -->\n/privilege-guard rescan")).toEqual({ name: "rescan" });
    expect(parseSlashCommand("> quoted\n\n/privilege-guard help")).toEqual({ name: "help" });
    expect(parseSlashCommand("*Done.*\n/privilege-guard rescan")).toEqual({ name: "rescan" });
    expect(parseSlashCommand("Done.\r/privilege-guard rescan")).toEqual({ name: "rescan" });
  });
});

describe("helpText", () => {
  it("lists the commands and who may use them", () => {
    const text = helpText();
    expect(text).toContain("`/privilege-guard rescan`");
    expect(text).toContain("`/privilege-guard explain <rule>`");
    expect(text).toContain("`/privilege-guard help`");
    expect(text).toMatch(/rescan.*\*\*write\*\* or \*\*admin\*\* permission/);
    for (const rule of rules) expect(text).toContain(`\`${rule.id}\``);
  });
});

describe("explainText", () => {
  const privileged = rules.find((r) => r.id === "privileged");
  if (!privileged) throw new Error("the engine has the privileged rule");

  it("renders title, PSS control, severity, rationale, remediation and exception guidance", () => {
    const text = explainText("privileged") ?? "";
    expect(text).toContain(`### ${privileged.title} (\`privileged\`)`);
    expect(text).toContain(
      "**PSS control:** `privileged` (baseline level of the Pod Security Standards)",
    );
    expect(text).toContain(`**Severity:** ${privileged.severity}`);
    expect(text).toContain(privileged.rationale);
    expect(text).toContain(`**Remediation:** ${privileged.remediation}`);
    expect(text).toContain("**Keeping it as an exception:**");
    expect(text).toContain("privilege-guard.io/allow-privileged");
  });

  it("accepts a PSS control id and any case", () => {
    const hostNamespaces = rules.find((r) => r.pss?.control === "hostNamespaces");
    expect(hostNamespaces).toBeDefined();
    expect(explainText("hostNamespaces")).toContain(explainText(hostNamespaces?.id ?? "") ?? "-");
    expect(explainText("hostNamespaces")).toContain(
      explainText("container-host-namespaces") ?? "-",
    );
    expect(explainText("HOSTNAMESPACES")).toBe(explainText("hostNamespaces"));
    expect(explainText("Privileged")).toBe(explainText("privileged"));
  });

  it("says why a rule maps to no PSS control", () => {
    expect(explainText("pod-security-enforce-lowered")).toContain(
      "**PSS control:** none: the standards say what a pod may set; this setting decides whether Pod Security admission enforces them in a namespace ·",
    );
  });

  it("tells how to keep a container rule's setting with an inline comment", () => {
    const text = explainText("container-host-mounts") ?? "";
    expect(text).toContain(
      "`privilege-guard: allow container-host-mounts -- <why this container needs it>`",
    );
    expect(text).not.toContain("privilege-guard.io/allow-");
  });

  it("explains every rule of the engine", () => {
    for (const rule of rules) {
      expect(explainText(rule.id)).toContain(rule.rationale);
      if (rule.pss) expect(explainText(rule.pss.control)).toContain(`(\`${rule.id}\`)`);
    }
  });

  it("returns null for an unknown rule", () => {
    expect(explainText("privileged-mode")).toBeNull();
    expect(explainText("")).toBeNull();
  });
});
