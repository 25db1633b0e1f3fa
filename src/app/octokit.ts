import type { ProbotOctokit } from "probot";

/** An installation's authenticated Octokit, as Probot gives it (`context.octokit`). */
export type Octokit = InstanceType<typeof ProbotOctokit>;
