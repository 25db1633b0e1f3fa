/**
 * What one scan works out once for all the files it reads, by key: a file kind keeps here what it
 * reads of the other files of the side (`KindOptions.related`), so that each is parsed once for
 * every file that refers to it. Each scan makes its own (one per side of a diff), and it goes
 * with the scan: no state outlives a scan or is shared between scans.
 */
export class ScanMemo {
  readonly #values = new Map<string, unknown>();
  readonly #latest = new Map<string, { readonly key: string; readonly value: unknown }>();

  /** The value under `key`, made by `make` the first time. A key names its kind (`gitlab-ci/…`). */
  get<T>(key: string, make: () => T): T {
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = make();
    this.#values.set(key, value);
    return value;
  }

  /**
   * Like `get`, but only the value made last under each `kind` is kept: for what is large and
   * read by files the scan reads one after another (a Helm chart's templates read together, for
   * its templates and its values file), so that a scan of many holds one at a time. A key asked
   * for again after another of its kind is made again.
   */
  latest<T>(kind: string, key: string, make: () => T): T {
    const held = this.#latest.get(kind);
    if (held?.key === key) return held.value as T;
    const value = make();
    this.#latest.set(kind, { key, value });
    return value;
  }
}
