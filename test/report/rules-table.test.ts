import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { rules } from "../../src/catalogue/index.js";
import { readSection, replaceSection } from "../../src/report/markdown-section.js";
import { rulesTable } from "../../src/report/rules-table.js";

describe("rulesTable", () => {
  it("has a header and one row per engine rule, in catalogue order, columns aligned", () => {
    const lines = rulesTable(rules).trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^\| PSS control +\| Rule +\| File kinds +\| Severity +\| What it removes +\| Fix +\|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines).toHaveLength(rules.length + 2);
    rules.forEach((rule, i) => {
      const row = lines[i + 2] ?? "";
      const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
      expect(cells.slice(1, 7)).toEqual([
        rule.pss ? `\`${rule.pss.control}\` (${rule.pss.level})` : "—",
        `\`${rule.id}\` — ${rule.title}`,
        rule.kinds.join(", "),
        rule.severity,
        rule.removes.join(", "),
        rule.remediation,
      ]);
    });
  });

  it("keeps each rule on one row even with pipes or line breaks in its texts", () => {
    const table = rulesTable([
      {
        id: "made-up",
        title: "A | B",
        pss: null,
        outsidePss: null,
        severity: "low",
        removes: ["user"],
        rationale: "",
        remediation: "Do this\nor | that.",
        kinds: ["compose"],
      },
    ]);
    expect(table.split("\n")[2]).toBe(
      "| —           | `made-up` — A \\| B | compose    | low      | user            | Do this or \\| that. |",
    );
  });
});

describe("README rules section", () => {
  it("is the generated table", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const current = readSection(readme, "rules");
    const expected = readSection(replaceSection(readme, "rules", rulesTable(rules)), "rules");
    if (current !== expected)
      throw new Error(
        "The README's rules table is stale: run `npm run build && npm run docs` and commit README.md.",
      );
    expect(current).toContain(rulesTable(rules));
  });
});

describe("replaceSection", () => {
  const doc = "# T\n\n<!-- x:start -->\nold\n<!-- x:end -->\n\nrest\n";

  it("replaces only the text between the markers", () => {
    expect(replaceSection(doc, "x", "new")).toBe(
      "# T\n\n<!-- x:start -->\n\nnew\n\n<!-- x:end -->\n\nrest\n",
    );
    expect(readSection(replaceSection(doc, "x", "new\n"), "x")).toBe("\n\nnew\n\n");
  });

  it("is idempotent", () => {
    const once = replaceSection(doc, "x", "new");
    expect(replaceSection(once, "x", "new")).toBe(once);
  });

  it("refuses a document without the markers", () => {
    expect(() => replaceSection("# T\n", "x", "new")).toThrow("<!-- x:start -->");
    expect(readSection("# T\n", "x")).toBeNull();
  });
});
