/** The CLI on a 50 MB template (moved from test/cli/cli.test.ts: reading 50 MB is a matter of size, not logic). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rlens } from '../helpers/cli';

describe('rlens CLI', () => {
  it('survives a 50 MB template without hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-cli-'));
    const schema = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
    // A type no rule flags, so the output stays small: this is about reading 50 MB, not reporting it.
    const resource =
      '{ "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet", "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] }, "subnets": [] } }';
    writeFileSync(
      join(dir, 'big.json'),
      `{ ${schema}, "resources": [ ${Array.from({ length: 330_000 }, () => resource).join(',\n')} ] }`,
    );
    const out = JSON.parse(rlens(['scan', dir, '--format', 'json']).stdout) as {
      files: Array<{ file: string }>;
      errors: Array<{ file: string; message: string }>;
    };
    assert.ok(out.files.some((f) => f.file.endsWith('big.json')));
    assert.deepEqual(
      out.errors.map((e) => e.message),
      ['skipped: file is larger than 5 MB'],
    );
  });
});
