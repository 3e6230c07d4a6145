/**
 * POSIX-style path helpers for the engine, which runs in browsers too and so cannot import `node:path`.
 * Backslashes are accepted on input and kept as separators only where the caller gave them.
 */

export function dirname(p: string): string {
  const norm = p.replace(/\\/g, '/');
  const i = norm.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function basename(p: string): string {
  const norm = p.replace(/\\/g, '/');
  return norm.slice(norm.lastIndexOf('/') + 1);
}

/** Joins and normalises `.`/`..` segments (no file system access). */
export function joinPath(base: string, relative: string): string {
  const rel = relative.replace(/\\/g, '/');
  if (rel.startsWith('/') || /^[a-zA-Z]:\//.test(rel)) return normalise(rel);
  return normalise(`${base.replace(/\\/g, '/')}/${rel}`);
}

export function normalise(p: string): string {
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (seg === '..' && absolute) continue;
    else parts.push(seg);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
