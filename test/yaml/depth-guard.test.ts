import { describe, expect, it } from "@jest/globals";
import { Parser } from "yaml";
import { cstDepth, textNestingExceeds } from "../../src/yaml/depth-guard.js";

function depthOf(text: string): number {
  const doc = Array.from(new Parser().parse(text)).find((t) => t.type === "document");
  if (!doc) throw new Error("no document");
  return cstDepth(doc, 1000);
}

describe("textNestingExceeds", () => {
  it("passes realistic manifests", () => {
    const text = "a:\n  - b: [1, {c: [2]}]\n  - - - x\n? - k\n: v\n";
    expect(textNestingExceeds(text, 5)).toBe(-1);
  });

  it("finds unclosed flow brackets past the bound, wherever they are", () => {
    expect(textNestingExceeds(`a: ${"[".repeat(6)}`, 5)).toBe(8);
    expect(textNestingExceeds(`a: "${"{".repeat(6)}"`, 5)).toBe(9);
    expect(textNestingExceeds(`a: ${"[]".repeat(100)}`, 5)).toBe(-1);
  });

  it("finds long runs of compact block indicators starting a line", () => {
    expect(textNestingExceeds(`x:\n${"- ".repeat(6)}a\n`, 5)).toBe(13);
    expect(textNestingExceeds(`x:\n${"? ".repeat(6)}a\n`, 5)).toBe(13);
    expect(textNestingExceeds(`${"- ".repeat(5)}a\n${"- ".repeat(5)}b\n`, 5)).toBe(-1);
  });
});

describe("cstDepth", () => {
  it("measures nesting of block and flow collections", () => {
    expect(depthOf("a: 1\n")).toBe(1);
    expect(depthOf("a:\n  b:\n    - [x, {y: z}]\n")).toBe(5);
    expect(depthOf("- - - x\n")).toBe(3);
  });

  it("stops as soon as the bound is passed, without recursion", () => {
    let text = "";
    for (let i = 0; i < 3000; i++) text += `${" ".repeat(i)}k${i}:\n`;
    const doc = Array.from(new Parser().parse(text)).find((t) => t.type === "document");
    if (!doc) throw new Error("no document");
    expect(cstDepth(doc, 100)).toBe(101);
  });
});
