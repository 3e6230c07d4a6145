/** Finds the files to scan under the given paths, skipping dependency and VCS folders. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isScannable } from '../engine';

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn', 'bin', 'obj']);

export interface WalkResult {
  readonly files: string[];
  readonly missing: string[];
}

export function walk(paths: readonly string[]): WalkResult {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      missing.push(dir);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(full);
      } else if (e.isFile() && isScannable(full)) files.push(full);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) visit(p);
    else files.push(p); // Named explicitly: scanned (or reported as unrecognised), never silently skipped.
  }
  return { files, missing };
}
