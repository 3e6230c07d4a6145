/**
 * Bicep across files: local modules (params bound, origins kept, loops/conditions carried, cycles and depth
 * guarded, ARM JSON modules, registry and template-spec modules noted), `.bicepparam` files in both
 * directions, imports and user-defined functions, resource references and `scope:`, and the placement of
 * `#disable-next-line`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText, type FileHost, type Finding, type ScanResult } from '../../src/engine';
import { toFileReport } from '../../src/engine/report/file-report';
import { toJsonReport } from '../../src/engine/report/json';
import { fsHost } from '../helpers/fixtures';
import { BICEP_FIXTURES } from './paths';

const DIR = join(BICEP_FIXTURES, 'modules');
const at = (...p: string[]): string => join(DIR, ...p);

function scan(file: string, reportUnknown = false): ScanResult {
  return scanText(readFileSync(file, 'utf8'), file, { host: fsHost, reportUnknown, today: '2026-01-01' });
}

/** The text a span covers in its file. */
function textAt(file: string, span: { start: number; end: number }): string {
  return readFileSync(file, 'utf8').slice(span.start, span.end);
}

function only(findings: readonly Finding[], ruleId: string, resource: string): Finding {
  const hits = findings.filter((f) => f.ruleId === ruleId && f.resource.name === resource);
  assert.equal(hits.length, 1, `${ruleId} on ${resource}: ${hits.length} findings`);
  return hits[0] as Finding;
}

describe('Bicep local modules', () => {
  const main = at('main.bicep');
  const storage = at('modules', 'storage.bicep');
  const result = scan(main, true);
  const doc = result.document;

  it('analyses without errors and lists the module files as dependencies', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(doc?.dependencies, [storage, at('modules', 'inner.bicep'), at('modules', 'vault.json')]);
  });

  it("gives module resources the module's file, qualified symbols, and the call's loop and condition", () => {
    const rows = doc?.resources.map((r) => [
      r.symbol,
      r.name,
      r.file === storage ? 'storage' : r.file.split(/[\\/]/).pop(),
      r.loop ?? false,
      r.conditional ?? false,
    ]);
    assert.deepEqual(rows, [
      ['stg.sa', 'stfrommain', 'storage', false, false],
      ['stg.inner.inner', 'stinner', 'inner.bicep', false, false],
      ['literal.sa', 'stliteral', 'storage', false, false],
      ['literal.inner.inner', 'stinner', 'inner.bicep', false, false],
      ['pending.sa', 'stpending', 'storage', false, false],
      ['pending.inner.inner', 'stinner', 'inner.bicep', false, false],
      ['many.sa', 'stmany', 'storage', true, false],
      ['many.inner.inner', 'stinner', 'inner.bicep', true, false],
      ['maybe.sa', 'stmaybe', 'storage', false, true],
      ['maybe.inner.inner', 'stinner', 'inner.bicep', false, true],
      // `if (false)` is never deployed: module 'never' contributes nothing.
      ['vault.resources[0]', 'kvfrommain', 'vault.json', false, false],
    ]);
  });

  it("binds a caller parameter's default: finding in the module, related location and fix at the caller's default", () => {
    const f = only(result.findings, 'STG-TLS', 'stfrommain');
    assert.equal(f.file, storage);
    assert.equal(textAt(storage, f.span), 'minTls');
    assert.match(f.message, /default of parameter 'tls'/);
    assert.deepEqual(
      f.related.map((r) => [r.file, textAt(r.file, r.span)]),
      [[main, "'TLS1_0'"]],
    );
    assert.deepEqual(
      f.fixes[0]?.edits.map((e) => [e.file, textAt(e.file, e.span), e.newText]),
      [[main, "'TLS1_0'", "'TLS1_2'"]],
    );
  });

  it('binds a literal written in the call, naming the parameter and pointing at the call site', () => {
    const f = only(result.findings, 'STG-TLS', 'stliteral');
    assert.match(f.message, /passed for parameter 'minTls' by the module call/);
    assert.deepEqual(
      f.related.map((r) => [r.file, textAt(r.file, r.span)]),
      [[main, "'TLS1_1'"]],
    );
    assert.equal(f.fixes[0]?.edits[0]?.file, main);
  });

  it('keeps an unknown parameter unknown, depending on the caller parameter', () => {
    const f = only(result.findings, 'STG-TLS', 'stpending');
    assert.equal(f.unknown, true);
    assert.match(f.message, /parameter 'unknownTls'/);
  });

  it('follows modules of modules, and ARM JSON modules with the params bound', () => {
    const https = result.findings.filter((f) => f.ruleId === 'STG-HTTPS' && f.resource.name === 'stinner');
    assert.ok(https.length > 0);
    for (const f of https) {
      assert.equal(f.file, at('modules', 'inner.bicep'));
      assert.deepEqual(
        f.related.map((r) => [r.file, textAt(r.file, r.span)]),
        [[storage, 'false']],
      );
    }
    const purge = only(result.findings, 'KV-PURGE', 'kvfrommain');
    assert.equal(purge.file, at('modules', 'vault.json'));
    assert.deepEqual(
      purge.related.map((r) => [r.file, textAt(r.file, r.span)]),
      [[main, 'false']],
    );
    assert.deepEqual(
      purge.fixes[0]?.edits.map((e) => [e.file, e.newText]),
      [[main, 'true']],
    );
  });

  it('fixes an absent property in the module file, in its style', () => {
    const f = result.findings.find((x) => x.ruleId === 'STG-PUBLIC-NET' && x.resource.name === 'stfrommain');
    assert.equal(f?.file, storage);
    assert.equal(f?.fixes[0]?.edits[0]?.file, storage);
    assert.equal(f?.fixes[0]?.edits[0]?.newText, "\n    publicNetworkAccess: 'Disabled'");
  });

  it('notes registry, template-spec and unreadable modules without failing the scan', () => {
    assert.deepEqual(
      doc?.notes?.map((n) => [n.file, textAt(n.file, n.span ?? { start: 0, end: 0 }), n.message]),
      [
        [
          main,
          "'br/public:avm/res/storage/storage-account:0.9.0'",
          "module 'registry' is a registry module ('br/public:avm/res/storage/storage-account:0.9.0'): the scan did not look inside it",
        ],
        [
          main,
          "'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0'",
          "module 'spec' is a template spec ('ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0'): the scan did not look inside it",
        ],
        [
          main,
          "'./modules/nope.bicep'",
          "module 'missing' ('./modules/nope.bicep') could not be read: the scan did not look inside it",
        ],
      ],
    );
    const json = toJsonReport([toFileReport(result, readFileSync(main, 'utf8'), (f) => fsHost.readFile(f))]);
    assert.deepEqual(
      json.notes.map((n) => [n.line, n.message.slice(0, 17)]),
      [
        [61, "module 'registry'"],
        [68, "module 'spec' is "],
        [72, "module 'missing' "],
      ],
    );
    assert.deepEqual(json.errors, []);
  });

  it('reports a module cycle as an error naming the chain, without hanging', () => {
    const a = scan(at('cycle', 'a.bicep'));
    assert.deepEqual(
      a.errors.map((e) => [e.file, e.message]),
      [[at('cycle', 'b.bicep'), "module 'a' includes itself: a.bicep → b.bicep → a.bicep"]],
    );
    const self = scan(at('cycle', 'self.bicep'));
    assert.deepEqual(
      self.errors.map((e) => e.message),
      ["module 'me' includes itself: self.bicep → self.bicep"],
    );
  });

  it("passes `symbol.name` to a module as the resource's declared name, and survives a name that names itself", () => {
    const files = new Map<string, string>([
      [
        '/n/main.bicep',
        "param prefix string = 'app'\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: '${prefix}st'\n  properties: {}\n}\nmodule m './m.bicep' = {\n  name: 'm'\n  params: {\n    accountName: sa.name\n  }\n}\n",
      ],
      [
        '/n/m.bicep',
        "param accountName string\nresource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {\n  name: '${accountName}/default'\n  properties: {}\n}\n",
      ],
    ]);
    const r = scanText(files.get('/n/main.bicep') ?? '', '/n/main.bicep', { host: { readFile: (p) => files.get(p) } });
    assert.deepEqual(
      r.document?.resources.map((x) => x.name),
      ['appst', 'appst/default'],
    );
    const self = scanText(
      "resource a 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: a.name\n}\n",
      '/n/self.bicep',
      {},
    );
    assert.deepEqual(self.errors, []);
    assert.equal(self.document?.resources.length, 1);
  });

  it('stops at the depth limit with a note', () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 12; i++)
      files.set(`/deep/m${i}.bicep`, `module next './m${i + 1}.bicep' = {\n  name: 'n'\n}\n`);
    const host: FileHost = { readFile: (p) => files.get(p) };
    const r = scanText(files.get('/deep/m0.bicep') ?? '', '/deep/m0.bicep', { host });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.document?.notes?.map((n) => [n.file, n.message]),
      [['/deep/m8.bicep', "module 'next' is nested more than 8 deep: the scan did not look inside it"]],
    );
  });

  it('marks every module parameter unknown when the params object is not known', () => {
    const files = new Map<string, string>([
      ['/u/main.bicep', "param p object\nmodule m './m.bicep' = {\n  name: 'm'\n  params: p\n}\n"],
      [
        '/u/m.bicep',
        "param tls string = 'TLS1_0'\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stu'\n  properties: {\n    minimumTlsVersion: tls\n  }\n}\n",
      ],
    ]);
    const r = scanText(files.get('/u/main.bicep') ?? '', '/u/main.bicep', {
      host: { readFile: (p) => files.get(p) },
      reportUnknown: true,
    });
    const f = only(r.findings, 'STG-TLS', 'stu');
    assert.equal(f.unknown, true);
    assert.match(f.message, /parameter 'p'/);
  });
});

describe('.bicepparam files', () => {
  const template = at('params', 'main.bicep');
  const params = at('params', 'main.bicepparam');

  it('scanning the template: a finding from a .bicepparam value names the parameter and points at the value', () => {
    const r = scan(template);
    const f = only(r.findings, 'STG-TLS', 'stparams');
    assert.equal(f.file, template);
    assert.equal(textAt(template, f.span), 'tls');
    assert.match(f.message, /parameter file for 'tls'/);
    assert.deepEqual(
      f.related.map((x) => [x.file, textAt(x.file, x.span)]),
      [[params, "'TLS1_0'"]],
    );
    assert.deepEqual(
      f.fixes[0]?.edits.map((e) => [e.file, textAt(e.file, e.span)]),
      [[params, "'TLS1_0'"]],
    );
    // The template's own literal is reported at the template, as always.
    assert.equal(only(r.findings, 'STG-HTTPS', 'stparams').file, template);
  });

  it('scanning the .bicepparam: the template analysed with its values, findings from its values at the value', () => {
    const r = scan(params);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.document?.dependencies, [template]);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.file, textAt(f.file, f.span)]),
      [['STG-TLS', params, "'TLS1_0'"]],
    );
    const f = r.findings[0] as Finding;
    assert.match(f.message, /'tls'/);
    assert.deepEqual(
      f.related.map((x) => [x.file, textAt(x.file, x.span)]),
      [[template, 'tls']],
    );
    assert.deepEqual(
      f.fixes[0]?.edits.map((e) => [e.file, textAt(e.file, e.span), e.newText]),
      [[params, "'TLS1_0'", "'TLS1_2'"]],
    );
  });

  it('notes a .bicepparam whose template cannot be read', () => {
    const r = scanText("using './gone.bicep'\nparam x = 1\n", '/p/x.bicepparam', {
      host: { readFile: () => undefined },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.document?.notes?.map((n) => n.message),
      ["the template './gone.bicep' could not be read: only this file's syntax was checked"],
    );
  });
});

describe('Bicep imports and user-defined functions', () => {
  const main = at('imports', 'main.bicep');
  const shared = at('imports', 'shared.bicep');
  const r = scan(main, true);

  it('resolves exported variables, named and through a namespace, with their origin in the imported file', () => {
    const tls = only(r.findings, 'STG-TLS', 'stimported');
    assert.deepEqual(
      tls.related.map((x) => [x.file, textAt(x.file, x.span)]),
      [[shared, "'TLS1_0'"]],
    );
    assert.deepEqual(
      tls.fixes[0]?.edits.map((e) => [e.file, textAt(e.file, e.span)]),
      [[shared, "'TLS1_0'"]],
    );
    const https = only(r.findings, 'STG-HTTPS', 'stimported');
    assert.deepEqual(
      https.related.map((x) => [x.file, textAt(x.file, x.span)]),
      [[shared, 'false']],
    );
  });

  it('evaluates imported and local funcs of known arguments', () => {
    assert.match(only(r.findings, 'STG-TLS', 'stcalled').message, /is TLS1_1/);
    assert.equal(r.findings.filter((f) => f.ruleId === 'STG-HTTPS' && f.resource.name === 'stcalled').length, 0);
  });

  it('leaves a func of an unknown argument and a registry import unknown, with a reason', () => {
    assert.match(only(r.findings, 'STG-TLS', 'stpending').message, /depends on parameter 'strict'/);
    assert.match(
      only(r.findings, 'STG-HTTPS', 'stpending').message,
      /'thing', imported from a registry module \('br\/public:avm\/utl\/types\/avm-common-types:0\.5\.1'\)/,
    );
  });
});

describe('Bicep resource references and scope', () => {
  const r = scan(at('refs', 'main.bicep'));
  const bySymbol = new Map(r.document?.resources.map((x) => [x.symbol, x]));

  it('records the symbols a body refers to, directly and through variables', () => {
    assert.deepEqual(bySymbol.get('kv')?.references, []);
    assert.deepEqual(bySymbol.get('sa')?.references, ['kv']);
    assert.deepEqual(bySymbol.get('lock')?.references, ['kv::secret', 'kv']);
    assert.deepEqual(bySymbol.get('role')?.references, ['sa', 'm']);
  });

  it('records the target of scope: on extension resources', () => {
    assert.equal(bySymbol.get('diag')?.scopeSymbol, 'kv');
    assert.equal(bySymbol.get('lock')?.scopeSymbol, 'kv::secret');
    assert.equal(bySymbol.get('role')?.scopeSymbol, 'sa');
    assert.equal(bySymbol.get('sa')?.scopeSymbol, undefined);
  });
});

describe('#disable-next-line placement', () => {
  const r = scan(at('suppress', 'main.bicep'));
  const state = (rule: string, name: string): string =>
    only(r.findings, rule, name).suppressed ? 'suppressed' : 'reported';

  it('above the resource: the whole resource, for the rules it names', () => {
    assert.equal(state('STG-HTTPS', 'stabove'), 'suppressed');
    assert.equal(state('STG-TLS', 'stabove'), 'reported');
  });

  it('inside the body: the next line only', () => {
    assert.equal(state('STG-TLS', 'stinside'), 'suppressed');
    assert.equal(state('STG-HTTPS', 'stinside'), 'reported');
  });
});
