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

  it("reads a variable without a default as the placeholder it is given", () => {
    expect(interpolate(`${v("XDG_RUNTIME_DIR")}/docker.sock:/s`, "?")).toEqual({
      value: "?/docker.sock:/s",
      variable: true,
    });
    expect(interpolate("$HOME/.docker/run/docker.sock", "?").value).toBe(
      "?/.docker/run/docker.sock",
    );
    expect(interpolate(`${v(`A:-${v("B")}`)}/x`, "?").value).toBe("?/x");
    expect(interpolate(v("A:-/d"), "?").value).toBe("/d");
    expect(interpolate("${", "?").value).toBeNull();
  });
});
