/** The CLI as a user runs it, in process (`main`) on real files: output, exit codes and file edits. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { rlens } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';

const SAMPLE = join(ROOT, 'samples', 'arm', 'azuredeploy.json');
const TLS_FIXTURE = join(ROOT, 'test', 'fixtures', 'rules', 'STG-TLS', 'arm');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rlens-cli-'));
}

interface JsonOut {
  version: number;
  findings: Array<
    Record<string, unknown> & { ruleId: string; line: number; file: string; fixable: boolean; related: unknown[] }
  >;
  files: Array<{ file: string; format: string | null; resources: number }>;
  errors: Array<{ file: string; message: string; line: number | null }>;
}

describe('rlens CLI', () => {
  it('scans a directory, prints file:line:col findings with their layer, and exits 1', () => {
    const r = rlens(['scan', 'samples']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /samples\/arm\/azuredeploy\.json:\d+:\d+ error STG-TLS .*\[Configurations and settings\]/);
    assert.match(r.stdout, /Network controls: \d+/);
  });

  it('keeps the JSON contract', () => {
    const r = rlens(['scan', 'samples', '--format', 'json']);
    const out = JSON.parse(r.stdout) as JsonOut;
    assert.equal(out.version, 1);
    assert.deepEqual(out.files, [
      { file: join('samples', 'arm', 'azuredeploy.json'), format: 'arm', resources: 6 },
      { file: join('samples', 'bicep', 'main.bicep'), format: 'bicep', resources: 5 },
      { file: join('samples', 'terraform', 'main.tf'), format: 'terraform', resources: 4 },
    ]);
    // One rule, one verdict, in every format: the same insecure TLS parameter is flagged in all three samples.
    assert.deepEqual(
      out.findings
        .filter((f) => f.ruleId === 'STG-TLS')
        .map((f) => f.file)
        .sort(),
      [
        join('samples', 'arm', 'azuredeploy.json'),
        join('samples', 'bicep', 'main.bicep'),
        join('samples', 'terraform', 'main.tf'),
      ],
    );
    const tls = out.findings.find((f) => f.ruleId === 'STG-TLS');
    assert.ok(tls);
    assert.deepEqual(Object.keys(tls).sort(), [
      'column',
      'endColumn',
      'endLine',
      'file',
      'fingerprint',
      'fixable',
      'layer',
      'line',
      'mcsb',
      'message',
      'owner',
      'policy',
      'related',
      'resource',
      'ruleId',
      'serviceModel',
      'severity',
    ]);
    assert.equal(tls.layer, 'configurations');
    assert.equal(tls.serviceModel, 'PaaS');
    assert.equal(tls.owner, 'customer');
    assert.deepEqual(tls.policy, {
      name: 'Storage accounts should have the specified minimum TLS version',
      id: 'fe83a0eb-a853-422d-aac2-1bffd182c5d0',
    });
    assert.equal(tls.line, 22);
  });

  it('never echoes a secret found in a template', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = rlens(['scan', 'samples', '--format', format]);
      assert.ok(!r.stdout.includes('ChangeMe123!'), `${format} output leaks the secret`);
      assert.match(r.stdout, /sqlAdminPassword/, 'the finding names the parameter instead');
    }
  });

  it('writes SARIF 2.1.0 with rules, help links, regions and suppressions', () => {
    const dir = tempDir();
    const file = join(dir, 'main.json');
    const text = readFileSync(join(TLS_FIXTURE, 'insecure.json'), 'utf8').replace(
      '"name": "stliteral",',
      '"name": "stliteral",\n      "metadata": { "rlens-disable": [ { "rule": "STG-TLS", "reason": "legacy client until migration" } ] },',
    );
    writeFileSync(file, text);
    const out = join(dir, 'out.sarif');
    const r = rlens(['scan', file, '--format', 'sarif', '--output', out]);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string; properties: { layer: string } }> } };
        results: Array<{
          ruleId: string;
          suppressions?: unknown[];
          locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    const rule = run.tool.driver.rules.find((x) => x.id === 'STG-TLS');
    assert.match(rule!.helpUri, /docs\/rules\/STG-TLS\.md$/);
    assert.equal(rule!.properties.layer, 'Configurations and settings');
    const tls = run.results.filter((x) => x.ruleId === 'STG-TLS');
    assert.equal(tls.length, 3);
    assert.equal(tls.filter((x) => x.suppressions).length, 1);
    assert.ok(tls.every((x) => x.locations[0]!.physicalLocation.region.startLine > 0));
  });

  it('--fix applies safe fixes, reports them, and the file then scans clean for those rules', () => {
    const dir = tempDir();
    const file = join(dir, 'azuredeploy.json');
    copyFileSync(SAMPLE, file);
    const r = rlens(['scan', file, '--fix', '--format', 'json']);
    assert.match(r.stderr, /fixed .*azuredeploy\.json: \d+ change\(s\)/);
    const out = JSON.parse(r.stdout) as JsonOut;
    const left = new Set(out.findings.map((f) => f.ruleId));
    for (const fixed of ['STG-HTTPS', 'KV-SOFT-DELETE', 'SQL-TLS', 'APP-HTTPS', 'APP-TLS'])
      assert.ok(!left.has(fixed), fixed);
    // Parameter defaults are shared by every use: not a safe fix, so STG-TLS (from a parameter) stays.
    assert.ok(left.has('STG-TLS'));
    // Fixes that change behaviour (anonymous blobs, shared keys) are listed for review, not applied.
    for (const review of ['STG-BLOB-PUBLIC', 'STG-SHARED-KEY']) {
      assert.ok(left.has(review), review);
      assert.match(
        r.stderr,
        new RegExp(`azuredeploy\\.json:\\d+ ${review}: .*\\(needs review, applied by --fix=all\\)`),
      );
    }
    assert.ok(!readFileSync(file, 'utf8').includes('"allowBlobPublicAccess": false'));
    const all = rlens(['scan', file, '--fix=all', '--format', 'json', '--fail-on', 'never']);
    const afterAll = new Set((JSON.parse(all.stdout) as JsonOut).findings.map((f) => f.ruleId));
    for (const review of ['STG-BLOB-PUBLIC', 'STG-SHARED-KEY']) assert.ok(!afterAll.has(review), review);
    assert.ok(readFileSync(file, 'utf8').includes('"allowBlobPublicAccess": false'));
  });

  it('exit codes: 0 below --fail-on, 1 at or above, 2 for usage errors and missing paths', () => {
    assert.equal(rlens(['scan', 'samples', '--fail-on', 'never']).status, 0);
    const clean = join(tempDir(), 'clean.json');
    writeFileSync(
      clean,
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-05-01',
            name: 'st',
            properties: {
              minimumTlsVersion: 'TLS1_2',
              allowSharedKeyAccess: false,
              publicNetworkAccess: 'Disabled',
              allowBlobPublicAccess: false,
              networkAcls: { defaultAction: 'Deny' },
              encryption: { requireInfrastructureEncryption: true, keySource: 'Microsoft.Keyvault' },
            },
          },
          {
            type: 'Microsoft.Storage/storageAccounts/blobServices',
            apiVersion: '2023-05-01',
            name: 'st/default',
            properties: {
              deleteRetentionPolicy: { enabled: true, days: 7 },
              containerDeleteRetentionPolicy: { enabled: true, days: 7 },
            },
          },
        ],
      }),
    );
    assert.equal(rlens(['scan', clean, '--fail-on', 'info']).status, 0);
    assert.equal(rlens(['scan', 'samples', '--fail-on', 'error']).status, 1);
    const missing = rlens(['scan', 'no/such/dir']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read 'no\/such\/dir'/);
    assert.equal(rlens(['scan', 'samples', '--format', 'xml']).status, 2);
    assert.equal(rlens(['scan']).status, 2);
  });

  it('reports a malformed template as an error entry and goes on with the other files', () => {
    const dir = tempDir();
    copyFileSync(SAMPLE, join(dir, 'good.json'));
    writeFileSync(
      join(dir, 'broken.json'),
      '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [ { "type": \n',
    );
    writeFileSync(join(dir, 'package.json'), '{ "name": "not-a-template" }');
    const out = JSON.parse(rlens(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    assert.ok(
      out.errors.some((e) => e.file.endsWith('broken.json') && /invalid JSON/.test(e.message) && e.line !== null),
    );
    assert.ok(out.findings.some((f) => f.file.endsWith('good.json')));
    assert.ok(!out.errors.some((e) => e.file.endsWith('package.json')), 'other JSON is ignored quietly');
  });

  it('lists what it did not look into as notes, which never fail the scan', () => {
    const file = join(tempDir(), 'main.bicep');
    writeFileSync(
      file,
      "module reg 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'x'\n  params: { name: 'st' }\n}\n",
    );
    const text = rlens(['scan', file, '--fail-on', 'info']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /main\.bicep:1 note module 'reg' is a registry module/);
    const out = JSON.parse(rlens(['scan', file, '--format', 'json']).stdout) as JsonOut & {
      notes: Array<{ line: number }>;
    };
    assert.deepEqual(
      out.notes.map((n) => n.line),
      [1],
    );
    assert.deepEqual(out.errors, []);
  });

  it("reports a local Terraform module's finding once when its folder is scanned too", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'modules', 'store'), { recursive: true });
    writeFileSync(join(dir, 'main.tf'), 'module "store" {\n  source = "./modules/store"\n}\n');
    writeFileSync(
      join(dir, 'modules', 'store', 'main.tf'),
      'resource "azurerm_storage_account" "sa" {\n  name            = "st"\n  min_tls_version = "TLS1_0"\n}\n',
    );
    const out = JSON.parse(rlens(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    const tls = out.findings.filter((f) => f.ruleId === 'STG-TLS');
    assert.deepEqual(
      tls.map((f) => [f.file, f.line]),
      [[join(dir, 'modules', 'store', 'main.tf'), 3]],
    );
    // Scanning the caller alone still reports it, in the module's file.
    const caller = JSON.parse(rlens(['scan', join(dir, 'main.tf'), '--format', 'json']).stdout) as JsonOut;
    assert.deepEqual(
      caller.findings.filter((f) => f.ruleId === 'STG-TLS').map((f) => f.line),
      [3],
    );
  });

  it('says so when an explicitly named file is not a template', () => {
    const out = JSON.parse(rlens(['scan', join(ROOT, 'package.json'), '--format', 'json']).stdout) as JsonOut;
    assert.match(out.errors[0]?.message ?? '', /not a recognised template/);
  });

  // The 50 MB template: test/robustness/cli-large-input.test.ts (npm run test:robustness).
  it('survives 10,000-deep nesting and binary bytes', () => {
    const dir = tempDir();
    const schema = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
    writeFileSync(join(dir, 'deep.json'), `{ ${schema}, "resources": [ ${'['.repeat(10_000)}${']'.repeat(10_000)} ] }`);
    writeFileSync(join(dir, 'binary.json'), Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x22, 0x24, 0x73, 0x00, 0x01]));
    const out = JSON.parse(rlens(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    assert.ok(out.errors.some((e) => e.file.endsWith('deep.json') && /nested deeper/.test(e.message)));
    assert.ok(!out.errors.some((e) => /internal error/.test(e.message)), JSON.stringify(out.errors));
  });

  it('lists the rule catalog as text and JSON', () => {
    const text = rlens(['rules']).stdout;
    assert.match(text, /^NSG-SSH +error +Network controls/m);
    const json = JSON.parse(rlens(['rules', '--format', 'json']).stdout) as Array<{
      id: string;
      layer: string;
      mcsb: string[];
    }>;
    assert.ok(json.length >= 15);
    assert.ok(json.every((r) => r.id && r.layer && Array.isArray(r.mcsb)));
  });

  it('answers no arguments with the usage on stderr and exit 2, a usage error with one line and a hint', () => {
    const bare = rlens([]);
    assert.equal(bare.status, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /^Usage:\n {2}rlens scan/);
    const wrong = rlens(['scan', 'samples', '--bogus']);
    assert.equal(wrong.status, 2);
    assert.equal(wrong.stderr, "rlens: unknown option '--bogus'\nrun 'rlens --help' for the usage\n");
  });

  it('says on stderr when a scan found no template, and fails only with --fail-on-empty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{ "name": "not-a-template" }');
    const quiet = rlens(['scan', dir]);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stderr, `rlens: no Bicep, ARM or Terraform files under ${dir}\n`);
    assert.equal(rlens(['scan', dir, '--fail-on-empty']).status, 1);
    assert.equal(rlens(['scan', 'samples', '--fail-on-empty', '--fail-on', 'never']).stderr, '');
  });

  it('text output: the owner when not the customer alone, counts by severity, what is yours and what is shared', () => {
    const out = rlens(['scan', 'samples']).stdout;
    assert.match(out, /NSG-SSH .*\[Network controls\]$/m, "a VM's network (IaaS) is the customer's alone");
    assert.match(out, /STG-PUBLIC-NET .*\[Network controls · shared\]$/m);
    assert.doesNotMatch(out, /\x1b\[/, 'no colours when the output is not a terminal');
    const summary = /^(\d+) findings in 3 templates: (\d+) errors, (\d+) warnings, (\d+) info\.$/m.exec(out);
    assert.ok(summary, out.slice(-600));
    const [total, ...bySeverity] = summary.slice(1).map(Number);
    assert.equal(
      bySeverity.reduce((a, b) => a + (b ?? 0), 0),
      total,
    );
    assert.match(out, /^ {2}Network controls: \d+ \(\d+ yours to fix, \d+ shared with Microsoft\)$/m);
    assert.match(out, /^ {2}Customer data: \d+ \(yours to fix\)$/m);
    assert.doesNotMatch(out, /shared with Microsoft\)[\s\S]*Customer data: \d+ \(.*shared/);
  });

  it('colours text output on a terminal, unless --no-color', () => {
    const run = (args: string[]): string => {
      let stdout = '';
      main(args, { stdout: (t) => (stdout += t), stderr: () => undefined, colour: true });
      return stdout;
    };
    assert.match(run(['scan', SAMPLE]), /\x1b\[31merror\x1b\[0m STG-TLS/);
    assert.doesNotMatch(run(['scan', SAMPLE, '--no-color']), /\x1b\[/);
    assert.doesNotMatch(run(['scan', SAMPLE, '--format', 'json']), /\x1b\[/);
  });

  it('answers `scan --help` with the usage and exit 0', () => {
    const r = rlens(['scan', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage:\n {2}rlens scan/);
    assert.equal(r.stderr, '');
  });

  it('reports a .bicepparam value once when its template is scanned too, naming both places', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'main.bicep'),
      [
        "param tls string = 'TLS1_2'",
        "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {",
        "  name: 'st'",
        "  location: 'westeurope'",
        '  properties: {',
        '    minimumTlsVersion: tls',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'main.bicepparam'), "using 'main.bicep'\nparam tls = 'TLS1_0'\n");
    const json = JSON.parse(rlens(['scan', dir, '--format', 'json']).stdout) as JsonOut;
    const tls = json.findings.filter((f) => f.ruleId === 'STG-TLS');
    assert.equal(tls.length, 1, JSON.stringify(tls));
    assert.equal(tls[0]!.file, join(dir, 'main.bicep'));
    assert.equal(tls[0]!.line, 6);
    assert.deepEqual(tls[0]!.related, [
      {
        file: join(dir, 'main.bicepparam'),
        line: 2,
        column: 13,
        endLine: 2,
        endColumn: 21,
        message: "The value comes from the value of 'tls' in the parameter file.",
      },
    ]);
    const text = rlens(['scan', dir]).stdout;
    assert.match(text, /main\.bicepparam:2:13 The value comes from the value of 'tls' in the parameter file\./);
    const sarif = JSON.parse(rlens(['scan', dir, '--format', 'sarif']).stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          relatedLocations?: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'STG-TLS');
    assert.equal(result?.relatedLocations?.[0]?.physicalLocation.region.startLine, 2);
    // Scanned alone, the parameter file still reports at its own value.
    const alone = JSON.parse(rlens(['scan', join(dir, 'main.bicepparam'), '--format', 'json']).stdout) as JsonOut;
    assert.deepEqual(
      alone.findings.filter((f) => f.ruleId === 'STG-TLS').map((f) => [f.file, f.line]),
      [[join(dir, 'main.bicepparam'), 2]],
    );
  });

  it('--fix leaves a create-time setting alone: its fix recreates the resource and is offered for review only', () => {
    const dir = tempDir();
    const file = join(dir, 'main.bicep');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'PG-GEO-BACKUP', 'bicep', 'insecure.bicep'), file);
    // PG-PUBLIC's safe fix would change the file too: switched off, the file must stay byte for byte.
    writeFileSync(join(dir, '.rlens.yaml'), 'rules:\n  PG-PUBLIC: off\n');
    const before = readFileSync(file, 'utf8');
    const r = rlens(['scan', file, '--fix', '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.status, 0);
    assert.equal(readFileSync(file, 'utf8'), before);
    const geo = (JSON.parse(r.stdout) as JsonOut).findings.filter((f) => f.ruleId === 'PG-GEO-BACKUP');
    assert.equal(geo.length, 2, 'both geo-backup findings remain after --fix');
    assert.ok(
      geo.every((f) => f.fixable),
      'the fix is still offered (in the editor, for review)',
    );
  });

  describe('--baseline', () => {
    interface Out {
      findings: Array<{ ruleId: string; fingerprint: string; suppressed?: { source: string; reason: string } }>;
    }
    const setup = (): { dir: string; file: string; text: string } => {
      const dir = tempDir();
      const file = join(dir, 'main.json');
      const text = readFileSync(join(TLS_FIXTURE, 'insecure.json'), 'utf8');
      writeFileSync(file, text);
      return { dir, file, text };
    };

    it('passes a run whose findings are all in the baseline, even after lines moved, and fails on a new one', () => {
      const { dir, file, text } = setup();
      const base = join(dir, 'baseline.json');
      assert.equal(rlens(['scan', file, '--format', 'json', '--output', base]).status, 1);
      const known = (JSON.parse(readFileSync(base, 'utf8')) as Out).findings;
      assert.ok(known.length > 0 && known.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint)));

      // Every line moves down: the same findings are still the baseline's.
      writeFileSync(file, text.replace('"resources": [', '"resources": [\n\n\n'));
      const same = rlens(['scan', file, '--format', 'json', '--baseline', base]);
      assert.equal(same.status, 0, same.stderr);
      const out = (JSON.parse(same.stdout) as Out).findings;
      assert.ok(out.length === known.length && out.every((f) => f.suppressed?.source === 'baseline'));

      // A second storage account brings new findings: those fail the run, the old ones stay suppressed.
      const added =
        '{ "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "stnewone", "location": "westeurope", "kind": "StorageV2", "sku": { "name": "Standard_LRS" }, "properties": { "minimumTlsVersion": "TLS1_0" } },';
      writeFileSync(file, text.replace('"resources": [', `"resources": [\n    ${added}`));
      const grown = rlens(['scan', file, '--format', 'sarif', '--baseline', base]);
      assert.equal(grown.status, 1);
      assert.match(rlens(['scan', file, '--baseline', base]).stdout, /stnewone/);
    });

    it('reads a SARIF report as a baseline too', () => {
      const { dir, file } = setup();
      const base = join(dir, 'baseline.sarif');
      rlens(['scan', file, '--format', 'sarif', '--output', base]);
      assert.equal(rlens(['scan', file, '--baseline', base]).status, 0);
    });

    it('refuses a missing or foreign baseline with a usage error', () => {
      const { dir, file } = setup();
      const missing = rlens(['scan', file, '--baseline', join(dir, 'nope.json')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /--baseline .*cannot read it \(ENOENT\)/);
      writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
      const foreign = rlens(['scan', file, '--baseline', join(dir, 'other.json')]);
      assert.equal(foreign.status, 2);
      assert.match(foreign.stderr, /not an rlens JSON or SARIF report/);
    });
  });
});
