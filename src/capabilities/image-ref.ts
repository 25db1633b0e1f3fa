/** An image reference read as container runtimes read it, without resolving anything. */
export interface ImageRef {
  /** Repository path without registry (`calico/node`; Docker Hub's `library/` removed). */
  readonly path: string;
  /** The last part of the path (`node`). */
  readonly name: string;
  /** The tag, or null (a digest alone, or nothing). */
  readonly tag: string | null;
}

/**
 * Splits `registry/path/name:tag@digest`. The first part is a registry when it has a dot or a
 * port or is `localhost`, as the Docker reference grammar says
 * (https://github.com/distribution/reference/blob/main/reference.go).
 */
export function parseImageRef(image: string): ImageRef {
  const noDigest = (image.split("@")[0] ?? image).trim().toLowerCase();
  const parts = noDigest.split("/");
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost"))
    parts.shift();
  const last = parts.pop() ?? "";
  const colon = last.indexOf(":");
  const name = colon >= 0 ? last.slice(0, colon) : last;
  const tag = colon >= 0 ? last.slice(colon + 1) : null;
  if (parts[0] === "library" && parts.length === 1) parts.shift();
  return { path: [...parts, name].join("/"), name, tag };
}
