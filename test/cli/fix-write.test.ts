/** `rlens scan --fix` writes: atomically, keeping every byte it does not fix, one error entry per file it cannot fix. */
import assert from 'node:assert/strict';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rlens } from '../helpers/cli';
import { unifiedDiff } from '../../src/cli/unified-diff';

// An absent minimum TLS version on an old API version: one safe fix, an insertion.
const TEMPLATE = (eol: string): string =>
  [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "resources": [',
    '    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2021-02-01", "name": "st", "location": "westeurope",',
    '      "properties": { "supportsHttpsTrafficOnly": false } }',
    '  ]',
    '}',
    '',
  ].join(eol);

interface Out {
  errors: Array<{ file: string; message: string }>;
  findings: Array<{ ruleId: string }>;
}

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'rlens-fixw-'));
}

describe('rlens scan --fix: writing', () => {
  it('keeps mode, BOM and CRLF line endings, and the bytes it does not fix', () => {
    const d = dir();
    const file = join(d, 'main.json');
    const original = `\uFEFF${TEMPLATE('\r\n')}`;
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    const r = rlens(['scan', file, '--fix', '--format', 'json', '--fail-on', 'never']);
    assert.deepEqual((JSON.parse(r.stdout) as Out).errors, []);
    const after = readFileSync(file, 'utf8');
    assert.notEqual(after, original);
    assert.ok(after.startsWith('\uFEFF{\r\n'), 'BOM and CRLF kept');
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF added');
    assert.ok(after.includes('"supportsHttpsTrafficOnly": true'));
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  it('refuses a file that is not valid UTF-8 (an error entry), leaving its bytes alone', () => {
    const d = dir();
    const file = join(d, 'main.json');
    // A Latin-1 comment the fix never touches: decoding and writing back would replace it.
    const bytes = Buffer.concat([
      Buffer.from(TEMPLATE('\n').replace('{\n', '{\n  // caf')),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(file, bytes);
    const r = rlens(['scan', file, '--fix', '--format', 'json', '--fail-on', 'never']);
    const out = JSON.parse(r.stdout) as Out;
    assert.ok(
      out.errors.some((e) => /not fixed: the file is not valid UTF-8/.test(e.message)),
      JSON.stringify(out.errors),
    );
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('a read-only file is an error entry and the scan goes on to fix the next file', () => {
    const d = dir();
    const locked = join(d, 'a.json');
    const open = join(d, 'b.json');
    writeFileSync(locked, TEMPLATE('\n'));
    writeFileSync(open, TEMPLATE('\n'));
    chmodSync(locked, 0o444);
    const r = rlens(['scan', d, '--fix', '--format', 'json', '--fail-on', 'never']);
    const out = JSON.parse(r.stdout) as Out;
    assert.ok(
      out.errors.some((e) => e.file.endsWith('a.json') && /read-only/.test(e.message)),
      JSON.stringify(out.errors),
    );
    assert.equal(readFileSync(locked, 'utf8'), TEMPLATE('\n'));
    assert.ok(readFileSync(open, 'utf8').includes('"supportsHttpsTrafficOnly": true'));
  });

  it('a symbolic link is fixed through to its target under the scanned folder, and not when it points outside', () => {
    const d = dir();
    mkdirSync(join(d, 'scan'));
    writeFileSync(join(d, 'scan', 'real.json'), TEMPLATE('\n'));
    symlinkSync(join(d, 'scan', 'real.json'), join(d, 'scan', 'inside.json'));
    writeFileSync(join(d, 'outside.json'), TEMPLATE('\n'));
    symlinkSync(join(d, 'outside.json'), join(d, 'scan', 'escape.json'));
    const inside = rlens([
      'scan',
      join(d, 'scan', 'inside.json'),
      join(d, 'scan'),
      '--fix',
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    assert.ok(lstatSync(join(d, 'scan', 'inside.json')).isSymbolicLink(), 'the link stays a link');
    assert.equal(readlinkSync(join(d, 'scan', 'inside.json')), join(d, 'scan', 'real.json'));
    assert.ok(
      readFileSync(join(d, 'scan', 'real.json'), 'utf8').includes('"supportsHttpsTrafficOnly": true'),
      inside.stderr,
    );
    const escape = rlens(['scan', join(d, 'scan', 'escape.json'), '--fix', '--format', 'json', '--fail-on', 'never']);
    const out = JSON.parse(escape.stdout) as Out;
    assert.ok(
      out.errors.some((e) => /symbolic link to a file outside the scanned folders/.test(e.message)),
      JSON.stringify(out.errors),
    );
    assert.equal(readFileSync(join(d, 'outside.json'), 'utf8'), TEMPLATE('\n'));
  });

  it('--dry-run prints a unified diff and changes nothing', () => {
    const d = dir();
    const file = join(d, 'main.json');
    writeFileSync(file, TEMPLATE('\n'));
    const r = rlens(['scan', file, '--fix', '--dry-run']);
    assert.equal(readFileSync(file, 'utf8'), TEMPLATE('\n'));
    assert.match(r.stdout, /^--- a\/.*main\.json\n\+\+\+ b\/.*main\.json\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    assert.match(r.stdout, /\n-.*"supportsHttpsTrafficOnly": false/);
    assert.match(r.stdout, /\n\+.*"supportsHttpsTrafficOnly": true/);
    assert.match(r.stderr, /would fix .*main\.json/);
    assert.equal(rlens(['scan', file, '--dry-run']).status, 2, '--dry-run alone is a usage error');
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with context and counts that patch(1) accepts', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const b = 'a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n';
    assert.equal(
      unifiedDiff('x', a, b),
      '--- a/x\n+++ b/x\n@@ -1,10 +1,11 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n j\n+k\n',
    );
    assert.equal(
      unifiedDiff('x', 'a\nb', 'a\nc'),
      '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    assert.equal(unifiedDiff('x', a, a), '');
  });
});
