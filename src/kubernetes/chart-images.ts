/**
 * The image a chart template writes with actions (`image: "{{ .Values.image.repository }}:{{
 * .Values.image.tag }}"`, `{{ include "x.image" . }}`), as the chart's default values give it, so
 * that the workload tables, which know workloads by image, see what the chart ships. Nothing is
 * rendered: the values paths each action writes (followed through named templates, `with` and
 * the rest by `values-flow.ts`) are looked up in the defaults, then put together as written
 * (`repo/name:{{ .Values.tag }}`) where every action writes one plain value, or else the way charts
 * split an image: a repository (or a whole reference) with the `registry` and `tag` beside it, or
 * an image mapping (`{registry, repository, tag}`, Bitnami's `imageRoot`). A chart user's values
 * may run another image; recognising what the chart runs by default is what the advice needs.
 */
import { isScalar, type Node, type YAMLMap } from "yaml";
import type { Limits } from "../core/types.js";
import { parseChunk } from "../yaml/parse-stream.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { ChartDefaults } from "./chart-defaults.js";
import type { ChartReading } from "./chart-reading.js";
import { DepthLimitError, findPods } from "./find-pods.js";
import { TEMPLATE_READING } from "./screen-triggers.js";
import { isObject } from "./validity/pod-data.js";

/** One part of an image scalar as a template writes it, in order. */
export type ImagePart =
  /** Text written as it is. */
  | { readonly text: string }
  /** An output action, with the values paths it writes. */
  | { readonly written: readonly string[] }
  /** A conditional's action (`if`, `else`, `end`): which branch renders is not worked out. */
  | { readonly control: true };

/** Named templates followed inside one another at most this deep for an image. */
const MAX_INCLUDES = 4;

/** Keys of an image mapping that are not the repository's name. */
const NOT_A_NAME = new Set(["tag", "digest", "registry", "pullPolicy", "version", "sha"]);

/** The image the parts render with `defaults`, or null when they do not name one. */
export function defaultImage(parts: readonly ImagePart[], defaults: ChartDefaults): string | null {
  return substituted(parts, defaults) ?? composed(parts, defaults);
}

/** The parts with each action replaced by the one plain value it writes; null if one does not. */
function substituted(parts: readonly ImagePart[], defaults: ChartDefaults): string | null {
  let out = "";
  for (const part of parts) {
    if ("control" in part) return null;
    if ("text" in part) {
      out += part.text;
      continue;
    }
    if (part.written.length > 1) return null;
    const path = part.written[0];
    const value = path === undefined ? undefined : defaults.get(path);
    if (isObject(value) || Array.isArray(value)) return null;
    // A value the template renders again (`tpl`), written as a template itself, is not known.
    if (typeof value === "string" && value.includes("{{")) return null;
    out += value === null || value === undefined ? "" : String(value);
  }
  return cleaned(out);
}

/**
 * The first values path the parts write that names a repository (or holds an image mapping), with
 * the registry and tag its mapping sets beside it.
 */
function composed(parts: readonly ImagePart[], defaults: ChartDefaults): string | null {
  for (const part of parts) {
    if (!("written" in part)) continue;
    for (const path of part.written) {
      const value = defaults.get(path);
      if (isObject(value)) {
        const image = fromMapping(value);
        if (image) return image;
        continue;
      }
      const key = path.slice(path.lastIndexOf(".") + 1);
      if (typeof value !== "string" || value.trim() === "" || NOT_A_NAME.has(key)) continue;
      const dot = path.lastIndexOf(".");
      const beside = dot === -1 ? undefined : defaults.get(path.slice(0, dot));
      return cleaned(
        isObject(beside) ? joined(beside.registry, value, beside.tag) : joined(null, value, null),
      );
    }
  }
  return null;
}

/** `{registry, repository, tag}` as one reference; null without a repository. */
function fromMapping(map: Readonly<Record<string, unknown>>): string | null {
  const repository = map.repository;
  if (typeof repository !== "string" || repository.trim() === "") return null;
  return cleaned(joined(map.registry, repository, map.tag));
}

/** A tag as the reference grammar writes one (a template left in a value, `{{ .Chart.AppVersion }}`, is not). */
const TAG = /^[\w][\w.-]{0,127}$/;

function joined(registry: unknown, repository: string, tag: unknown): string {
  const name = repository.trim();
  const last = name.slice(name.lastIndexOf("/") + 1);
  const written = typeof tag === "string" || typeof tag === "number" ? String(tag).trim() : "";
  const withTag =
    TAG.test(written) && !last.includes(":") && !name.includes("@") ? `${name}:${written}` : name;
  const first = name.split("/")[0] ?? "";
  const hasRegistry = name.includes("/") && /[.:]|^localhost$/.test(first);
  return typeof registry === "string" && registry.trim() !== "" && !hasRegistry
    ? `${registry.trim().replace(/\/+$/, "")}/${withTag}`
    : withTag;
}

/** A reference as written, quotes and a trailing `:` (an empty tag) taken off; null if not one. */
function cleaned(text: string): string | null {
  const image = text
    .trim()
    .replace(/^(["'])(.*)\1$/s, "$2")
    .trim()
    .replace(/[:@/]+$/, "");
  if (image === "" || /[\s{}]/.test(image) || /^[:@/]/.test(image)) return null;
  return image;
}

/** A container's `image:` as a template writes it with actions, and where that text stands. */
export interface WrittenImage {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The `image:` of container mapping `container` as its template writes it, where an action writes
 * it (`"{{ .Values.image.repository }}:{{ .Values.image.tag }}"`); null where it is written
 * literally, or not at all, or the document is no template. An action that may write a block
 * (`image: {{ include "x.image" . }}`) reads as an empty value after the key: the text after the
 * key's colon on its line is what it writes.
 */
export function writtenImage(doc: YamlDoc, container: Ref<YAMLMap> | null): WrittenImage | null {
  const entry = doc.get(container, "image");
  const ref = entry?.value;
  if (!ref) return null;
  const text = doc.written(ref);
  if (text !== null) return { text, start: ref.range[0], end: ref.range[1] };
  const key = entry?.pair?.key as Node | undefined;
  if (!key?.range || !isScalar(ref.node) || ref.node.value !== null) return null;
  if (ref.range[0] !== ref.range[1]) return null;
  const keyEnd = doc.base + key.range[1];
  const after = doc.source(keyEnd, ref.range[1]);
  const lead = after === null ? null : /^[ \t]*:[ \t]*/.exec(after);
  if (after === null || !lead || after.includes("\n")) return null;
  const written = after.slice(lead[0].length).trimEnd();
  if (!written.includes("{{")) return null;
  const start = keyEnd + lead[0].length;
  return { text: written, start, end: start + written.length };
}

/** The images a chart's templates write with actions, worked out from its default values. */
export class ChartImages {
  readonly #reading: ChartReading;
  readonly #defaults: ChartDefaults;
  readonly #byTemplate = new Map<string, ReadonlyMap<string, string | null>>();

  constructor(reading: ChartReading, defaults: ChartDefaults) {
    this.#reading = reading;
    this.#defaults = defaults;
  }

  /**
   * The image the scalar at `[start, end)` of template `template` (its index in the reading)
   * renders with the defaults; null where no action writes it or it names no image.
   */
  at(template: number, start: number, end: number): string | null {
    const parts = this.#parts(template, start, end, 0);
    return parts === null ? null : defaultImage(parts, this.#defaults);
  }

  /**
   * The parts of the text at `[start, end)` of a template; null where no action writes there. A
   * named template of the chart included there whose body writes text of its own around its
   * actions (`"{{ if .x.override }}…{{ else }}{{ .x.repository }}:{{ .x.tag }}{{ end }}"`) is
   * read where it stands, with the dots it is called with, at most `MAX_INCLUDES` deep.
   */
  #parts(template: number, start: number, end: number, depth: number): ImagePart[] | null {
    const t = this.#reading.templates[template];
    if (!t) return null;
    const { flows } = this.#reading;
    const parts: ImagePart[] = [];
    let pos = start;
    let actions = 0;
    for (const [i, a] of t.actions.entries()) {
      if (a.start < start || a.end > end) continue;
      parts.push({ text: t.text.slice(pos, a.start) });
      pos = a.end;
      actions++;
      if (a.role !== "value" && a.role !== "block") {
        if (a.role !== "comment") parts.push({ control: true });
        continue;
      }
      // Values passed to a named template not at hand (Bitnami's `common.images.image` of a
      // library chart fetched when the chart is built) are what it renders the image from.
      const { written, unfollowed } = flows.outputs(template, i, true);
      const name = written.length === 0 ? flows.called(template, i) : null;
      const define = name === null || depth >= MAX_INCLUDES ? null : flows.defined(name);
      const body = define && this.#defineParts(define, depth + 1);
      parts.push(...(body ?? [{ written: [...written, ...unfollowed.keys()] }]));
    }
    if (actions === 0) return null;
    parts.push({ text: t.text.slice(pos, end) });
    return parts;
  }

  /** The parts of a named template's body, between its `define` and its `end`. */
  #defineParts(
    define: { readonly template: number; readonly from: number; readonly to: number },
    depth: number,
  ): ImagePart[] | null {
    const actions = this.#reading.templates[define.template]?.actions;
    const open = actions?.[define.from];
    const close = actions?.[define.to];
    if (!open || !close) return null;
    return this.#parts(define.template, open.end, close.start, depth);
  }

  /**
   * For the template at `path`, the image of each container whose `image:` is written with
   * actions, by that scalar as written (`YamlDoc.written`), which a fixed copy of the template
   * writes the same; a scalar written alike in two places that render differently gives null.
   */
  byWritten(path: string, limits: Limits): ReadonlyMap<string, string | null> {
    const known = this.#byTemplate.get(path);
    if (known) return known;
    const images = new Map<string, string | null>();
    this.#byTemplate.set(path, images);
    const template = this.#reading.templates.findIndex((t) => t.path === path);
    const t = this.#reading.templates[template];
    if (!t) return images;
    for (const chunk of t.chunks) {
      for (const doc of parseChunk(chunk, limits, TEMPLATE_READING).docs) {
        try {
          for (const pod of findPods(doc, limits.maxDepth)) {
            for (const c of pod.containers) {
              const written = writtenImage(doc, c.ref);
              if (!written) continue;
              const image = this.at(template, written.start, written.end);
              const { text } = written;
              images.set(text, images.has(text) && images.get(text) !== image ? null : image);
            }
          }
        } catch (error) {
          // A document too deep to walk is reported by its own scan.
          if (!(error instanceof DepthLimitError)) throw error;
        }
      }
    }
    return images;
  }
}
