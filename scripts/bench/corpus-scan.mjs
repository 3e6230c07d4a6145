// The whole corpus, every format, in one process, the way the CLI scans a repository: walk, read through the CLI's
// own file host (a bounded text cache that also lists directories, so Terraform modules read their sibling
// files), scan, keep the results (the CLI holds every report until it prints). Time includes reading from disk.
// Prints one JSON line.
//   node scripts/bench/corpus-scan.mjs --corpus DIR
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, maxRssMB, round, walk } from './util.mjs';

const argv = process.argv.slice(2);
const corpus = argv[argv.indexOf('--corpus') + 1];
const require = createRequire(import.meta.url);
const hostBundle = join(ROOT, 'out', 'bench', 'fs-host.js');
await build({
  entryPoints: [join(ROOT, 'src', 'cli', 'fs-host.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  outfile: hostBundle,
  logLevel: 'silent',
});
const { createFsHost } = require(hostBundle);
const t0 = performance.now();
const engine = require(join(ROOT, 'dist', 'engine.js'));
const host = createFsHost();
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
console.log(
  JSON.stringify({
    files: files.length,
    megabytes: round(bytes / 1e6, 1),
    perFormat,
    findings: results.reduce((n, r) => n + r.findings.length, 0),
    errors: results.reduce((n, r) => n + r.errors.length, 0),
    seconds: round(seconds, 2),
    peakRssMB: round(maxRssMB(), 0),
    peakHeapMB: round(rssMax / 1e6, 0),
  }),
);
