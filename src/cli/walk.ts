/**
 * Finds the files to scan under the given paths. Dependency, build-output and VCS folders (`SKIPPED_FOLDERS`,
 * listed in the README) are not entered; symbolic links are not followed but reported, and a folder that cannot
 * be listed is reported while the rest is scanned.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isScannable } from '../engine';

/** Folder names a walk never enters: dependencies, provider caches, VCS data and .NET build output. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.terraform', '.hg', '.svn', 'bin', 'obj'];
const SKIP = new Set(SKIPPED_FOLDERS);

/** The file-system calls a walk makes (tests pass failing ones: the suite runs as root, which can read anything). */
export interface WalkFs {
  readdir(dir: string): Dirent[];
  stat(path: string): Stats;
}

const nodeFs: WalkFs = {
  readdir: (dir) => readdirSync(dir, { withFileTypes: true }),
  stat: (path) => statSync(path),
};

export interface PathProblem {
  readonly path: string;
  /** The system's error code (ENOENT, EACCES, …). */
  readonly code: string;
}

export interface WalkResult {
  readonly files: string[];
  /** Paths named on the command line that cannot be read (a usage error). */
  readonly missing: PathProblem[];
  /** Folders met while walking that could not be listed (an error each; the rest is scanned). */
  readonly unreadable: PathProblem[];
  /** Symbolic links met while walking to a template or a folder, not followed (a note each). */
  readonly links: string[];
}

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'error';

export function walk(paths: readonly string[], fs: WalkFs = nodeFs): WalkResult {
  const files: string[] = [];
  const missing: PathProblem[] = [];
  const unreadable: PathProblem[] = [];
  const links: string[] = [];
  const leadsToFolder = (link: string): boolean => {
    try {
      return fs.stat(link).isDirectory();
    } catch {
      return false;
    }
  };
  const visit = (dir: string, named: boolean): void => {
    let entries: Dirent[];
    try {
      entries = fs.readdir(dir);
    } catch (e) {
      (named ? missing : unreadable).push({ path: dir, code: codeOf(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) visit(full, false);
      } else if (e.isFile()) {
        if (isScannable(full)) files.push(full);
      } else if (e.isSymbolicLink() && !SKIP.has(e.name) && (isScannable(full) || leadsToFolder(full))) {
        // A link may lead anywhere (out of the repository, into a loop): name it instead of following it.
        links.push(full);
      }
    }
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = fs.stat(p);
    } catch (e) {
      missing.push({ path: p, code: codeOf(e) });
      continue;
    }
    if (st.isDirectory()) visit(p, true);
    else files.push(p); // Named explicitly: scanned (or reported as unrecognised), never silently skipped.
  }
  return { files, missing, unreadable, links };
}
