/**
 * The dev container kind through the engine: which files it reads, semantic identity across
 * reorderings, version bumps and renames, inline exceptions in JSONC comments (the config treats
 * their reasons as it treats annotations', as the Compose tests show), bad input, and the Feature
 * table against the Features' own metadata (vendored in test/fixtures/devcontainer-features).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, diff, readsPath, scan } from "../../src/catalogue/index.js";
import { claimsDevcontainer } from "../../src/devcontainer/devcontainer-kind.js";
import { KNOWN_FEATURES, knownFeature } from "../../src/devcontainer/features.js";
import { LineIndex } from "../../src/yaml/line-index.js";

const PATH = ".devcontainer/devcontainer.json";

const BASE = `{
  // The Go toolchain and a Docker daemon of its own.
  "name": "builder",
  "image": "golang:1.24",
  "features": {
    "ghcr.io/devcontainers/features/docker-in-docker:2": {}
  },
  "runArgs": ["--cap-add=SYS_ADMIN", "--network=host"],
}
`;

describe("which files the dev container kind reads", () => {
  it.each([
    [".devcontainer/devcontainer.json"],
    [".devcontainer.json"],
    [".devcontainer/python/devcontainer.json"],
    ["services/api/.devcontainer/devcontainer.json"],
  ])("%s", (path) => {
    expect(claimsDevcontainer(path)).toBe(true);
    expect(readsPath(path)).toBe(true);
    expect(scan([{ path, text: "{}" }])[0]?.kind).toBe("devcontainer");
  });

  it.each([
    ["devcontainer.json"],
    [".devcontainer/a/b/devcontainer.json"],
    [".devcontainer/devcontainer-feature.json"],
    [".devcontainer/docker-compose.yml"],
  ])("not %s", (path) => {
    expect(claimsDevcontainer(path)).toBe(false);
  });
});

describe("a dev container made from Docker Compose", () => {
  it("reads what the Compose override carries (privileged, capAdd, securityOpt, mounts, Features), not runArgs or workspaceMount", () => {
    const text = `{
  "name": "api",
  "dockerComposeFile": ["../compose.yaml", "compose.dev.yaml"],
  "service": "api",
  "workspaceFolder": "/workspace",
  // Read by docker run only: ignored with Docker Compose.
  "runArgs": ["--privileged", "--pid=host"],
  "workspaceMount": "source=/,target=/workspace,type=bind",
  "capAdd": ["SYS_PTRACE"],
  "securityOpt": ["seccomp=unconfined"],
  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"],
  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} }
}
`;
    const findings = scan([{ path: PATH, text }])[0]?.findings ?? [];
    expect(findings.map((f) => `${f.line} ${f.ruleId}`).sort()).toEqual(
      [
        "9 container-capabilities",
        "10 container-seccomp",
        "11 container-host-mounts",
        "12 container-privileged",
      ].sort(),
    );
    // The same settings in an image-based dev container: runArgs and workspaceMount count.
    const image = text.replace(
      '"dockerComposeFile": ["../compose.yaml", "compose.dev.yaml"],',
      '"image": "golang:1.24",',
    );
    const fromImage = scan([{ path: PATH, text: image }])[0]?.findings ?? [];
    expect(fromImage.map((f) => f.line).filter((l) => l === 7 || l === 8)).toEqual([7, 7, 8]);
  });
});

describe("semantic identity", () => {
  it("reordering runArgs, restyling and bumping a Feature's version introduce nothing", () => {
    const head = BASE.replace(
      '"runArgs": ["--cap-add=SYS_ADMIN", "--network=host"],',
      '"runArgs": [\n    "--network", "host",\n    "--cap-add", "SYS_ADMIN"\n  ]',
    ).replace("docker-in-docker:2", "docker-in-docker:3");
    const result = diff([{ path: PATH, base: BASE, head }]);
    expect(result.problems).toEqual([]);
    expect(result.introduced).toEqual([]);
    expect(result.existing.map((f) => f.ruleId).sort()).toEqual([
      "container-capabilities",
      "container-host-namespaces",
      "container-privileged",
    ]);
  });

  it("renaming the file introduces nothing; a new setting does", () => {
    const renamed = diff([
      { path: PATH, previousPath: ".devcontainer.json", base: BASE, head: BASE },
    ]);
    expect(renamed.introduced).toEqual([]);
    const more = diff([
      { path: PATH, base: BASE, head: BASE.replace('"image"', '"privileged": true,\n  "image"') },
    ]);
    expect(more.introduced.map((f) => `${f.line} ${f.ruleId} ${f.field}`)).toEqual([
      "4 container-privileged privileged",
    ]);
  });
});

describe("inline exceptions in JSONC comments", () => {
  const excepted = BASE.replace(
    '    "ghcr.io/devcontainers/features/docker-in-docker:2"',
    "    // privilege-guard: allow container-privileged -- integration tests start containers\n" +
      '    "ghcr.io/devcontainers/features/docker-in-docker:2"',
  ).replace(
    '  "runArgs"',
    "  /* privilege-guard: allow hostNamespaces, container-capabilities -- the e2e suite drives the host's network */\n" +
      '  "runArgs"',
  );

  it("a // or /* */ comment above the setting or its property, by rule id or PSS control", () => {
    const [result] = scan([{ path: PATH, text: excepted }]);
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => [f.ruleId, f.annotatedException])).toEqual([
      ["container-privileged", "integration tests start containers"],
      ["container-capabilities", "the e2e suite drives the host's network"],
      ["container-host-namespaces", "the e2e suite drives the host's network"],
    ]);
  });

  it("no reason, another rule or a trailing comment accept nothing", () => {
    const texts = [
      BASE.replace(
        '  "runArgs"',
        '  // privilege-guard: allow container-capabilities container-host-namespaces\n  "runArgs"',
      ),
      BASE.replace(
        '  "runArgs"',
        '  // privilege-guard: allow privileged -- not this one\n  "runArgs"',
      ),
      BASE.replace(
        '"--network=host"],',
        '"--network=host"], // privilege-guard: allow hostNamespaces -- too late',
      ),
    ];
    for (const text of texts) {
      const findings = scan([{ path: PATH, text }])[0]?.findings ?? [];
      expect(findings.map((f) => f.annotatedException)).toEqual([null, null, null]);
    }
  });
});

describe("bad input", () => {
  it.each([
    ['{ "runArgs": ["--privileged" }', 1, "comma expected"],
    ['{\n  "privileged": true\n  "capAdd": []\n}', 3, "comma expected"],
    ["", 1, "value expected"],
  ])("%j is a parse error at its line, without findings", (text, line, words) => {
    const [result] = scan([{ path: PATH, text }]);
    expect(result?.findings).toEqual([]);
    expect(result?.problems).toEqual([
      expect.objectContaining({
        code: "parse-error",
        line,
        message: expect.stringContaining(words),
      }),
    ]);
  });

  it("nesting past the depth limit is refused before the parser recurses", () => {
    const text = `{"a": ${"[".repeat(200_000)}`;
    const [result] = scan([{ path: PATH, text }]);
    expect(result?.problems.map((p) => p.code)).toEqual(["too-deep"]);
  });

  it("a top level that is not an object holds no container", () => {
    const [result] = scan([{ path: PATH, text: '["--privileged"]' }]);
    expect(result).toMatchObject({ kind: "devcontainer", findings: [], problems: [] });
  });
});

describe("line endings and a byte-order mark", () => {
  const fixedText = (text: string) => {
    const [result] = scan([{ path: PATH, text }]);
    expect(result?.problems).toEqual([]);
    const [finding] = result?.findings ?? [];
    if (!finding?.fix) throw new Error("no fix");
    return applyLineFix(text, new LineIndex(text), finding.fix);
  };

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["lone CR", "\r"],
  ])("%s: the fix keeps the file's line ending", (_name, eol) => {
    const lines = (...l: string[]) => l.join(eol) + eol;
    const text = lines("{", '  "privileged": true,', '  "image": "alpine"', "}");
    expect(fixedText(text)).toBe(lines("{", '  "image": "alpine"', "}"));
  });

  it("a leading byte-order mark is read past and kept", () => {
    const text = '\uFEFF{ "runArgs": ["--init", "--privileged"] }\n';
    expect(fixedText(text)).toBe('\uFEFF{ "runArgs": ["--init"] }\n');
  });
});

describe("the Feature table", () => {
  it("reads ids with and without version, digest, legacy id or shorthand", () => {
    const id = (key: string) => knownFeature(key)?.id ?? null;
    expect(id("ghcr.io/devcontainers/features/docker-in-docker:2")).toBe("docker-in-docker");
    expect(id("ghcr.io/devcontainers/features/docker-in-docker")).toBe("docker-in-docker");
    expect(id("ghcr.io/devcontainers/features/go@sha256:0123abcd")).toBe("go");
    expect(id("ghcr.io/devcontainers/features/docker-from-docker:1")).toBe(
      "docker-outside-of-docker",
    );
    expect(id("golang")).toBe("go");
    expect(id("ghcr.io/devcontainers/features/golang:1")).toBeNull();
    expect(id("ghcr.io/devcontainers/features/node:1")).toBeNull();
    expect(id("ghcr.io/someone/features/docker-in-docker:1")).toBeNull();
    expect(id("./docker-in-docker")).toBeNull();
  });

  it("every entry asks for something and cites the Feature's own metadata", () => {
    for (const f of KNOWN_FEATURES) {
      const asks =
        (f.privileged ? 1 : 0) +
        (f.capAdd?.length ?? 0) +
        (f.securityOpt?.length ?? 0) +
        (f.mounts?.filter((m) => m.type === "bind").length ?? 0);
      expect(asks).toBeGreaterThan(0);
      expect(f.remediation).toMatch(/\.$/);
      expect(f.evidence.map((e) => e.url)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^https://github\\.com/devcontainers/features/blob/[0-9a-f]{40}/src/${f.id}/devcontainer-feature\\.json$`,
          ),
        ),
      );
    }
  });

  it.each(KNOWN_FEATURES.map((f) => [f.id, f] as const))(
    "%s says what its devcontainer-feature.json sets",
    (id, feature) => {
      const url = new URL(`../fixtures/devcontainer-features/${id}.json`, import.meta.url);
      const metadata = JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
      expect(metadata.id).toBe(id);
      expect(metadata.legacyIds ?? []).toEqual(feature.legacyIds);
      expect(metadata.privileged ?? false).toBe(feature.privileged ?? false);
      expect(metadata.capAdd ?? []).toEqual(feature.capAdd ?? []);
      expect(metadata.securityOpt ?? []).toEqual(feature.securityOpt ?? []);
      const binds = (metadata.mounts as { type: string }[] | undefined)?.filter(
        (m) => m.type === "bind",
      );
      expect(binds ?? []).toEqual(feature.mounts?.filter((m) => m.type === "bind") ?? []);
    },
  );
});

describe("names a pull request chooses", () => {
  it("go into code spans in messages, whatever backticks they hold", () => {
    const text = '{ "name": "a`b", "features": { "docker-in-docker": {} }, "privileged": true }';
    const [result] = scan([{ path: PATH, text }]);
    expect(result?.findings.map((f) => f.message.split(" runs privileged")[0])).toEqual([
      "Dev container ``a`b``, Feature `docker-in-docker`",
      "Dev container ``a`b``",
    ]);
  });
});

describe("privileged mode asked for twice: by the container and by the Docker-in-Docker Feature", () => {
  // NetBird's .devcontainer/devcontainer.json: the Feature makes the container privileged whatever
  // the container's own `privileged` says, so removing that alone would change nothing.
  const text = `{
  "name": "NetBird",
  "build": { "context": "..", "dockerfile": "Dockerfile" },
  "features": {
    "ghcr.io/devcontainers/features/docker-in-docker:2": {},
    "ghcr.io/devcontainers/features/go:1": { "version": "1.23" }
  },
  "capAdd": ["NET_ADMIN"],
  "privileged": true
}
`;

  it("offers no fix for the container's own privileged mode, and says why and what would remove it", () => {
    const findings = scan([{ path: PATH, text }], { fixes: true })[0]?.findings ?? [];
    const privileged = findings.filter((f) => f.ruleId === "container-privileged");
    expect(privileged.map((f) => [f.line, f.fix === undefined])).toEqual([
      [5, true],
      [9, true],
    ]);
    expect(privileged[1]?.remediation).toMatch(
      /^The Feature `ghcr\.io\/devcontainers\/features\/docker-in-docker:2` makes the container privileged whatever this property says, so removing it alone changes nothing\. The Feature runs a Docker daemon/,
    );
  });

  it("offers the fix again without the Feature", () => {
    const alone = text.replace(
      '    "ghcr.io/devcontainers/features/docker-in-docker:2": {},\n',
      "",
    );
    const findings = scan([{ path: PATH, text: alone }], { fixes: true })[0]?.findings ?? [];
    const privileged = findings.filter((f) => f.ruleId === "container-privileged");
    expect(privileged.map((f) => [f.line, f.fix?.description.slice(0, 20)])).toEqual([
      [8, "Drop privileged mode"],
    ]);
  });
});
