import { describe, expect, it } from "@jest/globals";
import { terminalSafe, terminalSafeData } from "../../src/report/terminal-safe.js";

describe("terminalSafe", () => {
  it.each([
    ["plain text, tabs\tand\nline feeds", "plain text, tabs\tand\nline feeds"],
    ["crlf\r\nkept", "crlf\r\nkept"],
    ["lone\rcr", "lone\\x0dcr"],
    ["\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m"],
    ["title\u001b]0;x\u0007", "title\\x1b]0;x\\x07"],
    ["nul\u0000del\u007fc1\u009b", "nul\\x00del\\x7fc1\\x9b"],
    ["admin\u202egnp.yaml", "admin\\u202egnp.yaml"],
    ["isolate\u2066x\u2069", "isolate\\u2066x\\u2069"],
    ["café ☕ 𝄞", "café ☕ 𝄞"],
  ])("%j → %j", (input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it("walks plain data, arrays and maps, keeping other values", () => {
    const data = {
      path: "a\u001b.yaml",
      line: 3,
      fix: null,
      list: ["\u0007", true],
      texts: new Map([["k\u001b", "v\u001b"]]),
    };
    expect(terminalSafeData(data)).toEqual({
      path: "a\\x1b.yaml",
      line: 3,
      fix: null,
      list: ["\\x07", true],
      texts: new Map([["k\\x1b", "v\\x1b"]]),
    });
  });
});
