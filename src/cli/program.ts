/** The command line: commands, options and their help, parsed by commander. */
import { Command, Option } from "commander";
import { CONFIG_PATH } from "../config/config-path.js";
import { PSS_CHECKS } from "../core/pss.js";
import { type Level, SEVERITIES, type Severity } from "../core/types.js";
import { FORMATS, type Format, RULE_FORMATS, type RuleFormat } from "./formats.js";
import type { Io } from "./io.js";

/** The levels the engine knows, from its checks. */
const LEVELS: readonly Level[] = [...new Set(PSS_CHECKS.map((c) => c.level))];

const EXIT_HELP = `
Exit codes:
  0  passes: no finding at or above the fail-on severity (diff: no such new finding)
  1  fails: findings at or above the fail-on severity, or files that could not be checked
  2  usage error, invalid config, or I/O error (path not found, not a git repository, unknown ref,
     no merge base); with --strict (scan, diff), a path given that holds no file to scan`;

interface ReviewFlags {
  readonly level?: Level;
  readonly failOn?: Severity;
  readonly config?: string | false;
  readonly orgPolicy?: string;
  readonly format: Format;
  readonly exceptions: boolean;
  readonly exitZero: boolean;
}

function reviewOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--level <level>",
        "Pod Security Standards level (default: the config's, baseline)",
      ).choices(LEVELS),
    )
    .addOption(
      new Option(
        "--fail-on <severity>",
        "least severity that fails (default: the config's, high)",
      ).choices(SEVERITIES),
    )
    .option("--config <file>", `configuration file (default: ${CONFIG_PATH} of the repository)`)
    .option("--no-config", "ignore the repository's configuration: use the defaults")
    .option(
      "--org-policy <file>",
      "the organisation's policy (the App reads it from the organisation's .github repository): a floor the configuration cannot lower",
    )
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option(
      "--no-exceptions",
      "report findings even when a privilege-guard.io/allow-<rule> annotation accepts them",
    )
    .option("--exit-zero", "report, but exit 0 whatever is found", false);
}

/**
 * Loads the shell parser that the engine calls synchronously. Importing the engine's modules has
 * loaded it (a top-level await) except in the bin's bundle, a CommonJS script, which loads it here
 * (`src/shell/bash-language.ts`, `scripts/bundle-cli.js`).
 */
async function shellParser(): Promise<void> {
  const { loadBashParser } = await import("../shell/bash-language.js");
  await loadBashParser();
}

/**
 * A fresh program for one run. Each command's module is imported when the command runs, so that
 * `--version`, `--help` and a usage error load commander alone. Each action stores its exit code
 * through `done`; commander's own errors are thrown (exitOverride) and its messages go to the
 * injected streams.
 */
export function buildProgram(io: Io, version: string, done: (code: number) => void): Command {
  const program = new Command("privilege-guard")
    .description("Stops privileged container settings from slipping into a codebase.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line: "privilege-guard: error: unknown option '--formt' (Did you mean --format?)".
      outputError: (s, write) => write(`privilege-guard: ${s.trimEnd().replace(/\n/g, " ")}\n`),
    })
    .showSuggestionAfterError()
    .addHelpText("after", EXIT_HELP);

  reviewOptions(
    program
      .command("scan")
      .description("report every finding in files and folders (recursively)")
      .argument("[paths...]", "files and folders to scan", ["."]),
  )
    .option("--strict", "exit 2 when a folder given holds no file a file kind reads", false)
    .addHelpText("after", EXIT_HELP)
    .action(async (paths: string[], flags: ReviewFlags & { strict: boolean }) => {
      const [{ runScan }] = await Promise.all([import("./scan-command.js"), shellParser()]);
      done(await runScan(paths, flags, io));
    });

  reviewOptions(
    program
      .command("diff")
      .description(
        "report what a pull request into --base would be told: only the findings the change introduces",
      )
      .requiredOption("--base <ref>", "the branch or commit the change would be merged into")
      .option(
        "--head <ref>",
        "the commit to review (default: the working tree, untracked files included)",
      )
      .argument("[paths...]", "only changes to files under these paths"),
  )
    .option(
      "--strict",
      "exit 2 when a path given holds no file a file kind reads at the head",
      false,
    )
    .addHelpText("after", EXIT_HELP)
    .action(
      async (
        paths: string[],
        flags: ReviewFlags & { base: string; head?: string; strict: boolean },
      ) => {
        const [{ runDiff }] = await Promise.all([import("./diff-command.js"), shellParser()]);
        done(await runDiff(paths, flags, io));
      },
    );

  reviewOptions(
    program
      .command("fix")
      .description(
        "apply the verified fixes to the files in place, then scan them again and report what is left",
      )
      .argument("[paths...]", "files and folders to fix", ["."]),
  )
    .option("--dry-run", "print the fixes as a unified diff; change no file", false)
    .addHelpText("after", EXIT_HELP)
    .action(async (paths: string[], flags: ReviewFlags & { dryRun: boolean }) => {
      const [{ runFix }] = await Promise.all([import("./fix-command.js"), shellParser()]);
      done(await runFix(paths, flags, io));
    });

  program
    .command("explain")
    .description("explain a rule: PSS control, severity, why it matters, how to fix it")
    .argument("<rule>", "rule id (privileged) or PSS control id (capabilities_baseline)")
    .action(async (rule: string) => {
      const { runExplain } = await import("./rule-commands.js");
      done(runExplain(rule, io));
    });

  program
    .command("rules")
    .description("list the rules")
    .addOption(
      new Option("--format <format>", "output format").choices(RULE_FORMATS).default("text"),
    )
    .action(async (flags: { format: RuleFormat }) => {
      const { runRules } = await import("./rule-commands.js");
      done(runRules(flags.format, io));
    });

  return program;
}
