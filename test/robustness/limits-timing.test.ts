/** The input limits' speed: a file over the size limit is refused before it is parsed, so at once. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, scanText } from '../../src/engine';
import { ROOT } from '../helpers/fixtures';
import { cpuMs } from './cpu-time';

describe('robustness: input limits, timed', () => {
  it('skips a template larger than the limit in under 200 ms of CPU: the size check does not parse the file', () => {
    const template = readFileSync(join(ROOT, 'samples', 'arm', 'azuredeploy.json'), 'utf8');
    const end = template.lastIndexOf('}');
    const text = `${template.slice(0, end).trimEnd()},\n  "padding": "${'x'.repeat(DEFAULT_MAX_FILE_BYTES + 10)}"\n}\n`;
    const t0 = cpuMs();
    const r = scanText(text, '/w/big.json');
    const ms = cpuMs() - t0;
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['skipped: file is larger than 5 MB'],
    );
    assert.ok(ms < 200, `${ms.toFixed(0)} ms of CPU: the size check must not parse the file`);
  });
});
