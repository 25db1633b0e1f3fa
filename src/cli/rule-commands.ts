/** `privilege-guard explain <rule>` and `privilege-guard rules`: documentation from the engine. */
import { rules } from "../catalogue/index.js";
import { explainRule, findRules, rulesList } from "../report/rule-text.js";
import { rulesTable } from "../report/rules-table.js";
import { CliError, EXIT_CLEAN } from "./errors.js";
import type { RuleFormat } from "./formats.js";
import type { Io } from "./io.js";

export function runExplain(name: string, io: Io): number {
  const found = findRules(rules, name);
  if (found.length === 0)
    throw new CliError(`unknown rule: ${name} (run \`privilege-guard rules\` to list them)`);
  io.stdout.write(found.map(explainRule).join("\n"));
  return EXIT_CLEAN;
}

export function runRules(format: RuleFormat, io: Io): number {
  if (format === "json") io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
  else if (format === "markdown") io.stdout.write(rulesTable(rules));
  else io.stdout.write(rulesList(rules));
  return EXIT_CLEAN;
}
