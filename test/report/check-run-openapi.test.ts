/** The OpenAPI validation the check run and review tests rely on (test/support/openapi.ts). */
import { describe, expect, it } from "@jest/globals";
import { operationIdOf, validateRequestBody } from "../support/openapi.js";

const CHECK_RUNS = "/repos/{owner}/{repo}/check-runs";
const run = (output: Record<string, unknown>) => ({
  name: "Privilege Guard",
  head_sha: "abc",
  output,
});

describe("validateRequestBody", () => {
  it("finds operations by template or by concrete path", () => {
    expect(operationIdOf("POST", CHECK_RUNS)).toBe("checks/create");
    expect(operationIdOf("post", "/repos/octo/app/check-runs")).toBe("checks/create");
    expect(operationIdOf("PATCH", "/repos/octo/app/check-runs/42")).toBe("checks/update");
    expect(operationIdOf("POST", "/repos/octo/app/pulls/7/reviews")).toBe("pulls/create-review");
    expect(() => validateRequestBody("POST", "/repos/o/r/no-such-thing", {})).toThrow(
      "no operation POST /repos/o/r/no-such-thing",
    );
    expect(() => validateRequestBody("GET", "/repos/o/r/pulls/7/files", {})).toThrow(
      "takes no application/json request body",
    );
  });

  it("applies the spec's limits: required fields, enums, maxLength, formats", () => {
    expect(validateRequestBody("POST", CHECK_RUNS, run({ title: "t", summary: "s" }))).toEqual([]);
    expect(validateRequestBody("POST", CHECK_RUNS, run({ title: "t" }))).toEqual([
      "/output must have required property 'summary'",
    ]);
    expect(
      validateRequestBody("POST", CHECK_RUNS, {
        ...run({ title: "t", summary: "s" }),
        conclusion: "passed",
      }),
    ).toEqual(["/conclusion must be equal to one of the allowed values"]);
    expect(
      validateRequestBody("POST", CHECK_RUNS, run({ title: "t", summary: "x".repeat(65_536) })),
    ).toEqual(["/output/summary must NOT have more than 65535 characters"]);
    expect(
      validateRequestBody("POST", CHECK_RUNS, {
        ...run({ title: "t", summary: "s" }),
        started_at: "yesterday",
      }),
    ).toEqual(['/started_at must match format "date-time"']);
  });

  it("turns OpenAPI `nullable` into JSON Schema", () => {
    const issue = "/repos/{owner}/{repo}/issues/{issue_number}";
    expect(validateRequestBody("PATCH", issue, { milestone: null })).toEqual([]);
    expect(validateRequestBody("PATCH", issue, { milestone: 3 })).toEqual([]);
    expect(validateRequestBody("PATCH", issue, { milestone: true })).not.toEqual([]);
    const gist = { files: { "a.yaml": { content: "x", filename: null } } };
    expect(validateRequestBody("PATCH", "/gists/{gist_id}", gist)).toEqual([]);
  });

  it("rejects keys a schema does not list unless asked not to", () => {
    const misspelt = run({ title: "t", summary: "s", annotation: [] });
    expect(validateRequestBody("POST", CHECK_RUNS, misspelt)).toEqual([
      "/output must NOT have additional properties (annotation)",
    ]);
    expect(validateRequestBody("POST", CHECK_RUNS, misspelt, { rejectUnknownKeys: false })).toEqual(
      [],
    );
  });
});
