#!/usr/bin/env node
// Rewrites the README's rules table (between <!-- rules:start --> and <!-- rules:end -->) from the
// engine's rule catalogue. Run after a build: `npm run build && npm run docs`.
import { readFileSync, writeFileSync } from "node:fs";
import { rules } from "../lib/catalogue/index.js";
import { replaceSection } from "../lib/report/markdown-section.js";
import { rulesTable } from "../lib/report/rules-table.js";

const readme = new URL("../README.md", import.meta.url);
const before = readFileSync(readme, "utf8");
const after = replaceSection(before, "rules", rulesTable(rules));
if (after === before) console.log("README.md: rules table is up to date");
else {
  writeFileSync(readme, after);
  console.log(`README.md: rules table rewritten (${rules.length} rules)`);
}
