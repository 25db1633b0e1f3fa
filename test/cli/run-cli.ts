/** Runs the CLI's `main` in-process with captured streams. */
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Pretend stdout is a terminal. */
  readonly tty?: boolean;
}

export async function runCli(argv: readonly string[], options: RunOptions): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    cwd: options.cwd,
    env: options.env ?? { PATH: process.env.PATH },
  });
  return { code, stdout, stderr };
}
