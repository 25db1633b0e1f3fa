/**
 * What one scan works out once: `get` keeps every value for the scan; `latest` keeps one value
 * per kind (a Helm chart's reading), made again when its key comes back after another.
 */
import { describe, expect, it } from "@jest/globals";
import { ScanMemo } from "../../src/core/scan-memo.js";

describe("scan memo", () => {
  it("makes a value once per key with get", () => {
    const memo = new ScanMemo();
    let made = 0;
    const make = () => ++made;
    expect([memo.get("a", make), memo.get("b", make), memo.get("a", make)]).toEqual([1, 2, 1]);
    expect(made).toBe(2);
  });

  it("holds only the latest key of a kind with latest, each kind apart", () => {
    const memo = new ScanMemo();
    const made: string[] = [];
    const make = (key: string) => () => {
      made.push(key);
      return { key };
    };
    const first = memo.latest("chart", "a", make("a"));
    expect(memo.latest("chart", "a", make("a"))).toBe(first);
    memo.latest("other", "x", make("x"));
    expect(memo.latest("chart", "a", make("a"))).toBe(first);
    memo.latest("chart", "b", make("b"));
    // `a` again after `b`: made again, a new value.
    expect(memo.latest("chart", "a", make("a"))).not.toBe(first);
    expect(made).toEqual(["a", "x", "b", "a"]);
  });
});
