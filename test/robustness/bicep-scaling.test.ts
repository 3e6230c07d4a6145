/**
 * Linear time: a file 16 times larger costs at most 32 times as much (best of several runs each). The bound tells
 * linear from quadratic (256 times); a tighter one failed on a loaded machine, where the larger file's garbage
 * collection alone moved the ratio past 20.
 */
import assert from 'node:assert/strict';
import { parseBicep } from '../../src/engine/formats/bicep';

const MAX_RATIO = 32;

/** A storage account with `extra` generated properties plus a loop, a module and interpolated strings. */
function block(i: number, extra: number): string {
  const props = Array.from({ length: extra }, (_, k) => `    p${k}: '${'v'}${k}-\${suffix}'`).join('\n');
  return [
    `@description('account ${i}')`,
    `resource sa${i} 'Microsoft.Storage/storageAccounts@2023-05-01' = {`,
    `  name: 'st\${uniqueString(resourceGroup().id)}${i}'`,
    '  location: location',
    "  sku: { name: 'Standard_LRS' }",
    '  properties: {',
    "    minimumTlsVersion: 'TLS1_2'",
    '    networkAcls: {',
    "      ipRules: [for ip in ips: { value: ip, action: 'Allow' }]",
    '    }',
    props,
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Mean time per parse over enough runs to parse about 8 MB in all: garbage collection is part of the cost,
 * and a mean over the same volume charges it alike to both sizes (a best-of-N on a small file would measure
 * a run that never collected).
 */
function meanTime(text: string): number {
  const runs = Math.max(3, Math.round(8e6 / text.length));
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) parseBicep(text);
  return (performance.now() - t0) / runs;
}

describe('Bicep parser: scaling', () => {
  for (const [what, make] of [
    ['many resources', (n: number) => Array.from({ length: n }, (_, i) => block(i, 10)).join('')],
    // The issue's own yardstick: tree-sitter-bicep needs ~0.7 s for an object of 2,000 properties.
    ['one object with many properties', (n: number) => block(0, n)],
  ] as const) {
    it(`is linear for ${what}`, function () {
      this.timeout(60_000);
      const small = make(125);
      const large = make(125 * 16);
      assert.equal(parseBicep(large).diagnostics.length, 0);
      meanTime(small); // warm up the JIT first
      // The machine may be shared: the best of three measurements is the parser's, the others the neighbours'.
      let ratio = Infinity;
      for (let attempt = 0; attempt < 3 && ratio > MAX_RATIO; attempt++)
        ratio = Math.min(ratio, meanTime(large) / meanTime(small));
      console.log(
        `      ${what}: ${(large.length / 1e6).toFixed(2)} MB, 16x the text costs ${ratio.toFixed(1)}x the time`,
      );
      assert.ok(ratio <= MAX_RATIO, `16x larger took ${ratio.toFixed(1)}x longer`);
    });
  }
});
