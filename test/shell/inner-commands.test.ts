/** Which word of a shell invocation is its command string (sh(1), bash(1) "-c"). */
import { describe, expect, it } from "@jest/globals";
import type { ArgWord } from "../../src/container/arg-word.js";
import { commandString } from "../../src/shell/inner-commands.js";

function words(...values: string[]): ArgWord[] {
  let at = 0;
  return values.map((value) => {
    const word = { value, dynamic: false, start: at, end: at + value.length };
    at += value.length + 1;
    return word;
  });
}

describe("commandString", () => {
  it.each([
    [["sh", "-c", "docker run x"], "docker run x"],
    [["/bin/bash", "-ec", "docker run x", "name", "arg"], "docker run x"],
    [["bash", "-e", "-o", "pipefail", "-c", "docker run x"], "docker run x"],
    [["bash", "--login", "-c", "docker run x"], "docker run x"],
    [["zsh", "-c", "--", "docker run x"], "docker run x"],
    [["dash", "+e", "-c", "docker run x"], "docker run x"],
  ])("%j runs %j", (command, code) => {
    expect(commandString(words(...command))?.value).toBe(code);
  });

  it.each([
    [["sh", "script.sh", "-c", "docker run x"]],
    [["sh", "-e", "script.sh"]],
    [["python", "-c", "print(1)"]],
    [["sh", "-c"]],
    [["bash", "-o", "c", "script.sh"]],
  ])("%j runs no command string", (command) => {
    expect(commandString(words(...command))).toBeNull();
  });

  it("a shell or an option known only at run time is not followed", () => {
    const dynamicShell = [{ ...words("sh")[0], dynamic: true } as ArgWord, ...words("-c", "x")];
    expect(commandString(dynamicShell)).toBeNull();
  });
});
