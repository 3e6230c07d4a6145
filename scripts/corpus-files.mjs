// What the corpus scripts (corpus-check, fix-corpus-check) share: every file under a folder, and a FileHost that
// reads the disk as the engine expects (undefined for what cannot be read; the corpus is trusted input).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir`, depth first. */
export function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

export const diskHost = {
  readFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  listDirectory: (d) => {
    try {
      return readdirSync(d);
    } catch {
      return undefined;
    }
  },
};
