/**
 * What can be checked of the deployment files without a Docker engine or GitHub: the Dockerfile
 * copies files that exist and starts the app that the build produces; the image's production
 * dependencies cover every package the compiled code imports; the manifest asks for valid,
 * minimal permissions and subscribes to every event the App handles.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import type { Probot } from "probot";
import { parse } from "yaml";
import { createApp } from "../../src/app/create-app.js";
import { HEALTH_PATH } from "../../src/app/health.js";

const root = new URL("../../", import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/** Dockerfile instructions, continuation lines joined. */
function instructions(): { op: string; args: string; stage: number }[] {
  let stage = -1;
  return read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.trim().startsWith("#"))
    .map((l) => {
      const [op = "", ...rest] = l.trim().split(/\s+/);
      if (op === "FROM") stage++;
      return { op: op.toUpperCase(), args: rest.join(" "), stage };
    });
}

describe("Dockerfile", () => {
  const steps = instructions();

  it("builds in one stage and runs production dependencies only, as a non-root user, on a Node LTS under tini", () => {
    // Node 20 reached its end of life in April 2026: 22 or 24, by exact version and by digest.
    const image = steps.find((s) => s.op === "ARG" && s.args.startsWith("NODE_IMAGE="))?.args;
    expect(image).toMatch(/^NODE_IMAGE=node:(22|24)\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
    const froms = steps.filter((s) => s.op === "FROM").map((s) => s.args);
    const arg = "$" + "{NODE_IMAGE}";
    expect(froms).toEqual([`${arg} AS build`, arg]);
    const runs = (stage: number) =>
      steps.filter((s) => s.op === "RUN" && s.stage === stage).map((s) => s.args);
    expect(runs(0)).toEqual(["npm ci --ignore-scripts", "npm run build"]);
    expect(runs(1)[0]).toMatch(/apt-get install -y --no-install-recommends tini\b/);
    expect(runs(1)[1]).toMatch(/^npm ci --omit=dev --ignore-scripts\b/);
    expect(steps.filter((s) => s.op === "USER").map((s) => [s.args, s.stage])).toEqual([
      ["node", 1],
    ]);
    const env = steps
      .filter((s) => s.op === "ENV" && s.stage === 1)
      .map((s) => s.args)
      .join(" ");
    for (const setting of ["NODE_ENV=production", "HOST=0.0.0.0", "LOG_FORMAT=json", "PORT=3000"]) {
      expect(env).toContain(setting);
    }
    expect(steps.find((s) => s.op === "EXPOSE")?.args).toBe("3000");
    expect(steps.find((s) => s.op === "HEALTHCHECK")?.args).toContain(HEALTH_PATH);
  });

  it("its digest pin is kept current: Dependabot watches the Dockerfile's folder", () => {
    const config = parse(read(".github/dependabot.yml")) as {
      version: number;
      updates: { "package-ecosystem": string; directory: string; schedule: { interval: string } }[];
    };
    expect(config.version).toBe(2);
    const docker = config.updates.find((u) => u["package-ecosystem"] === "docker");
    expect(docker?.directory).toBe("/");
    expect(existsSync(join(root, docker?.directory ?? "-", "Dockerfile"))).toBe(true);
    expect(["daily", "weekly", "monthly"]).toContain(docker?.schedule.interval);
  });

  it("copies files that exist; the runtime stage copies the build's lib/ and app.yml", () => {
    const copies = steps.filter((s) => s.op === "COPY");
    for (const copy of copies.filter((c) => !c.args.startsWith("--from"))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources)
        expect([source, existsSync(join(root, source))]).toEqual([source, true]);
    }
    expect(copies.filter((c) => c.stage === 1).map((c) => c.args)).toEqual([
      "package.json package-lock.json ./",
      "--from=build /app/lib ./lib",
      "app.yml ./",
    ]);
  });

  it("starts the entry point the build compiles, which is the App, with Node under tini", async () => {
    const entrypoint = JSON.parse(steps.find((s) => s.op === "ENTRYPOINT")?.args ?? "[]");
    expect(entrypoint).toEqual(["/usr/bin/tini", "--"]);
    const cmd = JSON.parse(steps.find((s) => s.op === "CMD")?.args ?? "[]") as string[];
    expect(cmd).toEqual(["node", "lib/app/main.js"]);
    expect(pkg.scripts.start).toBe("node ./lib/app/main.js");
    // lib/app/main.js is src/app/main.ts: Probot's server with the App (and the App's webhook
    // listener in front of it).
    expect(read("src/app/main.ts")).toMatch(/await runInFront\(\s*\(\) =>\s*run\(\s*createApp\(/);
    // tsconfig.build.json compiles src/ into lib/: lib/app/index.js is src/app/index.ts.
    const build = JSON.parse(read("tsconfig.build.json")) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: "src", outDir: "lib" });
    const entry = await import("../../src/app/index.js");
    expect(typeof entry.default).toBe("function");
  });

  it("the image's production dependencies cover every package src/ imports at run time", () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? files(path) : [path];
      });
    const sources = files("src").filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const imported = new Set<string>();
    for (const file of sources) {
      for (const m of read(file).matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^".][^"]*)"/gms)) {
        const spec = m[1] ?? "";
        if (spec.startsWith("node:")) continue;
        imported.add(
          spec.startsWith("@")
            ? spec.split("/").slice(0, 2).join("/")
            : (spec.split("/")[0] ?? spec),
        );
      }
    }
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});

describe("app.yml", () => {
  const manifest = parse(read("app.yml")) as {
    name: string;
    url: string;
    description: string;
    default_permissions: Record<string, string>;
    default_events: string[];
  };
  const spec = JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"),
      "utf8",
    ),
  ) as {
    components: { schemas: Record<string, { properties: Record<string, { enum: string[] }> }> };
    "x-webhooks": Record<string, unknown>;
  };

  it("names the App and asks for the minimal permissions, with GitHub's permission names", () => {
    expect(manifest.name).toBe("Privilege Guard");
    expect(manifest.url).toMatch(/^https:\/\//);
    expect(manifest.description.length).toBeGreaterThan(0);
    expect(manifest.default_permissions).toEqual({
      checks: "write",
      pull_requests: "write",
      contents: "read",
      issues: "write",
      merge_queues: "read",
      metadata: "read",
      members: "read",
    });
    const permissions = spec.components.schemas["app-permissions"]?.properties ?? {};
    for (const [name, level] of Object.entries(manifest.default_permissions)) {
      expect([name, permissions[name]?.enum.includes(level)]).toEqual([name, true]);
    }
  });

  it("subscribes to every event the App handles, and only to real events", async () => {
    const handled = new Set<string>();
    const fakeApp = {
      on: (names: string | string[]) => {
        for (const n of [names].flat()) handled.add(n.split(".")[0] ?? n);
      },
      log: { error: () => {}, warn: () => {}, info: () => {} },
      auth: async () => {
        throw new Error("not called while registering");
      },
    };
    await createApp()(fakeApp as unknown as Probot, { cwd: root, addHandler: () => {} });
    // "All GitHub Apps receive this event by default. You cannot manually subscribe to this
    // event." (GitHub Docs, Webhook events and payloads: installation, installation_repositories)
    const sentToEveryApp = ["installation", "installation_repositories"];
    for (const event of sentToEveryApp) expect(handled.delete(event)).toBe(true);
    expect([...handled].sort()).toEqual([...manifest.default_events].sort());
    const webhookEvents = new Set(
      Object.keys(spec["x-webhooks"]).map((k) => k.split("-").slice(0, -1).join("_")),
    );
    for (const event of manifest.default_events) {
      expect([
        event,
        [...webhookEvents].some((e) => e === event || e.startsWith(`${event}_`)),
      ]).toEqual([event, true]);
    }
  });
});
