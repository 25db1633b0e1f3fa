/**
 * Runs the CLI's bundle, a CommonJS script, with a V8 code cache: the bytecode of the functions a
 * run compiled, kept in a file of the user's cache folder, so that the next process skips parsing
 * and compiling them (some 50 ms of a scan; `node:module`'s `enableCompileCache` does this from
 * Node 22 on, `v8-compile-cache` the same way for Node 20).
 *
 * The cache is only an optimization: a missing, unreadable, corrupt or stale one (another build of
 * the bundle, another Node, other V8 flags) is ignored and written anew, a folder that cannot be
 * written (a read-only home) leaves it unwritten, and concurrent runs each write a file of their
 * own and rename it into place, so that a reader never sees half a cache. The file holds a checksum
 * of the bundle it was made from (V8 itself only compares the source's length) and of its data; it
 * is used only if it is a regular file owned by the user running the command.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";
import { crc32 } from "node:zlib";

/** The start of a cache file, then the checksums of the bundle and of the data (uint32 LE). */
const MAGIC = Buffer.from("privilege-guard code cache 1\n", "latin1");
const HEADER = MAGIC.length + 8;
/** A cache file larger than this is not one of ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The cache file for this Node and architecture, or null when caching is off
 * (`PRIVILEGE_GUARD_NO_CODE_CACHE` set to anything but empty) or there is no folder for it: in
 * `PRIVILEGE_GUARD_CACHE_DIR`, else `$XDG_CACHE_HOME/privilege-guard`, else
 * `~/.cache/privilege-guard`.
 */
export function codeCacheFile(
  env: NodeJS.ProcessEnv,
  home: () => string = homedir,
  runtime = `${process.version}-${process.arch}`,
): string | null {
  if (env.PRIVILEGE_GUARD_NO_CODE_CACHE) return null;
  const folder = cacheFolder(env, home);
  return folder === null ? null : join(folder, `cli-${runtime}.v8cache`);
}

function cacheFolder(env: NodeJS.ProcessEnv, home: () => string): string | null {
  const own = env.PRIVILEGE_GUARD_CACHE_DIR;
  if (own && isAbsolute(own)) return own;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, "privilege-guard");
  let user = "";
  try {
    user = home();
  } catch {
    // No home folder known for this user: no cache.
  }
  return isAbsolute(user) ? join(user, ".cache", "privilege-guard") : null;
}

export interface LoadedBundle {
  /** What the bundle exported (`module.exports`). */
  readonly exports: unknown;
  /** Whether the code came from the cache (false: it was compiled from the source). */
  readonly fromCache: boolean;
  /**
   * Writes the cache from what this process has compiled so far (call it late, when the run's
   * functions are compiled); never throws. Does nothing when caching is off.
   */
  writeCache(): void;
}

/** Loads and runs a CommonJS bundle, its code from `cacheFile` when that holds it. */
export function loadBundle(bundle: string, cacheFile: string | null): LoadedBundle {
  const bytes = readFileSync(bundle);
  const sourceSum = crc32(bytes);
  const cachedData = cacheFile === null ? undefined : readCache(cacheFile, sourceSum);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8")}\n})`,
    { filename: bundle, ...(cachedData ? { cachedData } : {}) },
  );
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
  );
  return {
    exports: module.exports,
    fromCache,
    writeCache: () => {
      if (cacheFile !== null) writeCache(cacheFile, sourceSum, script.createCachedData());
    },
  };
}

/** The cache's data if the file is ours, intact, and made from the bundle summed `sourceSum`. */
function readCache(file: string, sourceSum: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    const owner = process.getuid?.();
    if (!info.isFile() || (owner !== undefined && info.uid !== owner)) return undefined;
    if (info.size <= HEADER || info.size > MAX_CACHE_BYTES) return undefined;
    const buffer = Buffer.allocUnsafe(info.size);
    if (readSync(fd, buffer, 0, info.size, 0) !== info.size) return undefined;
    if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    if (buffer.readUInt32LE(MAGIC.length) !== sourceSum) return undefined;
    const data = buffer.subarray(HEADER);
    return buffer.readUInt32LE(MAGIC.length + 4) === crc32(data) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function writeCache(file: string, sourceSum: number, data: Buffer): void {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeUInt32LE(sourceSum, MAGIC.length);
  header.writeUInt32LE(crc32(data), MAGIC.length + 4);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([header, data]), { mode: 0o600, flag: "wx" });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written is no cache: the next run compiles again.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Its folder could not be made either.
    }
  }
}
