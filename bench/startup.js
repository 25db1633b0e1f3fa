/**
 * Start-up of the `privilege-guard` command as a whole process, the way a pre-commit hook runs it:
 * the installed bin (package.json `bin`) on `--version`, on an empty folder, on staged files that
 * no kind reads (a TypeScript file and a README), and on one small manifest, each next to `node -e
 * 0` so that the figure is the command's own cost above Node's. Runs alternate (node, command,
 * node, command …) so that the machine's noise falls on both alike; the median and the range of
 * the differences are printed, never asserted. `npm run bench` builds first.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(
  ROOT,
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin["privilege-guard"],
);
const RUNS = Number(process.env.STARTUP_RUNS ?? 15);

const work = mkdtempSync(join(tmpdir(), "pg-startup-"));
mkdirSync(join(work, "empty"));
writeFileSync(join(work, "index.ts"), "export const answer = 42;\n");
writeFileSync(join(work, "README.md"), "# A project\n");
writeFileSync(
  join(work, "pod.yaml"),
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n",
);

const CASES = [
  { label: "--version", args: ["--version"] },
  { label: "scan an empty folder", args: ["scan", "--no-config", join(work, "empty")] },
  {
    label: "scan 2 files no kind reads",
    args: ["scan", "--no-config", join(work, "index.ts"), join(work, "README.md")],
  },
  { label: "scan 1 small manifest", args: ["scan", "--no-config", join(work, "pod.yaml")] },
];

function timed(args) {
  const started = process.hrtime.bigint();
  const { status, error } = spawnSync(process.execPath, args, { cwd: work, stdio: "ignore" });
  if (error) throw error;
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status };
}

const fmt = (x) => `${x.toFixed(0)} ms`;

console.log(
  `Start-up of ${BIN.slice(ROOT.length)} (Node ${process.version}), ${RUNS} alternating runs each, after one warm-up:\n`,
);
console.log(
  `${"".padEnd(30)}${"node -e 0".padEnd(14)}${"command".padEnd(14)}above node (median, range)`,
);
const above = {};
for (const c of CASES) {
  timed(["-e", "0"]);
  timed([BIN, ...c.args]);
  const node = [];
  const command = [];
  const diffs = [];
  for (let i = 0; i < RUNS; i++) {
    const n = timed(["-e", "0"]).ms;
    const r = timed([BIN, ...c.args]);
    node.push(n);
    command.push(r.ms);
    diffs.push(r.ms - n);
  }
  above[c.label] = median(diffs);
  console.log(
    `${c.label.padEnd(30)}${fmt(median(node)).padEnd(14)}${fmt(median(command)).padEnd(14)}` +
      `${fmt(median(diffs))} (${fmt(Math.min(...diffs))}–${fmt(Math.max(...diffs))})`,
  );
}
rmSync(work, { recursive: true, force: true });
const target = above["scan an empty folder"];
console.log(
  `\nTarget (an empty scan under 100 ms above node -e 0): ${fmt(target)} -> ${target < 100 ? "met" : "NOT met"}.`,
);
