export { configJsonSchema, configJsonSchemaText } from "./json-schema.js";
export { givenOptions, withOrganisationPolicy } from "./organisation-policy.js";
export { type ParsedConfig, parseConfig } from "./parse.js";
export { parseWithPolicy } from "./parse-with-policy.js";
export {
  type Config,
  type ConfigException,
  configSchema,
  DEFAULT_INCLUDE,
  defaultConfig,
  knownRuleNames,
} from "./schema.js";
