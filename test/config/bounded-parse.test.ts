/**
 * `parseConfig` never throws and does bounded, linear work: the error report of a config with
 * tens of thousands of unknown keys, anchors reused many times, an alias bomb and an oversized
 * file each give errors (capped), never an exception or a hang. The bound is a sanity guard
 * against a hang, not a timing.
 */
import { describe, expect, it } from "@jest/globals";
import { MAX_CONFIG_ERRORS, MAX_CONFIG_SIZE, parseConfig } from "../../src/config/parse.js";
import { defaultConfig } from "../../src/config/schema.js";

const SANITY_MS = 15_000;

function timed<T>(run: () => T): T {
  const started = performance.now();
  const out = run();
  expect(performance.now() - started).toBeLessThan(SANITY_MS);
  return out;
}

describe("parseConfig on hostile input", () => {
  it("reports a config with 12,000 unknown keys in linear time, its errors capped", () => {
    let text = "";
    for (let i = 0; i < 12_000; i++) text += `unknown${i}: ${i}\n`;
    expect(text.length).toBeLessThan(MAX_CONFIG_SIZE);
    const { config, errors } = timed(() => parseConfig(text));
    expect(config).toEqual(defaultConfig());
    expect(errors).toHaveLength(MAX_CONFIG_ERRORS + 1);
    expect(errors[0]).toBe("unknown0: unknown key (line 1)");
    expect(errors[MAX_CONFIG_ERRORS]).toBe(`… and ${12_000 - MAX_CONFIG_ERRORS} more errors`);
  });

  it("reports 12,000 unknown keys of one exception, each with its line", () => {
    let text = "exceptions:\n  - rule: privileged\n    reason: r\n";
    for (let i = 0; i < 12_000; i++) text += `    k${i}: x\n`;
    const { errors } = timed(() => parseConfig(text));
    expect(errors.slice(0, 2)).toEqual([
      "exceptions[0].k0: unknown key (line 4)",
      "exceptions[0].k1: unknown key (line 5)",
    ]);
  });

  it("reads an anchor reused 120 times, without throwing", () => {
    let text =
      "exceptions:\n  - &e {rule: privileged, reason: CNI agent, namespace: kube-system}\n";
    for (let i = 0; i < 120; i++) text += "  - *e\n";
    const { config, errors } = timed(() => parseConfig(text));
    expect(errors).toEqual([]);
    expect(config.exceptions).toHaveLength(121);
  });

  it("refuses an alias bomb as an invalid config, without throwing", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i <= 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    const { config, errors } = timed(() => parseConfig(text));
    expect(config).toEqual(defaultConfig());
    expect(errors).toEqual([expect.stringMatching(/^line 4, column \d+: aliases expand past/)]);
  });

  it("refuses a file over the size limit before parsing it", () => {
    const text = `# ${"x".repeat(MAX_CONFIG_SIZE)}\nlevel: baseline\n`;
    const { config, errors } = timed(() => parseConfig(text));
    expect(config).toEqual(defaultConfig());
    expect(errors).toEqual([
      `(root): the file has ${text.length} characters; a configuration may have at most ${MAX_CONFIG_SIZE}`,
    ]);
  });

  it("reports a key set twice, found in linear time", () => {
    let text = "";
    for (let i = 0; i < 20_000; i++) text += `k${i}: ${i}\n`;
    text += "k0: again\n";
    const { errors } = timed(() => parseConfig(text));
    expect(errors[0]).toBe("line 20001, column 1: key `k0` is set twice");
  });

  it("caps YAML syntax errors too", () => {
    const text = "a: [\n".repeat(2000);
    const { errors } = timed(() => parseConfig(text));
    expect(errors.length).toBeLessThanOrEqual(MAX_CONFIG_ERRORS + 1);
    expect(errors[0]).toMatch(/^line \d+, column \d+: /);
  });
});
