/** Shared helpers for fixture-driven tests: markers, a file-system host, and applying fixes until done. */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixAll as engineFixAll, scanText, type FileHost, type Finding, type ScanOptions } from '../../src/engine';

/** The repository root, found from the bundled test's location (out/test/...). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const ROOT = repoRoot();
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const RULE_FIXTURES = join(FIXTURES, 'rules');

/** The format whose handler reads each dialect. */
export const DIALECT_FORMAT: Readonly<Record<string, string>> = {
  arm: 'arm',
  bicep: 'bicep',
  azurerm: 'terraform',
  azapi: 'terraform',
};

/** File extension of each dialect's fixtures. */
export const DIALECT_EXT: Readonly<Record<string, string>> = {
  arm: 'json',
  bicep: 'bicep',
  azurerm: 'tf',
  azapi: 'tf',
};

export const fsHost: FileHost = {
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

/** `expect: A, B` markers in line or block comments, as a sorted list of "LINE:RULE" (0-based lines). */
export function markers(text: string, ruleId?: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = /(?:\/\/|#|\/\*)\s*expect:\s*([A-Z0-9, -]+)/.exec(line);
    if (!m?.[1]) return;
    for (const id of m[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!ruleId || id === ruleId) out.push(`${i}:${id}`);
    }
  });
  return out.sort();
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

export function scanFile(
  file: string,
  options: ScanOptions = {},
): { text: string; findings: Finding[]; errors: string[] } {
  const text = readFileSync(file, 'utf8');
  const r = scanText(text, file, { host: fsHost, today: '2026-11-22', ...options });
  return { text, findings: [...r.findings], errors: r.errors.map((e) => e.message) };
}

/** Applies every fix of `ruleId` (safe or not; edits to this file only) with the engine's fix-all. */
export function fixAll(file: string, text: string, ruleId: string, options: ScanOptions = {}): string {
  return engineFixAll(text, file, { host: fsHost, today: '2026-11-22', ...options, level: 'all', ruleIds: [ruleId] })
    .text;
}

export function listDirs(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => statSync(join(dir, d)).isDirectory())
        .sort()
    : [];
}

export { dirname, join, existsSync, readFileSync };
