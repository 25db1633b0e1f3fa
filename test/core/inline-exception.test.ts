import { describe, expect, it } from "@jest/globals";
import { parseInlineException } from "../../src/core/inline-exception.js";

describe("parseInlineException", () => {
  it.each([
    ["# privilege-guard: allow privileged -- dind", { rules: ["privileged"], reason: "dind" }],
    ["privilege-guard: allow privileged -- dind", { rules: ["privileged"], reason: "dind" }],
    [
      "//   privilege-guard:allow container-seccomp, hostNamespaces --  a reason -- with dashes ",
      { rules: ["container-seccomp", "hostNamespaces"], reason: "a reason -- with dashes" },
    ],
    ["/* privilege-guard: allow privileged -- dind */", { rules: ["privileged"], reason: "dind" }],
    ["# privilege-guard: allow privileged", { rules: ["privileged"], reason: null }],
    ["# privilege-guard: allow privileged --", { rules: ["privileged"], reason: null }],
  ])("%s", (comment, expected) => {
    expect(parseInlineException(comment)).toEqual(expected);
  });

  it.each([
    ["# a comment"],
    ["# privilege-guard: deny privileged -- no"],
    ["# privilege-guard: allow -- no rule"],
    ["# see privilege-guard: allow privileged -- not at the start"],
  ])("not an exception: %s", (comment) => {
    expect(parseInlineException(comment)).toBeNull();
  });
});
