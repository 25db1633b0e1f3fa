/**
 * What one scan works out once for all the files it reads, by key: a file kind keeps here what it
 * reads of the other files of the side (`KindOptions.related`), so that each is parsed once for
 * every file that refers to it. Each scan makes its own (one per side of a diff), and it goes
 * with the scan: no state outlives a scan or is shared between scans.
 */
export class ScanMemo {
  readonly #values = new Map<string, unknown>();

  /** The value under `key`, made by `make` the first time. A key names its kind (`gitlab-ci/…`). */
  get<T>(key: string, make: () => T): T {
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = make();
    this.#values.set(key, value);
    return value;
  }
}
