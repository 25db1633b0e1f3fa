/**
 * A `devcontainer.json` read into the container model
 * (https://containers.dev/implementors/json_reference/): the container itself, with `privileged`,
 * `capAdd`, `securityOpt`, `mounts`, `workspaceMount` and `runArgs` (read by the `docker run`
 * argument reader, so a flag means what it means in a script), and one subject per known Feature
 * whose metadata asks for privilege (`features.ts`). `init` (tini as PID 1) removes no protection
 * and is not read. Variables (`${localEnv:HOME}`, `${localWorkspaceFolder}`) are known only when
 * the container starts: a value holding one is not reported, except a mount whose file names a
 * runtime's socket (`${localEnv:XDG_RUNTIME_DIR}/docker.sock`; `container/host-paths.ts`).
 *
 * A dev container made from Docker Compose (`dockerComposeFile`) is started by `docker compose up`
 * with an override file that carries `privileged`, `capAdd`, `securityOpt`, `init` and `mounts`
 * (and what Features ask for), but not `runArgs` or `workspaceMount`, which only an image or a
 * Dockerfile's `docker run` reads (https://containers.dev/implementors/json_reference/, "Image or
 * Dockerfile specific properties"; devcontainers/cli `src/spec-node/dockerCompose.ts`,
 * `generateFeaturesComposeOverrideContent`): those two are not read there, and the Compose file's
 * own service is read by the Compose kind.
 */
import { type ArgWord, DYNAMIC } from "../container/arg-word.js";
import { normalizeCapability } from "../container/capability-sets.js";
import { runArgs } from "../container/run-args.js";
import { type Mount, mountFlag, runSettings } from "../container/run-settings.js";
import type { ContainerSubject, RuntimeSetting } from "../container/settings.js";
import { codeSpan } from "../core/code-span.js";
import { type KnownFeature, knownFeature } from "./features.js";
import { type Node, nodeSpan, properties, property } from "./read-jsonc.js";

/** How a setting can be taken out of the file: a top-level property, or items of a top-level array. */
export type DevEdit =
  | { readonly kind: "property"; readonly key: string }
  | {
      readonly kind: "items";
      readonly key: string;
      /** Index of the first item and how many follow it. */
      readonly first: number;
      readonly count: number;
      /** How many items the array holds. */
      readonly length: number;
    };

export interface DevSetting {
  readonly setting: RuntimeSetting;
  /** Offset of the key of the property that holds the setting (`"runArgs"`, the Feature's id). */
  readonly keyAt: number;
  /** Null when the setting cannot be edited on its own (a Feature's, a combined flag). */
  readonly edit: DevEdit | null;
  /** Said instead of the rule's remediation, where this setting changes nothing on its own. */
  readonly remediation?: string;
}

export interface DevSubject {
  readonly subject: ContainerSubject;
  /** The dev container's `name` (its file's path when unnamed), for reports and the config's selector. */
  readonly container: string;
  /** The object in identities: `#container` or `#features[docker-in-docker]`. */
  readonly object: string;
  readonly settings: readonly DevSetting[];
  /** Said instead of the rule's remediation (a Feature's own reason). */
  readonly remediation?: string;
}

const VARIABLE = /\$\{[^}]*\}/g;

/** A string's value with each `${…}` variable as `DYNAMIC`. */
function resolved(value: string): { value: string; dynamic: boolean } {
  const replaced = value.replace(VARIABLE, DYNAMIC);
  return { value: replaced, dynamic: replaced !== value };
}

function stringItems(array: Node | undefined): { node: Node; index: number; value: string }[] {
  if (array?.type !== "array") return [];
  return (array.children ?? []).flatMap((node, index) =>
    node.type === "string" && typeof node.value === "string"
      ? [{ node, index, value: node.value }]
      : [],
  );
}

export function readDevcontainer(root: Node | null, path: string): DevSubject[] {
  if (root?.type !== "object") return [];
  const name = property(root, "name")?.value.value;
  const container = typeof name === "string" && name !== "" ? name : path;
  const label = `Dev container ${codeSpan(container)}`;
  const compose = property(root, "dockerComposeFile") !== null;
  const settings = [
    ...privilegedSetting(root),
    ...listSettings(root, "capAdd"),
    ...listSettings(root, "securityOpt"),
    ...mountSettings(root, compose),
    ...(compose ? [] : runArgSettings(root)),
  ];
  const image = property(root, "image")?.value.value;
  const subjects: DevSubject[] = [
    {
      subject: {
        label,
        settings: settings.map((s) => s.setting),
        workload: { image: typeof image === "string" && !image.includes("${") ? image : null },
      },
      container,
      object: "#container",
      settings,
    },
  ];
  for (const { key } of properties(property(root, "features")?.value)) {
    const feature = knownFeature(String(key.value));
    if (!feature) continue;
    const own = featureSettings(feature, key);
    if (own.length === 0) continue;
    if (feature.privileged) overriddenPrivileged(settings, String(key.value), feature);
    subjects.push({
      subject: {
        label: `${label}, Feature ${codeSpan(String(key.value))}`,
        settings: own.map((s) => s.setting),
        workload: {},
      },
      container,
      object: `#features[${feature.id}]`,
      settings: own,
      remediation: feature.remediation,
    });
  }
  return subjects;
}

/**
 * A Feature that asks for privileged mode makes the container privileged whatever its own
 * `privileged` says (the tools merge the Feature's metadata into it): removing that property alone
 * changes nothing, so it is not offered, and the finding says why and what would.
 */
function overriddenPrivileged(settings: DevSetting[], key: string, feature: KnownFeature): void {
  for (const [i, s] of settings.entries()) {
    if (s.setting.kind !== "privileged" || !s.setting.value) continue;
    settings[i] = {
      ...s,
      edit: null,
      remediation: `The Feature ${codeSpan(key)} makes the container privileged whatever this property says, so removing it alone changes nothing. ${feature.remediation}`,
    };
  }
}

function privilegedSetting(root: Node): DevSetting[] {
  const p = property(root, "privileged");
  if (p?.value.type !== "boolean") return [];
  return [
    {
      setting: {
        kind: "privileged",
        value: p.value.value === true,
        at: nodeSpan(p.value),
        field: "privileged",
      },
      keyAt: p.key.offset,
      edit: { kind: "property", key: "privileged" },
    },
  ];
}

function listSettings(root: Node, key: "capAdd" | "securityOpt"): DevSetting[] {
  const p = property(root, key);
  if (!p) return [];
  const length = p.value.children?.length ?? 0;
  return stringItems(p.value).flatMap(({ node, index, value }) => {
    if (value.includes("${")) return [];
    const at = nodeSpan(node);
    const setting: RuntimeSetting =
      key === "capAdd"
        ? {
            kind: "cap-add",
            capability: value,
            at,
            field: `capAdd[${normalizeCapability(value.trim())}]`,
          }
        : { kind: "security-opt", value, at, field: `securityOpt[${value}]` };
    return [
      {
        setting,
        keyAt: p.key.offset,
        edit: { kind: "items", key, first: index, count: 1, length },
      },
    ];
  });
}

/**
 * `mounts` (strings in `--mount` syntax, or `{type, source, target}`) and `workspaceMount` (not
 * with Docker Compose, which does not read it).
 */
function mountSettings(root: Node, compose: boolean): DevSetting[] {
  const out: DevSetting[] = [];
  const p = property(root, "mounts");
  const items = p?.value.type === "array" ? (p.value.children ?? []) : [];
  items.forEach((node, index) => {
    const mount = node.type === "string" ? stringMount(String(node.value)) : objectMount(node);
    if (!mount || !p) return;
    out.push({
      setting: {
        kind: "host-mount",
        ...mount,
        at: nodeSpan(node),
        field: `mounts[${mount.target}]`,
      },
      keyAt: p.key.offset,
      edit: { kind: "items", key: "mounts", first: index, count: 1, length: items.length },
    });
  });
  const workspace = compose ? null : property(root, "workspaceMount");
  const mount =
    workspace?.value.type === "string" ? stringMount(String(workspace.value.value)) : null;
  if (workspace && mount) {
    out.push({
      setting: {
        kind: "host-mount",
        ...mount,
        at: nodeSpan(workspace.value),
        field: "workspaceMount",
      },
      keyAt: workspace.key.offset,
      edit: null,
    });
  }
  return out;
}

function stringMount(spec: string): Mount | null {
  return mountFlag(resolved(spec).value);
}

function objectMount(node: Node): Mount | null {
  const text = (key: string) => {
    const v = property(node, key)?.value.value;
    return typeof v === "string" ? resolved(v).value : null;
  };
  const source = text("source");
  if (text("type") !== "bind" || !source || source.includes(DYNAMIC)) return null;
  return { source, target: text("target") ?? "", readOnly: false };
}

/**
 * `runArgs`: each item is one argument of `docker run`, read by the same reader as a script's
 * command line. A flag can be edited alone when its words are consecutive items and it holds one
 * setting (not `-itv`, not `--cap-add=A,B`).
 */
function runArgSettings(root: Node): DevSetting[] {
  const p = property(root, "runArgs");
  if (!p) return [];
  const items = stringItems(p.value);
  const words: ArgWord[] = items.map(({ node, value }) => {
    const r = resolved(value);
    return { ...r, start: node.offset, end: node.offset + node.length };
  });
  const args = runArgs(words, 0);
  const settings = runSettings(args);
  const length = p.value.children?.length ?? 0;
  return settings.map((setting) => {
    const flag = args.flags.find((f) => f.start === setting.at[0] && f.end === setting.at[1]);
    const first = flag ? items[flag.firstWord]?.index : undefined;
    const last = flag ? items[flag.lastWord]?.index : undefined;
    const alone =
      flag !== undefined &&
      !flag.combined &&
      first !== undefined &&
      last !== undefined &&
      last - first === flag.lastWord - flag.firstWord &&
      settings.filter((s) => s.at[0] === setting.at[0]).length === 1;
    return {
      setting: { ...setting, field: `runArgs ${setting.field}` },
      keyAt: p.key.offset,
      edit:
        alone && first !== undefined && last !== undefined
          ? { kind: "items", key: "runArgs", first, count: last - first + 1, length }
          : null,
    };
  });
}

/** What a Feature's metadata asks for, placed on the Feature's key. */
function featureSettings(feature: KnownFeature, key: Node): DevSetting[] {
  const at = nodeSpan(key);
  const field = (name: string) => `features[${feature.id}].${name}`;
  const settings: RuntimeSetting[] = [
    ...(feature.privileged
      ? [{ kind: "privileged" as const, value: true, at, field: field("privileged") }]
      : []),
    ...(feature.capAdd ?? []).map((capability) => ({
      kind: "cap-add" as const,
      capability,
      at,
      field: field(`capAdd[${capability}]`),
    })),
    ...(feature.securityOpt ?? []).map((value) => ({
      kind: "security-opt" as const,
      value,
      at,
      field: field(`securityOpt[${value}]`),
    })),
    ...(feature.mounts ?? [])
      .filter((m) => m.type === "bind")
      .map((m) => ({
        kind: "host-mount" as const,
        source: m.source,
        target: m.target,
        readOnly: false,
        at,
        field: field(`mounts[${m.target}]`),
      })),
  ];
  return settings.map((setting) => ({ setting, keyAt: key.offset, edit: null }));
}
