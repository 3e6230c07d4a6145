/**
 * ARM templates keep their findings while one line is half typed: the four edits `npm run bench` measures on the
 * corpus (edit-tolerance), applied at fixed places of the sample, must leave every finding outside the edited
 * resource as it was and add none.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, scanText, type Finding } from '../../src/engine';
import { ROOT } from '../helpers/fixtures';

const FILE = join(ROOT, 'samples', 'arm', 'azuredeploy.json');
const original = readFileSync(FILE, 'utf8');
const lines = original.split('\n');

/** The sample with line `n` (1-based) replaced by `replacement` (several lines when it holds '\n'). */
function withLine(n: number, replacement: string): string {
  return [...lines.slice(0, n - 1), replacement, ...lines.slice(n)].join('\n');
}

const lineOf = (text: string, f: Finding): number => new LineIndex(text).positionAt(f.span.start).line + 1;

/** Findings outside lines [from, to] of the original, as `rule line message`; lines below the edit shifted back by `grown`. */
function outside(text: string, from: number, to: number, grown: number): string[] {
  return scanText(text, FILE, {})
    .findings.map((f) => ({ f, line: lineOf(text, f) }))
    .map(({ f, line }) => ({ f, line: line > to + grown ? line - grown : line }))
    .filter(({ line }) => line < from || line > to)
    .map(({ f, line }) => `${f.ruleId} ${line} ${f.message}`)
    .sort();
}

describe('ARM templates with a half-typed line', () => {
  // The Key Vault resource spans lines 27-38; its properties are lines 33-36.
  const vault = { from: 27, to: 38 };
  const expected = outside(original, vault.from, vault.to, 0);

  it('the sample has findings in other resources to keep', () => {
    assert.ok(lines[34]?.includes('"enableSoftDelete": false'), 'line 35 of the sample moved: update this test');
    assert.ok(expected.length >= 10, `only ${expected.length} findings outside the vault`);
  });

  const edits: { name: string; text: string; grown: number }[] = [
    { name: 'a key cut to two characters', text: withLine(35, '        "en'), grown: 0 },
    { name: 'a value deleted', text: withLine(35, '        "enableSoftDelete": '), grown: 0 },
    {
      name: 'a closing quote removed',
      text: withLine(33, '        "tenantId": "[subscription().tenantId],'),
      grown: 0,
    },
    { name: 'a { never closed', text: withLine(35, `        "x": {\n${lines[34] ?? ''}`), grown: 1 },
  ];
  for (const edit of edits) {
    it(`keeps every finding outside the edited resource after ${edit.name}, and adds none`, () => {
      const result = scanText(edit.text, FILE, {});
      assert.ok(result.errors.length > 0, 'the edit must leave invalid JSON, reported as an error');
      assert.deepEqual(outside(edit.text, vault.from, vault.to + edit.grown, edit.grown), expected);
    });
  }

  it('reports the errors of the text as written (not of the repaired text)', () => {
    const errors = scanText(withLine(35, '        "en'), FILE, {}).errors;
    const first = errors[0];
    assert.ok(first?.span, 'the error has a place');
    assert.equal(new LineIndex(withLine(35, '        "en')).positionAt(first.span.start).line + 1, 35);
  });
});

describe('readable parse errors', () => {
  const SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
  const errorsOf = (text: string, file = 'main.json'): { message: string; line: number; column: number }[] =>
    scanText(text, file, {}).errors.map((e) => {
      const at = new LineIndex(text).positionAt(e.span?.start ?? 0);
      return { message: e.message, line: at.line + 1, column: at.character + 1 };
    });

  it('says which separator a property or an array element lacks, with its line and column', () => {
    const object = `{\n  ${SCHEMA},\n  "contentVersion": "1.0.0.0"\n  "resources": []\n}`;
    assert.deepEqual(errorsOf(object), [
      { message: "invalid JSON: expected ',' or '}' after a property", line: 4, column: 3 },
    ]);
    const array = `{\n  ${SCHEMA},\n  "resources": [\n    { "type": "a" }\n    { "type": "b" }\n  ]\n}`;
    assert.deepEqual(errorsOf(array), [
      { message: "invalid JSON: expected ',' or ']' after a value", line: 5, column: 5 },
    ]);
  });

  it('names an unclosed object, never a parser code', () => {
    const errors = errorsOf(`{\n  ${SCHEMA},\n  "resources": [\n`);
    assert.ok(errors.length > 0);
    for (const e of errors) assert.doesNotMatch(e.message, /[A-Z][a-z]+[A-Z]\w*Expected|Expected$/);
    assert.ok(
      errors.some((e) => e.message === "invalid JSON: expected ']' to close the array"),
      JSON.stringify(errors),
    );
  });

  it('Bicep says an object is not closed as an object', () => {
    const text =
      "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'x'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n";
    const messages = scanText(text, 'main.bicep', {}).errors.map((e) => e.message);
    assert.ok(
      messages.some((m) => m.includes("Expected '}' to close the object.")),
      messages.join('\n'),
    );
    assert.ok(!messages.some((m) => m.includes('close the list')), messages.join('\n'));
  });
});
