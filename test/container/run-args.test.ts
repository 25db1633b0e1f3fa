/** Container command lines read into flags, up to the image. */
import { describe, expect, it } from "@jest/globals";
import { type ArgWord, DYNAMIC } from "../../src/container/arg-word.js";
import { containerRun, runArgs } from "../../src/container/run-args.js";

/** Words of a command line split on spaces, with offsets into the line. */
function words(line: string): ArgWord[] {
  const out: ArgWord[] = [];
  for (const m of line.matchAll(/\S+/g)) {
    const value = m[0].replaceAll("$X", DYNAMIC);
    out.push({
      value,
      dynamic: value.includes(DYNAMIC),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function flagsOf(line: string): [string, string | null][] {
  return (containerRun(words(line))?.flags ?? []).map((f) => [f.name, f.value]);
}

describe("containerRun", () => {
  it("recognises docker, podman and nerdctl run and create, with global options", () => {
    for (const line of [
      "docker run --privileged img",
      "docker container create --privileged img",
      "/usr/bin/podman --remote run --privileged img",
      "docker --context prod -H tcp://h:2375 run --privileged img",
      "nerdctl -n k8s.io run --privileged img",
    ]) {
      expect([line, flagsOf(line)]).toEqual([line, [["privileged", null]]]);
    }
  });

  it("ignores other programs and subcommands", () => {
    for (const line of [
      "docker build -t x .",
      "docker exec --privileged c sh",
      "kubectl run x",
      "dockerd run",
    ]) {
      expect(containerRun(words(line))).toBeNull();
    }
  });

  it("reads --flag=value, --flag value, short flags, aliases and combined short flags", () => {
    expect(
      flagsOf(
        "docker run -itd --cap-add SYS_ADMIN --net=host -v /a:/b -v=/c:/d -itv /e:/f --pid host --security-opt=seccomp=unconfined img",
      ),
    ).toEqual([
      ["interactive", null],
      ["tty", null],
      ["detach", null],
      ["cap-add", "SYS_ADMIN"],
      ["network", "host"],
      ["volume", "/a:/b"],
      ["volume", "/c:/d"],
      ["interactive", null],
      ["tty", null],
      ["volume", "/e:/f"],
      ["pid", "host"],
      ["security-opt", "seccomp=unconfined"],
    ]);
  });

  it("stops at the image: flags after it belong to the container's command", () => {
    const run = containerRun(words("docker run --rm -e A=1 --name x alpine:3 sh --privileged"));
    expect(run?.image?.value).toBe("alpine:3");
    expect(run?.flags.map((f) => f.name)).toEqual(["rm", "env", "name"]);
    expect(containerRun(words("docker run -- --privileged"))?.image?.value).toBe("--privileged");
  });

  it("keeps the words each flag occupies and their source range", () => {
    const line = "docker run --cap-add ALL -itv /a:/b img";
    const [cap, , , volume] = containerRun(words(line))?.flags ?? [];
    expect(
      cap && [cap.firstWord, cap.lastWord, line.slice(cap.start, cap.end), cap.combined],
    ).toEqual([2, 3, "--cap-add ALL", false]);
    expect(
      volume && [volume.spelling, line.slice(volume.start, volume.end), volume.combined],
    ).toEqual(["-v", "-itv /a:/b", true]);
  });

  it("marks values known only at run time, and reads on past a word that may split", () => {
    const all = words("docker run $X --cap-add=$X --privileged img");
    all[2] = { ...(all[2] as ArgWord), splits: true };
    const run = containerRun(all);
    expect(run?.flags.map((f) => [f.name, f.dynamic])).toEqual([
      ["cap-add", true],
      ["privileged", false],
    ]);
    expect(run?.image?.value).toBe("img");
    // Quoted, a dynamic word is one word: the image.
    expect(containerRun(words("docker run $X --privileged"))?.flags).toEqual([]);
  });

  it("reads job container options on their own, to the end", () => {
    const args = runArgs(
      words("--privileged --cpus 1 -v /var/run/docker.sock:/var/run/docker.sock"),
    );
    expect(args.flags.map((f) => [f.name, f.value])).toEqual([
      ["privileged", null],
      ["cpus", "1"],
      ["volume", "/var/run/docker.sock:/var/run/docker.sock"],
    ]);
    expect(args.image).toBeNull();
  });
});
