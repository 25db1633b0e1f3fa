/**
 * Which files are Compose files: the names Compose looks for (`compose.yaml`, `compose.yml`,
 * their `.override` files, and `docker-compose*.yml`/`.yaml`), and other YAML files whose text
 * has a top-level `services:` mapping and no top-level `apiVersion:` or `kind:` (which would make
 * it a Kubernetes manifest). Helm values files and chart templates stay with the Kubernetes kind
 * even when they have a `services:` key. https://github.com/compose-spec/compose-spec/blob/main/03-compose-file.md
 */
const COMPOSE_NAME = /^(?:compose(?:\.override)?\.ya?ml|docker-compose[^/]*\.ya?ml)$/i;
const YAML_FILE = /\.ya?ml$/i;
const SERVICES_KEY = /^services:[ \t]*(?:#[^\n]*)?\r?$/m;
const KUBERNETES_KEY = /^(?:apiVersion|kind):/m;
const HELM_FILE = /(?:^|\/)(?:values[^/]*\.ya?ml|templates\/.*)$/i;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Compose by its file name alone. */
export function isComposeName(path: string): boolean {
  return COMPOSE_NAME.test(baseName(path));
}

/**
 * Whether the Compose kind reads the file; without `prefix` (not read yet), whether it may: any
 * YAML file might have a top-level `services:`.
 */
export function claimsCompose(path: string, prefix?: string): boolean {
  if (isComposeName(path)) return true;
  if (!YAML_FILE.test(path) || HELM_FILE.test(path)) return false;
  if (prefix === undefined) return true;
  // A Kubernetes manifest names its `apiVersion` or `kind` in its first lines, where this
  // anchored test stops; looking for `services:` reads the whole prefix.
  return !KUBERNETES_KEY.test(prefix) && SERVICES_KEY.test(prefix);
}
