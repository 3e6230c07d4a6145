/**
 * Edit → diagnostics latency on a 1,000-line ARM template, measured in the real extension host: the time from an
 * edit to the Problems update that reflects it, with the default debounce and with none (the work itself).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scanText } from '../../../src/engine';
import { closeAll, fileUri, open, ours, waitFor } from './util';

const ACCOUNTS = 40;

/** 40 storage accounts of 24 lines each, every one with TLS 1.0, and 30 variables: exactly 1,000 lines. */
function bigTemplate(): string {
  const resources = Array.from({ length: ACCOUNTS }, (_, i) =>
    [
      '    {',
      '      "type": "Microsoft.Storage/storageAccounts",',
      '      "apiVersion": "2023-05-01",',
      `      "name": "stperf${String(i).padStart(3, '0')}",`,
      '      "location": "westeurope",',
      '      "kind": "StorageV2",',
      '      "sku": {',
      '        "name": "Standard_LRS"',
      '      },',
      '      "tags": {',
      `        "index": "${i}",`,
      '        "purpose": "keystroke latency"',
      '      },',
      '      "properties": {',
      '        "minimumTlsVersion": "TLS1_0",',
      '        "supportsHttpsTrafficOnly": true,',
      '        "allowBlobPublicAccess": false,',
      '        "allowSharedKeyAccess": false,',
      '        "publicNetworkAccess": "Disabled",',
      '        "networkAcls": {',
      '          "defaultAction": "Deny"',
      '        }',
      '      }',
      `    }${i < ACCOUNTS - 1 ? ',' : ''}`,
    ].join('\n'),
  );
  const head = [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": {},',
    '  "variables": {',
    ...Array.from({ length: 30 }, (_, i) => `    "v${i}": "value ${i}"${i < 29 ? ',' : ''}`),
    '  },',
    '  "resources": [',
  ];
  const foot = ['  ],', '  "outputs": {}', '}', ''];
  return [...head, ...resources, ...foot].join('\n');
}

/** When the extension host saw each edit (ms after it was requested): the editor's round trip, not ours. */
const applied: number[] = [];
/** From the extension host seeing the edit to the diagnostics: the debounce plus the extension's own work. */
let afterHost: number[] = [];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Applies an edit and resolves with the milliseconds until the file's STG-TLS diagnostics number `expected`.
 * Polled every millisecond: `onDidChangeDiagnostics` is itself debounced (50 ms) and would hide the extension's time.
 */
async function timeEdit(
  editor: vscode.TextEditor,
  edit: (e: vscode.TextEditorEdit) => void,
  expected: number,
): Promise<number> {
  const uri = editor.document.uri;
  const start = performance.now();
  let changed = NaN;
  const sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.toString() === uri.toString() && Number.isNaN(changed)) changed = performance.now() - start;
  });
  assert.ok(await editor.edit(edit));
  for (;;) {
    if (ours(uri, 'STG-TLS').length === expected) {
      const total = performance.now() - start;
      sub.dispose();
      applied.push(changed);
      afterHost.push(total - changed);
      return total;
    }
    if (performance.now() - start > 10000) throw new Error(`no diagnostics update to ${expected} STG-TLS within 10 s`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('keystroke latency', function () {
  this.timeout(120000);
  const rel = 'perf/big.json';
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('rlens');

  before(async () => {
    await vscode.workspace.fs.writeFile(fileUri(rel), new TextEncoder().encode(bigTemplate()));
  });
  after(async () => {
    await config().update('diagnostics.debounce', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
    await vscode.workspace.fs.delete(fileUri(rel));
  });

  it('updates Problems for a 1,000-line ARM template within the debounce plus a few frames', async () => {
    const text = bigTemplate();
    assert.equal(text.split('\n').length - 1, 1000);
    const editor = await open(rel);
    await waitFor(`${ACCOUNTS} findings`, () => ours(editor.document.uri, 'STG-TLS').length === ACCOUNTS, 30000);

    // Each edit flips one account's TLS version, so every measured update changes the count by one.
    const flip = async (round: number): Promise<number> => {
      const doc = editor.document;
      const fixing = round % 2 === 0;
      const needle = `"minimumTlsVersion": "${fixing ? 'TLS1_0' : 'TLS1_2'}"`;
      const offset = doc.getText().indexOf(needle) + needle.length - 2;
      const range = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + 1));
      return timeEdit(editor, (e) => e.replace(range, fixing ? '2' : '0'), fixing ? ACCOUNTS - 1 : ACCOUNTS);
    };
    const measure = async (rounds: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < rounds; i++) out.push(await flip(i));
      return out;
    };

    const debounce = config().get<number>('diagnostics.debounce', 300);
    const setDebounce = async (ms: number | undefined): Promise<void> => {
      await config().update('diagnostics.debounce', ms, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the rescan after the setting changed',
        () => ours(editor.document.uri, 'STG-TLS').length === ACCOUNTS,
      );
    };
    // Without debounce first, after a few warm-up edits (the first scans of a file run cold code), then as shipped.
    await setDebounce(0);
    await measure(4);
    afterHost = [];
    const immediate = await measure(20);
    const immediateOwn = afterHost;
    await setDebounce(undefined);
    afterHost = [];
    const withDebounce = await measure(10);
    const debouncedOwn = afterHost;

    // The engine's share: the same text scanned in this process, with nothing around it.
    const engine: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      scanText(text, '/perf/big.json');
      engine.push(performance.now() - t);
    }

    const fmt = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
    console.log(`      edit → diagnostics, 1,000-line ARM template, ${ACCOUNTS} findings:`);
    console.log(
      `        debounce ${debounce} ms: ${fmt(withDebounce)} (n=${withDebounce.length}); from the edit reaching the extension host: ${fmt(debouncedOwn)}`,
    );
    console.log(
      `        debounce 0 ms:   ${fmt(immediate)} (n=${immediate.length}); from the edit reaching the extension host: ${fmt(immediateOwn)}`,
    );
    console.log(`        engine scan alone: ${fmt(engine)}`);
    console.log(`        edit reaching the extension host (workbench round trip): ${fmt(applied)}`);
    // Generous bounds: they catch a quadratic step or a re-read per keystroke, not a slow machine.
    assert.ok(median(immediate) < 500, `edit → diagnostics without debounce: ${fmt(immediate)}`);
    // With the debounce, the timer itself was seen firing 100-300 ms late on a loaded machine (load average ~10).
    assert.ok(
      median(withDebounce) < debounce + 1000,
      `edit → diagnostics with debounce ${debounce} ms: ${fmt(withDebounce)}`,
    );
  });
});
