// The whole corpus, every format, in one process, the way the CLI scans a repository: walk, read, scan, keep the
// results (the CLI holds every report until it prints). Time includes reading from disk. Prints one JSON line.
//   node scripts/bench/corpus-scan.mjs --corpus DIR
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, maxRssMB, round, walk } from './util.mjs';

const argv = process.argv.slice(2);
const corpus = argv[argv.indexOf('--corpus') + 1];
const t0 = performance.now();
const engine = createRequire(import.meta.url)(join(ROOT, 'dist', 'engine.js'));
const cache = new Map();
const host = {
  readFile: (p) => {
    if (!cache.has(p)) { try { cache.set(p, readFileSync(p, 'utf8')); } catch { cache.set(p, undefined); } }
    return cache.get(p);
  },
};
const files = walk(corpus).filter((f) => engine.isScannable(f));
const results = [];
let bytes = 0;
let rssSamples = 0;
let rssMax = 0;
for (const file of files) {
  const text = host.readFile(file) ?? '';
  bytes += Buffer.byteLength(text);
  const r = engine.scanText(text, file, { host });
  // What a report keeps: findings and errors, not the analysed document.
  results.push({ file, format: r.format, findings: r.findings, errors: r.errors });
  if (++rssSamples % 200 === 0) rssMax = Math.max(rssMax, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - t0) / 1000;
const perFormat = {};
for (const r of results) {
  const k = r.format ?? 'not a template';
  perFormat[k] = (perFormat[k] ?? 0) + 1;
}
console.log(JSON.stringify({
  files: files.length,
  megabytes: round(bytes / 1e6, 1),
  perFormat,
  findings: results.reduce((n, r) => n + r.findings.length, 0),
  errors: results.reduce((n, r) => n + r.errors.length, 0),
  seconds: round(seconds, 2),
  peakRssMB: round(maxRssMB(), 0),
  peakHeapMB: round(rssMax / 1e6, 0),
}));
