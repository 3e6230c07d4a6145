/** An in-memory FileHost for Terraform tests: a module is a folder, so tests lay out small folders of files. */
import type { FileHost } from '../../src/engine';

export function memoryHost(files: Readonly<Record<string, string>>): FileHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (p) => {
      reads.push(p);
      return files[p];
    },
    listDirectory: (dir) => {
      const prefix = `${dir.replace(/\/$/, '')}/`;
      const names = Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length));
      return names.length > 0 ? names : undefined;
    },
  };
}
