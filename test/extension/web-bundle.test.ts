/**
 * The browser build (`dist/web/extension.js`, the package.json `browser` entry used by vscode.dev) runs in a
 * context with no Node: no `require` but the host's `vscode`, no `process`, no `Buffer`, no file system. Loaded that
 * way with a stub `vscode`, it must activate and publish the same diagnostics as the Node build for an ARM template.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { ROOT } from '../helpers/fixtures';
import { createVscodeStub } from './vscode-stub';

const BUNDLE = join(ROOT, 'dist/web/extension.js');

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stweb",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": { "minimumTlsVersion": "TLS1_0", "allowBlobPublicAccess": false }
    }
  ]
}
`;

interface WebExtension {
  activate(context: unknown): void;
}

/** Evaluates the bundle as a web worker extension host would: CommonJS wrapper, browser globals only. */
function loadInBrowserContext(stub: ReturnType<typeof createVscodeStub>): {
  extension: WebExtension;
  required: string[];
} {
  const required: string[] = [];
  const module = { exports: {} as Record<string, unknown> };
  const sandbox: Record<string, unknown> = {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'vscode') return stub.vscode;
      throw new Error(`the web bundle asked for '${name}', which a browser does not have`);
    },
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextDecoder,
    TextEncoder,
    URL,
    URLSearchParams,
    performance,
    crypto: globalThis.crypto,
  };
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  return { extension: module.exports as unknown as WebExtension, required };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('web bundle (dist/web/extension.js)', function () {
  this.timeout(20000);

  it('names no Node built-in: its only import is vscode', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    const imports = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    assert.deepEqual([...imports], ['vscode']);
    assert.doesNotMatch(code, /["']node:[a-z_]+["']/, 'no node: specifiers');
  });

  it('activates without Node and publishes diagnostics, hovers and updates for an open ARM template', async () => {
    const stub = createVscodeStub();
    const { extension, required } = loadInBrowserContext(stub);
    assert.equal(typeof extension.activate, 'function');
    // vscode.dev: the file lives on a virtual file system and is open before the extension activates.
    const doc = stub.open('memfs:/workspace/azuredeploy.json', 'json', TEMPLATE);
    const subscriptions: { dispose(): unknown }[] = [];
    extension.activate({
      subscriptions,
      extensionUri: stub.vscode.Uri.parse('memfs:/extension'),
      extension: { packageJSON: { version: '0.0.0-test' } },
    });
    assert.deepEqual([...new Set(required)], ['vscode']);
    for (const id of [
      'rlens.showResponsibilityView',
      'rlens.scanWorkspace',
      'rlens.explainFinding',
      'rlens.exportSarif',
      'rlens.toggleUnknownValues',
    ]) {
      assert.ok(stub.commands.has(id), `${id} registered`);
    }

    const findings = stub.collections.find((c) => c.name === 'rlens');
    assert.ok(findings, 'a diagnostic collection');
    const tls = await until('STG-TLS on the open buffer', () =>
      findings.get(doc.uri)?.find((d) => typeof d.code === 'object' && d.code.value === 'STG-TLS'),
    );
    assert.equal(tls.source, 'Responsibility Lens');
    assert.equal(tls.range.start.line, 11);
    assert.equal(doc.getText().split('\n')[11]?.slice(tls.range.start.character, tls.range.end.character), '"TLS1_0"');
    assert.match(String(typeof tls.code === 'object' ? tls.code.target : ''), /STG-TLS\.md$/);

    const hover = stub.hovers[0]?.provideHover(doc, tls.range.start.translate(0, 1));
    assert.match(hover?.contents[0]?.value ?? '', /\*\*STG-TLS\*\*[\s\S]*Configurations and settings/);

    // An unsaved edit is analysed (after the debounce); closing the buffer clears its diagnostics.
    stub.edit(doc, TEMPLATE.replace('TLS1_0', 'TLS1_2'));
    await until(
      'STG-TLS gone after the edit',
      () => !findings.get(doc.uri)?.some((d) => typeof d.code === 'object' && d.code.value === 'STG-TLS'),
    );
    stub.close(doc);
    await until('diagnostics cleared on close', () => findings.get(doc.uri) === undefined);
    for (const s of subscriptions) s.dispose();
  });

  it('offers fix-all in the lightbulb without computing it, and computes the engine fix-all when it is chosen', () => {
    const stub = createVscodeStub();
    const { extension } = loadInBrowserContext(stub);
    const doc = stub.open('memfs:/workspace/azuredeploy.json', 'json', TEMPLATE);
    const subscriptions: { dispose(): unknown }[] = [];
    extension.activate({
      subscriptions,
      extensionUri: stub.vscode.Uri.parse('memfs:/extension'),
      extension: { packageJSON: { version: '0.0.0-test' } },
    });
    interface Edit {
      range: { start: unknown; end: unknown };
      newText: string;
    }
    interface Action {
      title: string;
      kind?: { value: string };
      edit?: { edits: Edit[] };
    }
    // The fix-all edit is one replacement of the changed middle of the buffer.
    const applied = (a: Action | undefined): string => {
      const e = a?.edit?.edits[0];
      if (!e) return doc.getText();
      const text = doc.getText();
      type P = Parameters<typeof doc.offsetAt>[0];
      return text.slice(0, doc.offsetAt(e.range.start as P)) + e.newText + text.slice(doc.offsetAt(e.range.end as P));
    };
    const provider = stub.codeActions[0] as {
      provideCodeActions(d: unknown, r: unknown, c: unknown): Action[];
      resolveCodeAction(a: Action): Action;
    };
    const range = new stub.vscode.Range(0, 0, 0, 0);
    const all = provider
      .provideCodeActions(doc, range, { diagnostics: [] })
      .find((a) => a.kind?.value === 'source.fixAll.rlens');
    assert.ok(all, 'fix-all offered in the lightbulb');
    assert.equal(all.edit, undefined, 'not computed on a cursor move');
    const resolved = provider.resolveCodeAction(all);
    assert.match(applied(resolved), /"minimumTlsVersion": "TLS1_2"/, 'computed when chosen');
    // Asked for by kind (on save, "Fix All"): computed at once.
    const only = provider.provideCodeActions(doc, range, {
      diagnostics: [],
      only: stub.vscode.CodeActionKind.SourceFixAll,
    });
    assert.match(applied(only[0]), /"minimumTlsVersion": "TLS1_2"/);
    for (const s of subscriptions) s.dispose();
  });
});
