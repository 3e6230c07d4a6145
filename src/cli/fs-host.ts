/** The CLI's window on the file system for the engine (parameter files, modules, tfvars), with a small cache. */
import { readFileSync, readdirSync } from 'node:fs';
import type { FileHost } from '../engine';

export function createFsHost(): FileHost & { cache: Map<string, string | undefined> } {
  const cache = new Map<string, string | undefined>();
  return {
    cache,
    readFile(path) {
      if (cache.has(path)) return cache.get(path);
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(path, text);
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
