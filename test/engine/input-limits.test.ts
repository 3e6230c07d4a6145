/**
 * Input limits at the engine's front door: oversized and binary files are skipped with an error entry (how quickly
 * is checked by `npm run test:robustness`, test/robustness/limits-timing.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, scanText } from '../../src/engine';
import { ROOT } from '../helpers/fixtures';

const SAMPLE = join(ROOT, 'samples', 'arm', 'azuredeploy.json');
const template = readFileSync(SAMPLE, 'utf8');

/** The sample grown past `bytes` by a long string at the end (the head, where the schema is, stays as it was). */
function grown(bytes: number, fill = 'x'): string {
  const end = template.lastIndexOf('}');
  return `${template.slice(0, end).trimEnd()},\n  "padding": "${fill.repeat(Math.ceil(bytes / fill.length))}"\n}\n`;
}

describe('robustness: input limits', () => {
  it('defaults to 5 MB', () => {
    assert.equal(DEFAULT_MAX_FILE_BYTES, 5 * 1024 * 1024);
  });

  it('skips a template larger than the limit with an error entry, without parsing it', () => {
    const text = grown(DEFAULT_MAX_FILE_BYTES + 10);
    const r = scanText(text, '/w/big.json');
    assert.deepEqual(r.errors, [{ file: '/w/big.json', message: 'skipped: file is larger than 5 MB' }]);
    assert.equal(r.format, 'arm');
    assert.deepEqual(r.findings, []);
    assert.equal(r.document, undefined);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 600 KB of characters, 1.2 MB of UTF-8 ('é' is two bytes).
    const text = grown(600 * 1024, 'é');
    assert.deepEqual(
      scanText(text, '/w/t.json', { maxFileBytes: 1024 * 1024 }).errors.map((e) => e.message),
      ['skipped: file is larger than 1 MB'],
    );
    assert.deepEqual(scanText(text, '/w/t.json', { maxFileBytes: 2 * 1024 * 1024 }).errors, []);
  });

  it('honours maxFileBytes both ways', () => {
    const text = grown(20 * 1024);
    assert.deepEqual(
      scanText(text, '/w/t.json', { maxFileBytes: 10 * 1024 }).errors.map((e) => e.message),
      ['skipped: file is larger than 10 KB'],
    );
    assert.deepEqual(
      scanText(grown(DEFAULT_MAX_FILE_BYTES + 10), '/w/t.json', { maxFileBytes: 8 * 1024 * 1024 }).errors,
      [],
    );
  });

  it('stays quiet about a large JSON file that is not a template', () => {
    const r = scanText(`{ "data": "${'x'.repeat(DEFAULT_MAX_FILE_BYTES)}" }`, '/w/data.json');
    assert.deepEqual(r.errors, []);
    assert.equal(r.format, undefined);
  });

  it('skips a binary file (NUL in the first 8 KB) with an error entry', () => {
    const r = scanText(template.replace('"resources"', '"resources\u0000"'), '/w/bin.json');
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['skipped: binary file (NUL bytes near the start; UTF-16 text is not supported)'],
    );
    assert.deepEqual(r.findings, []);
  });

  it('does not call a file binary for a NUL after the first 8 KB', () => {
    const r = scanText(`${grown(10 * 1024)}\u0000`, '/w/late.json');
    assert.ok(r.document, 'the template is analysed');
    assert.ok(r.errors.every((e) => !e.message.startsWith('skipped')));
  });
});
