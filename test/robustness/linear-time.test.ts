/**
 * Robustness suite (`npm run test:robustness`; timing ratios never run in `npm test`).
 *
 * Issue 19 items 5 and 6: work on hostile text grows linearly. Each case is scanned at 1× and 8× its size; 8 times
 * the input may cost at most MAX_RATIO times the time (linear is 8, quadratic 64). Best of three attempts, since
 * the machine may be shared.
 *
 * Regular expressions applied to input text in src/ (audited with `grep -rn "\.test(\|\.exec(\|\.match(\|
 * \.replace(\|\.split(/\|\.search(" src`): the ones that backtracked are gone (trailing-run trims in
 * companions, monitoring-coverage, residency, vm-backup and Terraform strip markers → core/trim.ts; the azurerm
 * version constraint; Bicep/ARM `format()`; app-key-settings' `type 'name'`; exclude globs → cli/glob.ts), each
 * with a case below. The rest are anchored or match runs that cannot overlap (each start position fails in
 * constant time or consumes its run): suppression comments, schema sniffing, secret and credential patterns,
 * network ranges, rule ids, path helpers.
 */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';
import { compileGlob } from '../../src/cli/glob';
import { memoryHost } from '../terraform/memory-host';
import * as hostile from './hostile-inputs';

const MAX_RATIO = 24;

/** Mean milliseconds of `run` over enough repetitions to take about 150 ms. */
function meanMs(run: () => void): number {
  const t0 = performance.now();
  run();
  const once = performance.now() - t0;
  const reps = Math.max(1, Math.min(50, Math.round(150 / Math.max(once, 0.01))));
  const t1 = performance.now();
  for (let i = 0; i < reps; i++) run();
  return (performance.now() - t1) / reps;
}

function scanOf(c: hostile.HostileCase): () => void {
  const files = Object.fromEntries(Object.entries(c.files).map(([k, v]) => [`/w/${k}`, v]));
  const entry = `/w/${c.entry}`;
  const host = memoryHost(files);
  return () => void scanText(files[entry] ?? '', entry, { host });
}

function assertLinear(what: string, make: (n: number) => () => void, n: number): void {
  const small = make(n);
  const large = make(8 * n);
  small(); // warm up the JIT
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > MAX_RATIO; attempt++)
    ratio = Math.min(ratio, meanMs(large) / meanMs(small));
  console.log(`      ${what}: 8x the input costs ${ratio.toFixed(1)}x the time`);
  assert.ok(ratio <= MAX_RATIO, `${what}: 8x the input took ${ratio.toFixed(1)}x longer`);
}

const cases: Array<[string, (n: number) => () => void, number]> = [
  ['Terraform version constraint of tabs', (n) => scanOf(hostile.terraformVersionTabs(n)), 4000],
  ['Terraform strip marker after spaces', (n) => scanOf(hostile.terraformStripMarker(n)), 4000],
  ['Bicep format() with unclosed placeholders', (n) => scanOf(hostile.bicepFormatBraces(n)), 1000],
  ['ARM scopes of slashes', (n) => scanOf(hostile.armScopeSlashes(n)), 4000],
  ['Bicep file of commas', (n) => scanOf(hostile.bicepCommas(n)), 40_000],
  [
    'Bicep call of commas',
    (n) => scanOf({ files: { 'c.bicep': `var x = f(${','.repeat(n)})\n` }, entry: 'c.bicep' }),
    20_000,
  ],
  ['Bicep lines of commas', (n) => scanOf({ files: { 'c.bicep': ',\n'.repeat(n) }, entry: 'c.bicep' }), 10_000],
  ['minified ARM template (fix positions)', (n) => scanOf(hostile.armMinified(n)), 60],
  [
    'HCL index chain',
    (n) => scanOf({ files: { 'h.tf': `locals {\n  v = local.w${'[0]'.repeat(n)}\n}\n` }, entry: 'h.tf' }),
    500,
  ],
  [
    'exclude globs against a deep path',
    (n) => {
      const { globs, path } = hostile.excludeGlobs(n);
      const matchers = globs.map(compileGlob);
      return () => void matchers.map((m) => m.test(path));
    },
    200,
  ],
];

describe('robustness: linear time on hostile text (issue 19 items 5 and 6)', function () {
  this.timeout(120_000);
  for (const [what, make, n] of cases) it(what, () => assertLinear(what, make, n));
});
