import { describe, expect, it } from "@jest/globals";
import { interpolate } from "../../src/compose/interpolate.js";

const v = (body: string) => ["$", "{", body, "}"].join("");

describe("interpolate", () => {
  it.each([
    ["plain", "plain", false],
    [v("PRIVILEGED:-true"), "true", true],
    [v("SOCK-/var/run/docker.sock"), "/var/run/docker.sock", true],
    [`${v("DIR:-/var/run")}/docker.sock:/sock`, "/var/run/docker.sock:/sock", true],
    [v(`A:-${v("B:-nested")}`), "nested", true],
    ["$$HOME", "$HOME", false],
    ["cost: 5$", "cost: 5$", false],
  ])("%s → %s", (text, value, variable) => {
    expect(interpolate(text)).toEqual({ value, variable });
  });

  it.each([["$VAR"], [v("VAR")], [v("VAR:?required")], [v("VAR:+set")], [v("VAR")], ["${"]])(
    "%s is unknown",
    (text) => {
      expect(interpolate(text).value).toBeNull();
    },
  );
});
