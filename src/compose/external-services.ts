/**
 * `extends: {file: other.yml, service: base}`: the services of the other Compose files the kind
 * has at hand (the other files of the same side, scanned or context: `KindOptions.related`), read
 * as the file itself is read. Each file is parsed at most once per scan, a cycle across files is
 * cut, and a file that is not at hand, not readable or has no such service lends nothing.
 * https://github.com/compose-spec/compose-spec/blob/main/05-services.md#extends
 */
import { posix } from "node:path";
import { codeSpan } from "../core/code-span.js";
import type { FileReference } from "../core/file-kind.js";
import { refusal } from "../core/refusal.js";
import type { Limits, SourceFile } from "../core/types.js";
import { parseChunk } from "../yaml/parse-stream.js";
import { splitDocuments } from "../yaml/split-documents.js";
import {
  type ComposeService,
  type ExternalServices,
  extendedFiles,
  readServices,
} from "./read-services.js";

/** The resolver for the file at `path`. */
export function externalServices(
  path: string,
  related: readonly SourceFile[],
  limits: Limits,
): ExternalServices {
  const read = new Map<string, readonly ComposeService[]>();
  const reading = new Set<string>();
  const servicesOf = (target: string): readonly ComposeService[] => {
    const known = read.get(target);
    if (known) return known;
    // A file still being read extends itself through others: the cycle lends nothing.
    if (reading.has(target)) return [];
    const source = related.find((f) => f.path === target);
    if (!source || refusal(source.text, limits.maxFileSize)) return [];
    reading.add(target);
    const chunk = splitDocuments(source.text)[0];
    const doc = chunk ? parseChunk(chunk, limits).docs[0] : undefined;
    const services = doc ? readServices(doc, resolverFor(target)) : [];
    reading.delete(target);
    read.set(target, services);
    return services;
  };
  const resolverFor =
    (from: string): ExternalServices =>
    (file, name) => {
      const target = relativeTo(from, file);
      if (target === null) return null;
      const service = servicesOf(target).find((s) => s.name === name);
      if (!service) return null;
      return {
        settings: service.subject.settings,
        workload: service.subject.workload,
        label: `service ${codeSpan(name)} of ${codeSpan(target)}`,
      };
    };
  return resolverFor(path);
}

/** The files of the repository whose services the file's services extend. */
export function composeReferences(file: SourceFile, limits: Limits): FileReference[] {
  if (refusal(file.text, limits.maxFileSize)) return [];
  const chunk = splitDocuments(file.text)[0];
  const doc = chunk ? parseChunk(chunk, limits).docs[0] : undefined;
  const paths = new Set<string>();
  for (const written of doc ? extendedFiles(doc) : []) {
    const path = relativeTo(file.path, written);
    if (path !== null && path !== file.path) paths.add(path);
  }
  return [...paths].map((path) => ({ path }));
}

/**
 * `file` as a path of the repository, relative to the folder of `from` as Compose resolves it;
 * null for an absolute path or one that leaves the repository.
 */
function relativeTo(from: string, file: string): string | null {
  if (file === "" || posix.isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return null;
  const joined = posix.normalize(posix.join(posix.dirname(from), file));
  return joined === ".." || joined.startsWith("../") ? null : joined;
}
