/**
 * The CLI's window on the file system for the engine (parameter files, modules, tfvars, sibling .tf files).
 * Every read goes through `readTextFile` (regular files only, size and binary checks before reading) and, unless
 * the user allows it, stays inside the scanned folders (`Confinement`); a refused read is reported as a note.
 * Texts are cached because sibling files are asked for again and again, but only up to a byte budget: a
 * whole-repository scan must not keep every file it has seen in memory until it exits.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, skipNote, type FileHost } from '../engine';
import type { Confinement } from './confine';
import { describeFailure, readTextFile } from './read-text';

// One directory's sibling files and one template's modules and parameter files; more only raised peak memory.
const DEFAULT_BUDGET_BYTES = 8 * 1024 * 1024;

/** The note for a path outside the scanned folders: the same words whether or not the path exists. */
export const OUTSIDE_ROOT = 'it is outside the scanned folders (--allow-outside-root reads it)';

export interface CachingHost extends FileHost {
  /** Records a text the CLI already read (or rewrote with --fix), so the engine sees the same bytes. */
  remember(path: string, text: string): void;
}

export interface FsHostOptions {
  readonly budgetBytes?: number;
  readonly maxFileBytes?: number;
  /** Where the engine may read; undefined: anywhere (`--allow-outside-root`). */
  readonly confinement?: Confinement;
  /** Files the user named (`--parameters`): read wherever they are. */
  readonly named?: readonly string[];
}

export function createFsHost(options: FsHostOptions = {}): CachingHost {
  const { budgetBytes = DEFAULT_BUDGET_BYTES, maxFileBytes = DEFAULT_MAX_FILE_BYTES, confinement } = options;
  const named = new Set((options.named ?? []).map((p) => resolve(p)));
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, string | undefined>();
  const refusals = new Map<string, string>();
  let bytes = 0;
  const remember = (path: string, text: string | undefined): void => {
    const old = cache.get(path);
    if (old !== undefined) bytes -= old.length;
    cache.delete(path);
    cache.set(path, text);
    bytes += text?.length ?? 0;
    for (const [key, value] of cache) {
      if (bytes <= budgetBytes || key === path) break;
      cache.delete(key);
      bytes -= value?.length ?? 0;
    }
  };
  /** The path to touch for `path`, or undefined (and a refusal) when it is outside where the scan may read. */
  const allowed = (path: string): string | undefined => {
    if (!confinement || named.has(resolve(path))) return path;
    const real = confinement.resolve(path);
    if (real === undefined) refusals.set(path, OUTSIDE_ROOT);
    return real;
  };
  const read = (path: string): string | undefined => {
    const real = allowed(path);
    if (real === undefined) return undefined;
    const r = readTextFile(real, maxFileBytes);
    if (r.kind === 'text') return r.text;
    if (r.kind === 'notRegular') refusals.set(path, `it is ${r.what}, not a regular file`);
    else if (r.kind === 'skipped') refusals.set(path, skipNote(r.cause));
    // A missing file is the engine's to report (it knows what the file was for); other failures are noted.
    else if (r.code !== 'ENOENT' && r.code !== 'ENOTDIR')
      refusals.set(path, `it cannot be read: ${describeFailure(r.code)}`);
    return undefined;
  };
  return {
    remember,
    readFile(path) {
      if (cache.has(path)) {
        const text = cache.get(path);
        remember(path, text);
        return text;
      }
      const text = read(path);
      remember(path, text);
      return text;
    },
    listDirectory(dir) {
      const real = allowed(dir);
      if (real === undefined) return undefined;
      try {
        return readdirSync(real);
      } catch {
        return undefined;
      }
    },
    refusal: (path) => refusals.get(path),
  };
}
