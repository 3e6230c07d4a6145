// Shared helpers for the benchmark: statistics, timing, corpus walking and the format table.
import { readdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * What the bench knows about each format: where its corpus lives, which files are its own, and where its bare
 * parser is. A format whose parser module or export is missing is reported "not available"; a format the engine
 * has not registered yet (engine.FORMATS) gets a parse figure but no analysis figure.
 */
export const FORMAT_TABLE = [
  {
    format: 'arm',
    dir: 'arm',
    match: /\.jsonc?$/i,
    // The engine's own parse: jsonc-parser's parseTree with the options analyzeArm uses.
    parser: { module: 'jsonc-parser', exports: ['parseTree'], call: 'jsonc' },
  },
  {
    format: 'bicep',
    dir: 'bicep',
    match: /\.bicep(param)?$/i,
    parser: { module: 'src/engine/formats/bicep/index.ts', exports: ['parseBicep'], call: 'text' },
  },
  {
    format: 'terraform',
    dir: 'terraform',
    match: /\.tf(\.json)?$/i,
    parser: { module: 'src/engine/formats/terraform/index.ts', exports: ['parseHcl', 'parseTfJson'], call: 'hcl' },
  },
];

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function round(x, digits = 2) {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Wall time of `fn` in ms. */
export function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Median of `runs` timings of `fn` in ms, after one warm-up call. Cheap calls are repeated in a batch until the
 * batch takes at least `minBatchMs`, so timer resolution does not dominate small inputs.
 */
export function medianTime(fn, runs, minBatchMs = 20) {
  fn();
  let batch = 1;
  while (
    time(() => {
      for (let i = 0; i < batch; i++) fn();
    }) < minBatchMs &&
    batch < 1 << 16
  )
    batch *= 2;
  const samples = [];
  for (let r = 0; r < runs; r++)
    samples.push(
      time(() => {
        for (let i = 0; i < batch; i++) fn();
      }) / batch,
    );
  return median(samples);
}

export function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** The files of one format in the corpus, read once (the bench measures the engine, not the disk). */
export function loadFormatFiles(corpus, entry) {
  const dir = join(corpus, entry.dir);
  if (!existsSync(dir)) return [];
  return walk(dir)
    .filter((f) => entry.match.test(f))
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path, text, bytes: Buffer.byteLength(text) };
    });
}

/** A read-only host over preloaded texts, like the CLI's cached file-system host but without I/O. */
export function memoryHost(files) {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const dirs = new Map();
  for (const f of files) {
    const i = f.path.lastIndexOf('/');
    const d = f.path.slice(0, i);
    if (!dirs.has(d)) dirs.set(d, []);
    dirs.get(d).push(f.path.slice(i + 1));
  }
  return { readFile: (p) => byPath.get(p), listDirectory: (d) => dirs.get(d) };
}

export const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

/** Runs a bench script in a fresh Node process (own heap, own peak RSS) and returns the JSON it prints last. */
export function runChild(script, args, { execArgv = [], timeoutMs = 30 * 60_000 } = {}) {
  const r = spawnSync(process.execPath, [...execArgv, join(import.meta.dirname, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (r.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`);
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
