/**
 * The local files a GitLab CI configuration includes (https://docs.gitlab.com/ci/yaml/#include,
 * https://docs.gitlab.com/ci/yaml/includes/): `include: 'path'`, `include: [a, b]`,
 * `include: {local: path}` and lists of these, with `rules:` or `inputs:` or not (a file included
 * only under some rules may run, so it counts). Paths are relative to the repository's root, a
 * leading `/` or not (GitLab strips it: `Gitlab::Utils.remove_leading_slashes` in
 * `lib/gitlab/ci/config/external/file/local.rb`); a wildcard matches as GitLab's
 * `Repository#search_files_by_wildcard_path` matches it: `**` any characters, `*` any but `/`.
 * Remote, project, template and component includes, and paths holding a variable, are not
 * files of the repository's own and are left out.
 */
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";

/** A string include that GitLab reads as a remote address (`Gitlab::UrlSanitizer.valid?`). */
const REMOTE = /^(?:https?|ftp):\/\//i;

/** The local include patterns of a document's `include:`, in the order written. */
export function localIncludes(doc: YamlDoc): string[] {
  const root = doc.root();
  if (!root || !isMap(root.node)) return [];
  const value = doc.get(root as Ref<YAMLMap>, "include")?.value;
  if (!value) return [];
  const items = isSeq(value.node) ? doc.items(value as Ref<YAMLSeq>) : [value];
  const out: string[] = [];
  for (const item of items) {
    const path = includePath(doc, item);
    if (path !== null) out.push(path);
  }
  return out;
}

function includePath(doc: YamlDoc, item: Ref): string | null {
  let raw: unknown = null;
  if (isScalar(item.node)) {
    raw = item.node.value;
    if (typeof raw === "string" && REMOTE.test(raw)) return null;
  } else if (isMap(item.node)) {
    raw = doc.getScalar(item as Ref<YAMLMap>, "local");
  }
  if (typeof raw !== "string" || raw.includes("$")) return null;
  const path = raw.replace(/^\/+/, "");
  return path === "" ? null : path;
}

/** The paths among `paths` that an include pattern names, in `paths`' order. */
export function matchInclude(pattern: string, paths: readonly string[]): string[] {
  if (!pattern.includes("*")) return paths.includes(pattern) ? [pattern] : [];
  const source = pattern
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*?"),
    )
    .join(".*?");
  const re = new RegExp(`^${source}$`);
  return paths.filter((p) => re.test(p));
}
