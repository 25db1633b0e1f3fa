import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const BASE = `services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    volumes:
      - ./site:/usr/share/nginx/html:ro
`;

/** The pull request reorders nothing but adds a tcpdump service, privileged, with the socket. */
const HEAD = `services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    volumes:
      - ./site:/usr/share/nginx/html:ro
  sniffer:
    image: nicolaka/netshoot:v0.13
    command: tcpdump -i eth0 -w /captures/web.pcap
    privileged: true
    network_mode: service:web
    volumes:
      - ./captures:/captures
      - /var/run/docker.sock:/var/run/docker.sock
`;

describe("a pull request that adds a privileged service to a compose file", () => {
  it("comments on each setting, suggests cap_add for tcpdump, explains the socket, and fails", async () => {
    const scenario = {
      number: 7,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "docker-compose.yml", base: BASE, head: HEAD }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [review] = posted.reviews;
    expect(posted.reviews).toHaveLength(1);
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    const comments = review?.comments ?? [];
    // The suggestion replaces lines 10 to 14 (privileged out, cap_add in after the volumes).
    expect(comments.map((c) => [c.path, c.start_line ?? c.line, c.line])).toEqual([
      ["docker-compose.yml", 10, 14],
      ["docker-compose.yml", 14, 14],
    ]);
    const [privileged, socket] = comments;
    expect(privileged?.body).toContain("Service `sniffer` runs privileged");
    expect(privileged?.body).toContain("privilege-guard: allow container-privileged");
    expect(suggestionIn(privileged?.body ?? "")).toBe(
      [
        "    network_mode: service:web",
        "    volumes:",
        "      - ./captures:/captures",
        "      - /var/run/docker.sock:/var/run/docker.sock",
        "    cap_add:",
        "      - NET_RAW",
        "      - NET_ADMIN",
      ].join("\n"),
    );
    expect(socket?.body).toContain("mounts the Docker socket");
    expect(suggestionIn(socket?.body ?? "")).toBeNull();
    expect(socket?.body).not.toContain("privilege-guard.io/allow-");

    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("2 new privileged settings");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({ path: "docker-compose.yml", start_line: 10 }),
      expect.objectContaining({ path: "docker-compose.yml", start_line: 14 }),
    ]);
  });
});
