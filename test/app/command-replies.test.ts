import { describe, expect, it } from "@jest/globals";
import { commandAction } from "../../src/app/command-decision.js";
import { parseSlashCommand } from "../../src/report/commands.js";

/** GitHub refuses a comment body over 65,536 characters. */
const MAX_COMMENT = 65_536;

function replyTo(body: string): string {
  const command = parseSlashCommand(body);
  if (!command) throw new Error("no command");
  const action = commandAction(command);
  if (action.kind !== "reply") throw new Error("no reply");
  return action.body;
}

describe("replies to commands that do not exist", () => {
  it("do not echo unbounded text, and stay within GitHub's comment limit", () => {
    const reply = replyTo(`/privilege-guard ${"x".repeat(70_000)} and more`);
    expect(reply.length).toBeLessThan(MAX_COMMENT);
    expect(reply).not.toContain("x".repeat(100));
    expect(reply).not.toContain("and more");
    const rule = replyTo(`/privilege-guard explain ${"y".repeat(70_000)}`);
    expect(rule.length).toBeLessThan(MAX_COMMENT);
    expect(rule).not.toContain("y".repeat(100));
  });

  it("quote what they name as inert code, never as Markdown or a mention", () => {
    const reply = replyTo("/privilege-guard @octocat <img src=x> [a](http://e.x)");
    expect(reply).toContain("Privilege Guard does not know the command `@octocat`");
    expect(reply).not.toContain("<img");
    const ticks = replyTo("/privilege-guard explain ``a`b``");
    expect(ticks).toContain("Privilege Guard has no rule ``` ``a`b`` ```.");
  });
});
