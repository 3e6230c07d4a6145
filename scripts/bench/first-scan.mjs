// The first scan in a fresh process: loading the engine, loading the rule catalog (YAML, validated) and a cold
// JIT. This is what a user waits for between opening the first template and its first diagnostics.
// Prints one JSON line.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, round } from './util.mjs';

const sample = join(ROOT, 'samples', 'arm', 'azuredeploy.json');
const text = readFileSync(sample, 'utf8');
const t0 = performance.now();
const engine = createRequire(import.meta.url)(join(ROOT, 'dist', 'engine.js'));
const t1 = performance.now();
engine.allRules();
const t2 = performance.now();
engine.scanText(text, sample, {});
const t3 = performance.now();
engine.scanText(text, sample, {});
const t4 = performance.now();
console.log(
  JSON.stringify({
    requireMs: round(t1 - t0, 1),
    catalogMs: round(t2 - t1, 1),
    firstScanMs: round(t3 - t2, 1),
    secondScanMs: round(t4 - t3, 2),
    rules: engine.allRules().length,
  }),
);
