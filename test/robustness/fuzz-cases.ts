/**
 * The fuzzer's cases, shared by the test (fuzz.test.ts, which watches) and its worker (fuzz-worker.ts, which
 * scans): case `index` of a seed is the same text everywhere, so a failure is replayed from its number alone.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isScannable } from '../../src/engine';
import { ROOT } from '../helpers/fixtures';
import { caseSeed, mutate, Rng, truncateInsideBlock } from './mutations';

const FAILURES = join(ROOT, 'out', 'fuzz-failures');

export interface Settings {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly seeds: readonly string[];
}

export type Message =
  | { readonly kind: 'start'; readonly index: number; readonly budget: number; readonly label: string }
  | {
      readonly kind: 'fail';
      readonly index: number;
      readonly label: string;
      readonly problem: string;
      readonly saved: string;
    }
  | { readonly kind: 'finished'; readonly ran: number };

/** The templates shipped in the repository (test fixtures and samples), in a stable order. */
export function seedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (isScannable(full)) out.push(full);
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  walk(join(ROOT, 'samples'));
  return out.sort();
}

/** Case `index`: which file, which damage, and whether the result must carry an error. */
export function makeCase(
  settings: Settings,
  texts: readonly string[],
  index: number,
): { file: string; text: string; label: string; mustError: boolean } {
  const rng = new Rng(caseSeed(settings.seed, index));
  const which = rng.int(settings.seeds.length);
  const file = settings.seeds[which] as string;
  const original = texts[which] as string;
  if (rng.next() < 0.1) {
    const cut = truncateInsideBlock(original, rng);
    if (cut !== undefined)
      return { file, text: cut, label: `${basename(file)}: truncated inside a block`, mustError: true };
  }
  const { text, applied } = mutate(original, rng);
  return { file, text, label: `${basename(file)}: ${applied.join(' + ')}`, mustError: false };
}

/** Writes a failing input to out/fuzz-failures/ and returns its path. */
export function save(seed: number, index: number, file: string, text: string): string {
  mkdirSync(FAILURES, { recursive: true });
  const ext = /\.tf\.json$/i.test(file) ? '.tf.json' : (/\.[^.]+$/.exec(file)?.[0] ?? '');
  const path = join(FAILURES, `seed${seed}-case${index}${ext}`);
  writeFileSync(path, text);
  return path;
}
