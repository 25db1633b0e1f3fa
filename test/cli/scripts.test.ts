/** The CLI on shell scripts, Makefiles and workflows: found by the engine's kinds, not by the CLI. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

const SCRIPT = "#!/usr/bin/env bash\nset -e\ndocker run --rm --pid=host agent:1\n";
const WORKFLOW = [
  "on: push",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - name: Unit",
  "        run: make test",
  "",
].join("\n");

interface Json {
  findings: {
    ruleId: string;
    path: string;
    line: number;
    column: number;
    fix?: { text: string };
  }[];
  problems: unknown[];
}

function repo(): GitFixture {
  const r = new GitFixture();
  fixtures.push(r);
  r.write("bin/start-agent", SCRIPT);
  r.write("Makefile", "up:\n\tdocker run -d -v /var/run/docker.sock:/var/run/docker.sock ui\n");
  r.write(".github/workflows/ci.yml", WORKFLOW);
  r.write("notes", "docker run --privileged x\n");
  r.commit("base");
  return r;
}

describe("privilege-guard on scripts and workflows", () => {
  it("scan finds commands in a shebang script and a Makefile, not in a text file", async () => {
    const r = repo();
    const run = await runCli(["scan", "--format", "json", "."], { cwd: r.root, env: GIT_ENV });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.problems).toEqual([]);
    expect(json.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      ["Makefile", 2, "container-host-mounts"],
      ["bin/start-agent", 3, "container-host-namespaces"],
    ]);
    expect(json.findings[1]?.fix?.text).toBe("docker run --rm agent:1\n");
  });

  it("a binary file without an extension is no script: nothing to check, no problem", async () => {
    const r = repo();
    writeFileSync(
      join(r.root, "bin/tool"),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x01]),
    );
    r.write("run.sh", "echo hi\n");
    writeFileSync(join(r.root, "broken.sh"), Buffer.from([0x23, 0x21, 0xff, 0xfe]));
    const run = await runCli(["scan", "--format", "json", "bin", "run.sh", "broken.sh"], {
      cwd: r.root,
      env: GIT_ENV,
    });
    const json = JSON.parse(run.stdout) as Json;
    // A `.sh` file is a script whatever it holds: not text, it cannot pass unchecked.
    expect(json.problems).toEqual([
      expect.objectContaining({ path: "broken.sh", code: "encoding" }),
    ]);
    expect(json.findings.map((f) => f.path)).toEqual(["bin/start-agent"]);
  });

  it("diff reports the step a pull request adds, not a script it re-wraps", async () => {
    const r = repo();
    r.git("checkout", "-q", "-b", "feature");
    r.write(
      "bin/start-agent",
      "#!/usr/bin/env bash\nset -e\ndocker run --rm \\\n  --pid=host \\\n  agent:1\n",
    );
    r.write(
      ".github/workflows/ci.yml",
      `${WORKFLOW}      - name: Capture\n        run: docker run --privileged nicolaka/netshoot tcpdump\n`,
    );
    r.commit("feature");
    const run = await runCli(["diff", "--base", "main", "--head", "feature", "--format", "json"], {
      cwd: r.root,
      env: GIT_ENV,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.findings.map((f) => [f.path, f.line, f.column, f.ruleId])).toEqual([
      [".github/workflows/ci.yml", 9, 25, "container-privileged"],
    ]);
    expect(json.findings[0]?.fix?.text).toBe(
      "        run: docker run --cap-add=NET_RAW --cap-add=NET_ADMIN nicolaka/netshoot tcpdump\n",
    );
  });
});
