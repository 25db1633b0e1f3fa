/**
 * Entry point for `probot run ./lib/app/index.js`: the Privilege Guard GitHub App with its
 * production settings. Everything is wired in `create-app.ts`.
 */
import { createApp } from "./create-app.js";

export { type AppOptions, createApp } from "./create-app.js";

export default createApp({
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  processMetrics: true,
  catchUpOnStart: true,
});
