/**
 * Keeps the engine's reads inside the scanned folders. A template names its modules and parameter files itself,
 * so a hostile repository could otherwise have the scan read `/etc/passwd` (or `/dev/zero`) and tell, through a
 * note, whether a path exists. A path outside is refused before anything outside is touched: symbolic links are
 * followed one at a time and a link that leads out is refused without looking at its target.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

/** Links followed before giving up, as the system's own limit (ELOOP) does. */
const MAX_LINKS = 40;

interface Root {
  /** As given, absolute. */
  readonly lexical: string;
  /** With its own links resolved. */
  readonly real: string;
}

function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export class Confinement {
  private readonly roots: Root[];

  /** `paths` as named on the command line: a folder allows what is under it, a file its own folder. */
  constructor(paths: readonly string[]) {
    this.roots = paths.map((p) => {
      const abs = resolve(p);
      let folder = abs;
      try {
        if (!statSync(abs).isDirectory()) folder = dirname(abs);
      } catch {
        folder = dirname(abs);
      }
      let real = folder;
      try {
        real = realpathSync(folder);
      } catch {
        // A root that cannot be resolved allows only its lexical form.
      }
      return { lexical: folder, real };
    });
  }

  /** The root holding `path` and the real folder its lexical prefix stands for. */
  private rootOf(path: string): { prefix: string; real: string } | undefined {
    for (const r of this.roots) {
      if (isWithin(path, r.real)) return { prefix: r.real, real: r.real };
      if (isWithin(path, r.lexical)) return { prefix: r.lexical, real: r.real };
    }
    return undefined;
  }

  /**
   * The path to read for `path`, links resolved, when it stays inside a root; undefined when it leaves them.
   * A path that does not exist inside a root comes back as it is (reading it then fails as missing).
   */
  resolve(path: string): string | undefined {
    let target = resolve(path);
    for (let links = 0; links <= MAX_LINKS; links++) {
      const root = this.rootOf(target);
      if (!root) return undefined;
      const parts = relative(root.prefix, target)
        .split(sep)
        .filter((p) => p !== '');
      let current = root.real;
      let followed = false;
      for (let i = 0; i < parts.length; i++) {
        const next = resolve(current, parts[i] as string);
        let isLink: boolean;
        try {
          isLink = lstatSync(next).isSymbolicLink();
        } catch {
          return resolve(next, ...parts.slice(i + 1));
        }
        if (isLink) {
          target = resolve(current, readlinkSync(next), ...parts.slice(i + 1));
          followed = true;
          break;
        }
        current = next;
      }
      if (!followed) return current;
    }
    return undefined;
  }
}
