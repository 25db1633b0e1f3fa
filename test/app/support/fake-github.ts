/**
 * GitHub as nock interceptors. Each expectation names the REST operation it stands for (its
 * OpenAPI path template): every request body the App sends is validated against GitHub's REST
 * OpenAPI schema (unknown keys rejected) and recorded for the test to inspect. Each interceptor
 * is expected a given number of times; `assertDone()` fails on unused ones, and the nock guards
 * (`nock-guards.ts`) on unmatched requests.
 */
import nock from "nock";
import { validateRequestBody } from "../../support/openapi.js";
import { validateGraphql } from "./graphql-check.js";

export const API_URL = "https://api.github.com";

export type Json = Record<string, unknown>;

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Expectation {
  /** OpenAPI path template of the operation, e.g. `/repos/{owner}/{repo}/check-runs`. */
  readonly template: string;
  readonly query?: Record<string, string>;
  readonly times?: number;
}

/** The JSON body of a request, as nock hands it over. */
function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  if (body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export class FakeGitHub {
  readonly scope: nock.Scope;
  /** Bodies that failed schema validation, as "METHOD template: errors". */
  readonly invalid: string[] = [];

  constructor(
    readonly owner = "Codertocat",
    readonly repo = "Hello-World",
    readonly installationId = 1,
  ) {
    this.scope = nock(API_URL);
  }

  /** `/repos/{owner}/{repo}` of this repository. */
  get repoPath(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  /**
   * Expects `method path` and answers with `reply` (or what it returns for the request body).
   * Returns the bodies received, in order.
   */
  expect<T = Json>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    path: string,
    reply: Reply | ((body: T) => Reply),
    expectation: Expectation,
    bodies: T[] = [],
  ): T[] {
    let interceptor = this.scope.intercept(path, method);
    if (expectation.query) interceptor = interceptor.query(expectation.query);
    interceptor.times(expectation.times ?? 1).reply((_uri, raw) => {
      const body = parseBody(raw) as T;
      if (method !== "GET" && method !== "DELETE")
        this.validate(method, expectation.template, body);
      bodies.push(body);
      const r = typeof reply === "function" ? reply(body) : reply;
      return [r.status, r.body === undefined ? "" : (r.body as nock.Body), r.headers ?? {}];
    });
    return bodies;
  }

  /**
   * Expects GraphQL requests whose query `matches`, validated against GitHub's GraphQL schema,
   * answered by `answer(variables)`. Returns the variables received.
   */
  graphql(matches: RegExp, answer: (variables: Json, query: string) => Reply, times = 1): Json[] {
    const received: Json[] = [];
    this.scope
      .post("/graphql", (body: { query?: unknown }) => matches.test(String(body.query ?? "")))
      .times(times)
      .reply((_uri, raw) => {
        const body = parseBody(raw) as { query: string; variables?: Json };
        const errors = validateGraphql(body.query, body.variables ?? {});
        if (errors.length > 0) this.invalid.push(`GraphQL ${matches}: ${errors.join("; ")}`);
        received.push(body.variables ?? {});
        const r = answer(body.variables ?? {}, body.query);
        return [r.status, r.body as nock.Body, r.headers ?? {}];
      });
    return received;
  }

  private validate(method: string, template: string, body: unknown): void {
    const errors = validateRequestBody(method, template, body ?? {});
    if (errors.length > 0) this.invalid.push(`${method} ${template}: ${errors.join("; ")}`);
  }

  /** Every expectation used, every body valid. */
  assertDone(): void {
    const pending = this.scope.pendingMocks();
    if (pending.length > 0)
      throw new Error(`GitHub requests expected but not made:\n${pending.join("\n")}`);
    if (this.invalid.length > 0)
      throw new Error(`invalid request bodies:\n${this.invalid.join("\n")}`);
  }
}
