/**
 * GraphQL requests checked against GitHub's published GraphQL schema (@octokit/graphql-schema):
 * the query must validate (fields, arguments, enum values such as `OUTDATED`), and every variable
 * it declares must be given.
 */
import { validate } from "@octokit/graphql-schema";

export function validateGraphql(query: string, variables: Record<string, unknown>): string[] {
  const errors = validate(query).map((e) => e.message);
  for (const match of query.matchAll(/\$(\w+)\s*:\s*[\w[\]!]+/g)) {
    const name = match[1];
    if (name !== undefined && !(name in variables)) errors.push(`variable $${name} not given`);
  }
  return errors;
}
