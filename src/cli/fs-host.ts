/**
 * The CLI's window on the file system for the engine (parameter files, modules, tfvars, sibling .tf files).
 * Texts are cached because sibling files are asked for again and again, but only up to a byte budget: a
 * whole-repository scan must not keep every file it has seen in memory until it exits.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { FileHost } from '../engine';

// One directory's sibling files and one template's modules and parameter files; more only raised peak memory.
const DEFAULT_BUDGET_BYTES = 8 * 1024 * 1024;

export interface CachingHost extends FileHost {
  /** Records a text the CLI already read (or rewrote with --fix), so the engine sees the same bytes. */
  remember(path: string, text: string): void;
}

export function createFsHost(budgetBytes = DEFAULT_BUDGET_BYTES): CachingHost {
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, string | undefined>();
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
  return {
    remember,
    readFile(path) {
      if (cache.has(path)) {
        const text = cache.get(path);
        remember(path, text);
        return text;
      }
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
      remember(path, text);
      return text;
    },
    listDirectory(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return undefined;
      }
    },
  };
}
