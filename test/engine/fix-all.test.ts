/**
 * Fix-all never breaks a file: additions to one missing parent become one parent, edits that would write a key
 * twice are refused, duplicate keys are analysis errors, and a value an expression chose is fixed only on review.
 */
import assert from 'node:assert/strict';
import { applyEdits, fixAll, scanText, type TextEdit } from '../../src/engine';

const STORAGE_BICEP = `resource st 'Microsoft.Storage/storageAccounts@2021-02-01' = {
  name: 'stdemo'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}
`;

const STORAGE_ARM = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2021-02-01",
      "name": "stdemo",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" }
    }
  ]
}
`;

const count = (text: string, needle: RegExp): number => [...text.matchAll(needle)].length;

describe('fixAll', () => {
  it('Bicep: absent settings under a missing `properties` become ONE properties block that scans clean', () => {
    const before = scanText(STORAGE_BICEP, '/w/main.bicep');
    const additions = before.findings.filter((f) => f.fixes[0]?.edits.some((e) => e.adds));
    assert.ok(additions.length >= 4, `at least four additions under properties (found ${additions.length})`);
    const r = fixAll(STORAGE_BICEP, '/w/main.bicep', { level: 'all' });
    assert.equal(count(r.text, /^\s*properties:/gm), 1, r.text);
    assert.ok(r.applied.length >= additions.length);
    assert.deepEqual(r.result.errors, []);
    assert.deepEqual(scanText(r.text, '/w/main.bicep').errors, []);
    assert.match(r.text, /\n  properties: \{\n    allowBlobPublicAccess: false\n/);
    assert.match(r.text, /\n    networkAcls: \{\n      defaultAction: 'Deny'\n    \}\n/);
  });

  it('ARM: one "properties" key with every added member, valid JSON', () => {
    const r = fixAll(STORAGE_ARM, '/w/azuredeploy.json', { level: 'all' });
    assert.equal(count(r.text, /"properties"/g), 1, r.text);
    const parsed = JSON.parse(r.text) as { resources: Array<{ properties: Record<string, unknown> }> };
    const props = parsed.resources[0]?.properties ?? {};
    assert.equal(props.allowBlobPublicAccess, false);
    assert.equal(props.minimumTlsVersion, 'TLS1_2');
    assert.deepEqual(props.networkAcls, { defaultAction: 'Deny' });
    assert.deepEqual(r.result.errors, []);
  });

  it('Terraform: added attributes are aligned with their neighbours and each other, as terraform fmt writes them', () => {
    const text =
      'resource "azurerm_key_vault" "kv" {\n  name      = "kv"\n  location  = "westeurope"\n  tenant_id = "x"\n  sku_name  = "standard"\n}\n';
    const r = fixAll(text, '/w/main.tf', { level: 'all' });
    const lines = r.text.split('\n').filter((l) => l.includes(' = '));
    const columns = new Set(lines.map((l) => l.indexOf('=')));
    assert.equal(columns.size, 1, `one '=' column:\n${r.text}`);
    assert.ok(lines.length >= 6, r.text);
  });

  it('a safe fix never rewrites a value a condition chose: review only, naming the insecure branch', () => {
    const arm = STORAGE_ARM.replace(
      '"sku": { "name": "Standard_LRS" }',
      `"sku": { "name": "Standard_LRS" },
      "properties": { "minimumTlsVersion": "[if(parameters('isolate'), 'TLS1_2', 'TLS1_0')]" }`,
    ).replace(
      '"contentVersion": "1.0.0.0",',
      '"contentVersion": "1.0.0.0",\n  "parameters": { "isolate": { "type": "bool", "defaultValue": false } },',
    );
    const bicep = `param isolate bool = false\n${STORAGE_BICEP.replace("  kind: 'StorageV2'", "  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: isolate ? 'TLS1_2' : 'TLS1_0'\n  }")}`;
    const tf =
      'variable "isolate" {\n  default = false\n}\n\nresource "azurerm_storage_account" "st" {\n  name            = "st"\n  min_tls_version = var.isolate ? "TLS1_2" : "TLS1_0"\n}\n';
    for (const [file, text, kept] of [
      ['/w/a.json', arm, `"[if(parameters('isolate'), 'TLS1_2', 'TLS1_0')]"`],
      ['/w/a.bicep', bicep, "isolate ? 'TLS1_2' : 'TLS1_0'"],
      ['/w/a.tf', tf, 'var.isolate ? "TLS1_2" : "TLS1_0"'],
    ] as const) {
      const finding = scanText(text, file).findings.find((f) => f.ruleId === 'STG-TLS');
      assert.ok(finding, file);
      assert.equal(finding.fixes[0]?.safe, false, `${file}: not safe`);
      assert.match(
        finding.fixes[0]?.title ?? '',
        /review: the condition's false branch gives the insecure value/,
        file,
      );
      const r = fixAll(text, file);
      assert.ok(r.text.includes(kept), `${file}: the condition is kept by a safe fix-all`);
      assert.ok(
        r.pending.some((p) => p.finding.ruleId === 'STG-TLS' && p.reason === 'review'),
        file,
      );
    }
  });

  it('fixes that change behaviour (public access, shared keys, Key Vault RBAC) need review; level all applies them', () => {
    const findings = scanText(STORAGE_BICEP, '/w/main.bicep').findings;
    for (const id of ['STG-PUBLIC-NET', 'STG-SHARED-KEY']) {
      const fix = findings.find((f) => f.ruleId === id)?.fixes[0];
      assert.equal(fix?.safe, false, id);
      assert.match(fix?.title ?? '', /\(review: /, id);
    }
    assert.equal(findings.find((f) => f.ruleId === 'STG-TLS')?.fixes[0]?.safe, true);
    const safe = fixAll(STORAGE_BICEP, '/w/main.bicep');
    assert.match(safe.text, /minimumTlsVersion: 'TLS1_2'/);
    assert.doesNotMatch(safe.text, /publicNetworkAccess|allowSharedKeyAccess/);
    assert.ok(safe.pending.some((p) => p.finding.ruleId === 'STG-SHARED-KEY' && p.reason === 'review'));
    assert.match(fixAll(STORAGE_BICEP, '/w/main.bicep', { level: 'all' }).text, /allowSharedKeyAccess: false/);
  });

  it('a literal passed on by an expression (Terraform coalesce) is not rewritten by a safe fix either', () => {
    const tf =
      'resource "azurerm_storage_account" "st" {\n  name            = "st"\n  min_tls_version = coalesce(null, "TLS1_0")\n}\n';
    const finding = scanText(tf, '/w/a.tf').findings.find((f) => f.ruleId === 'STG-TLS');
    assert.ok(finding);
    assert.equal(finding.fixes[0]?.safe, false);
    assert.ok(fixAll(tf, '/w/a.tf').text.includes('coalesce(null, "TLS1_0")'));
  });
});

describe('applyEdits', () => {
  const add = (at: number, key: string, text: string): TextEdit => ({
    file: 'f',
    span: { start: at, end: at },
    newText: text,
    adds: { container: 0, members: [{ path: [key, 'x'], valueText: '1' }] },
  });

  it('refuses a second insertion that adds the same key to the same container', () => {
    const r = applyEdits('{}', [add(1, 'properties', 'A'), add(1, 'properties', 'B')], 'f');
    assert.equal(r.text, '{A}');
    assert.equal(r.applied, 1);
    assert.equal(r.rejected, 1);
  });

  it('keeps insertions at one point that add different keys, in order', () => {
    const r = applyEdits('{}', [add(1, 'a', 'A'), add(1, 'b', 'B')], 'f');
    assert.equal(r.text, '{AB}');
    assert.equal(r.rejected, 0);
  });

  it('refuses overlapping replacements and an insertion inside a replaced range', () => {
    const edit = (start: number, end: number, newText: string): TextEdit => ({
      file: 'f',
      span: { start, end },
      newText,
    });
    const r = applyEdits('abcdef', [edit(1, 4, 'X'), edit(2, 5, 'Y'), edit(3, 3, 'Z')], 'f');
    assert.equal(r.text, 'aXef');
    assert.equal(r.rejected, 2);
  });
});

describe('duplicate keys are analysis errors', () => {
  it('Bicep: a property declared twice in one object (BCP025)', () => {
    const text = STORAGE_BICEP.replace(
      "  kind: 'StorageV2'",
      "  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n  }\n  properties: {\n    allowBlobPublicAccess: false\n  }",
    );
    const errors = scanText(text, '/w/main.bicep').errors;
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]?.message ?? '', /'properties' is declared more than once .*BCP025/);
    assert.deepEqual(scanText(STORAGE_BICEP, '/w/main.bicep').errors, []);
  });

  it('ARM: a key written twice in one object', () => {
    const text = STORAGE_ARM.replace(
      '"kind": "StorageV2",',
      '"kind": "StorageV2",\n      "properties": {},\n      "properties": { "minimumTlsVersion": "TLS1_2" },',
    );
    const errors = scanText(text, '/w/azuredeploy.json').errors;
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]?.message ?? '', /duplicate key "properties"/);
  });
});
