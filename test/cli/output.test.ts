/** How the CLI writes a report: JSON in pieces, as fast as the reader takes them. */
import { Writable } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { writeReport } from "../../src/cli/output.js";
import { renderJson } from "../../src/report/json.js";
import { evaluateFiles } from "../support/evaluation.js";
import { PRIVILEGED_POD as POD } from "../support/manifests.js";

describe("writeReport", () => {
  it("waits for a slow reader to drain before writing on: the report never piles up in memory", async () => {
    const pods = Array.from({ length: 400 }, (_, i) => POD.replace("debug", `debug-${i}`));
    const evaluation = evaluateFiles({ "pods.yaml": pods.join("---\n") });
    const received: string[] = [];
    let mostBuffered = 0;
    // A reader that takes one piece per turn of the event loop, as a slow pipe does.
    const stdout = new Writable({
      highWaterMark: 16 * 1024,
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        received.push(chunk);
        setImmediate(done);
      },
    });
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: string) => {
      const ok = write(chunk);
      mostBuffered = Math.max(mostBuffered, stdout.writableLength);
      return ok;
    }) as typeof stdout.write;
    const io = { stdout, stderr: { write: () => true }, cwd: "/", env: {} };
    const code = await writeReport(
      { evaluation },
      { io, format: "json", root: "/", exitZero: true },
    );
    expect(code).toBe(0);
    const text = received.join("");
    expect(text).toBe(renderJson({ evaluation }));
    expect(text.length).toBeGreaterThan(4 * 64 * 1024);
    // At most one piece (about 64 KiB) waits beyond the stream's own buffer, never the report.
    expect(mostBuffered).toBeLessThan(16 * 1024 + 80 * 1024);
  });
});
