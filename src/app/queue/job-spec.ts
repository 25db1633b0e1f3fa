import type { SlashCommandInput } from "../command-job.js";
import type { RepoRef } from "../github-port.js";
import type { MergeGroupScan } from "../merge-group-job.js";
import type { PullRequestScan } from "../scan-job.js";

/**
 * A job as plain, serialisable data: what a webhook asked for, and the installation whose token
 * runs it. The queue (in process or on Redis) stores this; a worker turns it back into work.
 */
export type JobSpec =
  | (JobOrigin & { readonly kind: "pull-request"; readonly scan: PullRequestScan })
  | (JobOrigin & { readonly kind: "merge-group"; readonly scan: MergeGroupScan })
  | (JobOrigin & {
      readonly kind: "check-suite";
      readonly repo: RepoRef;
      readonly headSha: string;
      readonly pullNumbers: readonly number[];
    })
  | (JobOrigin & { readonly kind: "command"; readonly input: SlashCommandInput })
  | (JobOrigin & {
      readonly kind: "catch-up";
      /** The repositories to look at; null: every repository of the installation. */
      readonly repos: readonly RepoRef[] | null;
    });

export interface JobOrigin {
  readonly installationId: number;
  /** `X-GitHub-Delivery` of the webhook that asked for the job (for logs). */
  readonly deliveryId: string;
  /** When the webhook arrived (epoch ms), for the end-to-end latency. */
  readonly receivedAt: number;
}

/**
 * Scans are serialised per subject and may be slow; commands and fan-outs are quick and answer
 * people, so they have their own lane and never wait behind scans. A catch-up lists every open
 * pull request of an installation, which takes long on a large one: it runs in the scan lane
 * (served fairly across installations), not in the way of commands.
 */
export type Lane = "scan" | "interactive";

export function laneOf(spec: JobSpec): Lane {
  return spec.kind === "pull-request" || spec.kind === "merge-group" || spec.kind === "catch-up"
    ? "scan"
    : "interactive";
}

/**
 * The serialisation key: one job per key runs at a time. A pull request's scans share one key
 * whatever the head (the latest head wins); a merge group is keyed by its head; interactive jobs
 * are unique per delivery.
 */
export function jobKey(spec: JobSpec): string {
  switch (spec.kind) {
    case "pull-request":
      return `pr:${spec.installationId}:${spec.scan.owner}/${spec.scan.repo}#${spec.scan.pullNumber}`;
    case "merge-group":
      return `mg:${spec.installationId}:${spec.scan.owner}/${spec.scan.repo}@${spec.scan.headSha}`;
    case "check-suite":
      return `suite:${spec.deliveryId}`;
    case "command":
      return `command:${spec.deliveryId}`;
    case "catch-up":
      return `catch-up:${spec.installationId}:${spec.deliveryId}`;
  }
}

/** The commit a scan is for; null for interactive jobs. */
export function headOf(spec: JobSpec): string | null {
  return spec.kind === "pull-request" || spec.kind === "merge-group" ? spec.scan.headSha : null;
}

/**
 * Whether a job may be dropped because a job for the same key and head is queued or running. A
 * push event's duplicates coalesce; an explicit request (Re-run, Re-scan, `/privilege-guard
 * rescan`) while the same head is being scanned runs once more after it (it may follow a config
 * change), but coalesces with another waiting request.
 */
export function coalescesWithRunning(spec: JobSpec): boolean {
  return (
    spec.kind === "merge-group" ||
    (spec.kind === "pull-request" &&
      (spec.scan.trigger === "pull_request" || spec.scan.trigger === "catch_up"))
  );
}

/** A short description for logs: never a token, only public identifiers. */
export function describeJob(spec: JobSpec): Record<string, string | number> {
  const base = { delivery: spec.deliveryId, installation: spec.installationId, job: spec.kind };
  switch (spec.kind) {
    case "pull-request":
      return {
        ...base,
        repository: `${spec.scan.owner}/${spec.scan.repo}`,
        pullNumber: spec.scan.pullNumber,
        headSha: spec.scan.headSha,
      };
    case "merge-group":
      return {
        ...base,
        repository: `${spec.scan.owner}/${spec.scan.repo}`,
        headSha: spec.scan.headSha,
      };
    case "check-suite":
      return { ...base, repository: `${spec.repo.owner}/${spec.repo.repo}`, headSha: spec.headSha };
    case "command":
      return {
        ...base,
        repository: `${spec.input.owner}/${spec.input.repo}`,
        pullNumber: spec.input.pullNumber,
      };
    case "catch-up":
      return { ...base, repositories: spec.repos === null ? "all" : spec.repos.length };
  }
}
