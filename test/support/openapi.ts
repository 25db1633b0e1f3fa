/**
 * Validates request bodies against GitHub's REST OpenAPI description (@octokit/openapi), so tests
 * prove that what the App sends is what GitHub accepts (limits such as `maxItems: 50` annotations
 * and `maxLength: 65535` summaries included).
 *
 * Reads ONE file, `generated/api.github.com.json` (13 MB, with `$ref`s), never the package's
 * index (which loads every variant, ~390 MB). The spec and the compiled validators are loaded once
 * per test process. OpenAPI 3.0 schemas are turned into JSON Schema for ajv: `nullable: true`
 * becomes a `null` type (or a `null` branch), `example` is dropped, and OpenAPI-only formats
 * (`int64`, `binary`, …) are accepted as annotations.
 *
 * By default an object schema that lists its `properties` also rejects other keys: GitHub's
 * request schemas never say `additionalProperties: false`, so a misspelt key would pass ajv and be
 * ignored (or rejected) by GitHub. Pass `{ rejectUnknownKeys: false }` for the spec as written.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

export interface ValidateOptions {
  /** Reject keys an object schema does not list (default true). */
  readonly rejectUnknownKeys?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly schema: Json | undefined;
}

interface Loaded {
  readonly components: JsonObject;
  readonly operations: readonly Operation[];
}

const SPEC_FILE = "@octokit/openapi/generated/api.github.com.json";
const DOC_ID = "https://api.github.com/openapi.json";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

let loaded: Loaded | undefined;
const ajvs = new Map<boolean, Ajv>();
const validators = new Map<string, ValidateFunction>();

/**
 * The errors of `body` as the request body of `method pathTemplate` (e.g. `POST`,
 * `/repos/{owner}/{repo}/check-runs`; a concrete path such as `/repos/o/r/check-runs` is matched
 * against the templates), as `"<json pointer> <message>"` lines; empty when valid. Throws when the
 * spec has no such operation or it takes no JSON body.
 */
export function validateRequestBody(
  method: string,
  pathTemplate: string,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const strict = options.rejectUnknownKeys ?? true;
  const operation = findOperation(method, pathTemplate);
  const key = `${strict}:${operation.method} ${operation.path}`;
  let validate = validators.get(key);
  if (!validate) {
    if (operation.schema === undefined) {
      throw new Error(`${operation.operationId} takes no application/json request body`);
    }
    validate = ajvFor(strict).compile(toJsonSchema(operation.schema, strict) as object);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra =
      e.keyword === "additionalProperties"
        ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
        : "";
    return `${e.instancePath || "/"} ${e.message ?? e.keyword}${extra}`;
  });
}

/** The operation id of `method path` (a template or a concrete path). */
export function operationIdOf(method: string, path: string): string {
  return findOperation(method, path).operationId;
}

function findOperation(method: string, path: string): Operation {
  const { operations } = load();
  const m = method.toLowerCase();
  const exact = operations.find((o) => o.method === m && o.path === path);
  if (exact) return exact;
  const matching = operations
    .filter((o) => o.method === m && templatePattern(o.path).test(path))
    .sort((a, b) => paramCount(a.path) - paramCount(b.path));
  const found = matching[0];
  if (!found)
    throw new Error(`no operation ${method.toUpperCase()} ${path} in the GitHub REST spec`);
  return found;
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}$`);
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function load(): Loaded {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve(SPEC_FILE);
  const spec = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(asObject(spec.paths))) {
    for (const [method, op] of Object.entries(asObject(item))) {
      if (!METHODS.includes(method)) continue;
      const operation = asObject(op);
      const content = asObject(asObject(operation.requestBody).content);
      const json = content["application/json"] ?? Object.values(content)[0];
      operations.push({
        method,
        path,
        operationId: String(operation.operationId ?? `${method} ${path}`),
        schema: json === undefined ? undefined : asObject(json).schema,
      });
    }
  }
  loaded = { components: asObject(asObject(spec.components).schemas), operations };
  return loaded;
}

function ajvFor(strict: boolean): Ajv {
  let ajv = ajvs.get(strict);
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const schemas: JsonObject = {};
  for (const [name, schema] of Object.entries(load().components)) {
    schemas[name] = toJsonSchema(schema, strict);
  }
  ajv.addSchema({ $id: DOC_ID, components: { schemas } } as object);
  ajvs.set(strict, ajv);
  return ajv;
}

/** Formats of the spec: standard ones checked, OpenAPI-only ones (int64, binary, …) accepted. */
function addFormats(ajv: Ajv): void {
  const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;
  ajv.addFormat("date-time", dateTime);
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat("uri", { validate: (s: string) => URL.canParse(s) });
  ajv.addFormat("uri-template", {
    validate: (s: string) => URL.canParse(s.replace(/\{[^}]*\}/g, "x")),
  });
  for (const annotation of [
    "int32",
    "int64",
    "double",
    "float",
    "binary",
    "timestamp",
    "repo.nwo",
  ]) {
    ajv.addFormat(annotation, true);
  }
}

const SUBSCHEMA = ["items", "not", "additionalProperties", "contains", "propertyNames"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions"];

/** OpenAPI 3.0 schema → JSON Schema for ajv, with `$ref`s made absolute to the shared document. */
function toJsonSchema(schema: Json, strict: boolean): Json {
  if (Array.isArray(schema) || schema === null || typeof schema !== "object") return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "nullable") continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.startsWith("#") ? `${DOC_ID}${value}` : value;
    } else if (SUBSCHEMA.includes(key)) {
      out[key] = toJsonSchema(value, strict);
    } else if (SUBSCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => toJsonSchema(v, strict));
    } else if (SUBSCHEMA_MAPS.includes(key)) {
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(asObject(value)))
        map[name] = toJsonSchema(sub, strict);
      out[key] = map;
    } else {
      out[key] = value;
    }
  }
  if (strict && out.properties !== undefined && out.additionalProperties === undefined) {
    if (!SUBSCHEMA_LISTS.some((k) => k in out)) out.additionalProperties = false;
  }
  return schema.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: JsonObject): JsonObject {
  const type = schema.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    const out: JsonObject = {
      ...schema,
      type: types.includes("null") ? types : [...types, "null"],
    };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: "null" }] };
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}
