/** What the CLI touches of its process, injected so that tests run `main` in-process. */

export interface OutputStream {
  /** False when the stream's buffer is full: then wait for its `drain` event before writing on. */
  write(chunk: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
  /** True when the stream is a terminal (colour is used only then). */
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Environment (NO_COLOR, and what git reads). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
export function useColor(io: Io): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}
