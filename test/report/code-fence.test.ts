import { describe, expect, it } from "@jest/globals";
import { fenceFor, fencedBlock } from "../../src/report/code-fence.js";

describe("fenceFor", () => {
  it.each([
    ["", "```"],
    ["privileged: true\n", "```"],
    ["a `b` c", "```"],
    ["``", "```"],
    ["```", "````"],
    ["x\n```yaml\ny\n```\n", "````"],
    ["``````", "```````"],
    ["` `` ``` ````", "`````"],
  ])("fences %j with %s", (content, fence) => {
    expect(fenceFor(content)).toBe(fence);
  });
});

describe("fencedBlock", () => {
  it("strips the final newline of whole-line content", () => {
    expect(fencedBlock("suggestion", "a\nb\n")).toBe("```suggestion\na\nb\n```");
  });

  it("gives an empty block for empty content (a suggestion that deletes the lines)", () => {
    expect(fencedBlock("suggestion", "")).toBe("```suggestion\n```");
  });

  it("keeps a single empty line", () => {
    expect(fencedBlock("suggestion", "\n")).toBe("```suggestion\n\n```");
  });

  it("outgrows a fence inside the content, so the block is not closed early", () => {
    const content = "command: |\n  echo ```\n  echo ````\n";
    const block = fencedBlock("suggestion", content);
    expect(block.startsWith("`````suggestion\n")).toBe(true);
    expect(block.endsWith("\n`````")).toBe(true);
    const inner = block.slice("`````suggestion\n".length, -"\n`````".length);
    expect(inner).toBe(content.slice(0, -1));
  });
});
