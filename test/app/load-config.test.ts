import { describe, expect, it } from "@jest/globals";
import type { GitHubPort, RepoRef } from "../../src/app/github-port.js";
import { loadConfig } from "../../src/app/load-config.js";

/** A port that answers default-branch reads from a table keyed by `owner/repo:path`. */
function portWith(files: Record<string, string>): { port: GitHubPort; reads: string[] } {
  const reads: string[] = [];
  const port = {
    async readDefaultBranchFile(repo: RepoRef, path: string) {
      const key = `${repo.owner}/${repo.repo}:${path}`;
      reads.push(key);
      return files[key] ?? null;
    },
  } as unknown as GitHubPort;
  return { port, reads };
}

describe("loadConfig", () => {
  it("reads the repository's file and the organisation's policy, and combines them", async () => {
    const { port, reads } = portWith({
      "acme/shop:.github/privilege-guard.yml": "level: baseline\nfailOn: critical\n",
      "acme/.github:.github/privilege-guard.yml": "level: restricted\n",
    });
    const { config, errors } = await loadConfig(port, { owner: "acme", repo: "shop" });
    expect(errors).toEqual([]);
    expect([config.level, config.failOn]).toEqual(["restricted", "critical"]);
    expect(reads.sort()).toEqual([
      "acme/.github:.github/privilege-guard.yml",
      "acme/shop:.github/privilege-guard.yml",
    ]);
  });

  it("reads the policy repository's own file once, as its config", async () => {
    const { port, reads } = portWith({
      "acme/.github:.github/privilege-guard.yml": "level: restricted\n",
    });
    const { config } = await loadConfig(port, { owner: "acme", repo: ".github" });
    expect(config.level).toBe("restricted");
    expect(reads).toEqual(["acme/.github:.github/privilege-guard.yml"]);
  });

  it("uses the repository's file alone where the organisation has no policy", async () => {
    const { port } = portWith({
      "acme/shop:.github/privilege-guard.yml": "paths:\n  include: ['deploy/**']\n",
    });
    const { config } = await loadConfig(port, { owner: "acme", repo: "shop" });
    expect(config.paths.include).toEqual(["deploy/**"]);
  });
});
