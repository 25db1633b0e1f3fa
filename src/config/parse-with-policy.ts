/**
 * The configuration in force from two texts: the repository's own file, raised to the
 * organisation's policy (`withOrganisationPolicy`) when there is one. The App reads the policy
 * from the organisation's `.github` repository, the CLI from the file `--org-policy` names; both
 * combine them here, so they say the same. An invalid file on either side is reported with its
 * errors, the policy's prefixed with where it came from.
 */
import { givenOptions, withOrganisationPolicy } from "./organisation-policy.js";
import { type ParsedConfig, parseConfig } from "./parse.js";

export function parseWithPolicy(
  own: string | null,
  policy: { readonly text: string; readonly where: string } | null,
): ParsedConfig {
  const repository = parseConfig(own);
  if (policy === null) return repository;
  const organisation = parseConfig(policy.text);
  const errors = [
    ...organisation.errors.map((e) => `organisation policy (${policy.where}): ${e}`),
    ...repository.errors,
  ];
  if (errors.length > 0) return { config: repository.config, errors };
  const policyOptions = givenOptions(organisation.config, organisation.given ?? []);
  return { config: withOrganisationPolicy(policyOptions, repository.config), errors: [] };
}
