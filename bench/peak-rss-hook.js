/**
 * Preloaded (`node --import`) into a process the benchmarks measure: on exit it writes the
 * process's peak resident set size, in MB, as JSON to the file named by `PEAK_RSS_FILE`.
 */
import { writeFileSync } from "node:fs";

const file = process.env.PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const maxRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
    writeFileSync(file, JSON.stringify({ maxRssMB }));
  });
}
