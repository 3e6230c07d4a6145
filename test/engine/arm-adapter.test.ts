import assert from 'node:assert/strict';
import { scanText, type FileHost } from '../../src/engine';
import { analyzeArm } from '../../src/engine/formats/arm';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function template(body: object): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2);
}

describe('ARM adapter', () => {
  it('ignores JSON that is not a deployment template, quietly', () => {
    assert.equal(analyzeArm('{ "name": "x" }', 'package.json', {}), undefined);
    const params =
      '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }';
    assert.equal(analyzeArm(params, 'a.parameters.json', {}), undefined);
  });

  it('recognises subscription, management-group and tenant templates', () => {
    for (const kind of [
      'subscriptionDeploymentTemplate',
      'managementGroupDeploymentTemplate',
      'tenantDeploymentTemplate',
    ]) {
      const text = JSON.stringify({
        $schema: `https://schema.management.azure.com/schemas/2018-05-01/${kind}.json#`,
        resources: [],
      });
      assert.equal(analyzeArm(text, 'main.json', {})?.format, 'arm', kind);
    }
  });

  it('composes nested child resource types and names', () => {
    const doc = analyzeArm(
      template({
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-05-01',
            name: 'st',
            resources: [
              {
                type: 'blobServices',
                apiVersion: '2023-05-01',
                name: 'default',
                resources: [{ type: 'containers', name: 'data', properties: {} }],
              },
            ],
          },
        ],
      }),
      'main.json',
      {},
    );
    assert.deepEqual(
      doc?.resources.map((r) => `${r.type}|${r.name}`),
      [
        'Microsoft.Storage/storageAccounts|st',
        'Microsoft.Storage/storageAccounts/blobServices|st/default',
        'Microsoft.Storage/storageAccounts/blobServices/containers|st/default/data',
      ],
    );
  });

  it('shows the source text of a name that evaluates to an empty string', () => {
    const doc = analyzeArm(
      template({
        parameters: { vaultName: { type: 'string', defaultValue: '' } },
        resources: [
          {
            type: 'Microsoft.RecoveryServices/vaults',
            apiVersion: '2023-04-01',
            name: "[parameters('vaultName')]",
            properties: {},
          },
        ],
      }),
      'main.json',
      {},
    );
    assert.deepEqual(
      doc?.resources.map((r) => r.name),
      ["[parameters('vaultName')]"],
    );
  });

  it('reads languageVersion 2.0 symbolic-name resources', () => {
    const doc = analyzeArm(
      template({
        languageVersion: '2.0',
        resources: {
          vault: {
            type: 'Microsoft.KeyVault/vaults',
            apiVersion: '2023-07-01',
            name: 'kv',
            properties: { enablePurgeProtection: true },
          },
        },
      }),
      'main.json',
      {},
    );
    assert.deepEqual(
      doc?.resources.map((r) => r.symbol),
      ['vault'],
    );
  });

  it('walks nested deployments: outer scope sees the parent parameters, inner scope its own', () => {
    const storage = (tls: string): object => ({
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2023-05-01',
      name: 'st',
      properties: { minimumTlsVersion: tls },
    });
    const text = template({
      parameters: { tls: { type: 'string', defaultValue: 'TLS1_0' } },
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'outer',
          properties: {
            mode: 'Incremental',
            template: { $schema: SCHEMA, resources: [storage("[parameters('tls')]")] },
          },
        },
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'inner',
          properties: {
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { tls: { value: 'TLS1_1' } },
            template: {
              $schema: SCHEMA,
              parameters: { tls: { type: 'string' } },
              resources: [storage("[parameters('tls')]")],
            },
          },
        },
      ],
    });
    const tls = scanText(text, 'main.json').findings.filter((f) => f.ruleId === 'STG-TLS');
    assert.deepEqual(
      tls.map((f) => /is (TLS1_\d)/.exec(f.message)?.[1]),
      ['TLS1_0', 'TLS1_1'],
    );
  });

  it('skips a resource whose condition is literally false, keeps a parameter-driven one', () => {
    const res = (condition: unknown, name: string): object => ({
      condition,
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2023-05-01',
      name,
      properties: { minimumTlsVersion: 'TLS1_0' },
    });
    const text = template({
      parameters: { deploy: { type: 'bool', defaultValue: false } },
      resources: [res(false, 'never'), res("[parameters('deploy')]", 'maybe')],
    });
    assert.deepEqual(
      scanText(text, 'main.json')
        .findings.filter((f) => f.ruleId === 'STG-TLS')
        .map((f) => f.resource.name),
      ['maybe'],
    );
  });

  it('takes parameter values from the parameter file beside the template and points at them', () => {
    const files: Record<string, string> = {
      'dir/main.parameters.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        parameters: { tls: { value: 'TLS1_0' } },
      }),
    };
    const host: FileHost = { readFile: (p) => files[p] };
    const text = template({
      parameters: { tls: { type: 'string', defaultValue: 'TLS1_2' } },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: 'st',
          properties: { minimumTlsVersion: "[parameters('tls')]" },
        },
      ],
    });
    const finding = scanText(text, 'dir/main.json', { host }).findings.find((f) => f.ruleId === 'STG-TLS');
    assert.ok(finding);
    assert.match(finding.message, /parameter file for 'tls'/);
    assert.equal(finding.related[0]?.file, 'dir/main.parameters.json');
    assert.equal(
      scanText(text, 'dir/main.json').findings.filter((f) => f.ruleId === 'STG-TLS').length,
      0,
      'without the file the default is secure',
    );
  });

  it('reports unknown values only when asked, naming the parameter', () => {
    const text = template({
      parameters: { tls: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: 'st',
          properties: { minimumTlsVersion: "[parameters('tls')]" },
        },
      ],
    });
    assert.equal(scanText(text, 'main.json').findings.filter((f) => f.ruleId === 'STG-TLS').length, 0);
    const unknown = scanText(text, 'main.json', { reportUnknown: true }).findings.find((f) => f.ruleId === 'STG-TLS');
    assert.equal(unknown?.severity, 'info');
    assert.match(unknown?.message ?? '', /depends on parameter 'tls'/);
  });

  it('keeps reading a template with a syntax error and reports the error with its place', () => {
    const text = `{\n  "$schema": "${SCHEMA}",\n  "resources": [\n    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "st", "properties": { "minimumTlsVersion": "TLS1_0" } }\n    { "broken" }\n  ]\n}`;
    const r = scanText(text, 'main.json');
    assert.ok(r.errors.length > 0 && r.errors[0]?.span);
    assert.ok(r.findings.some((f) => f.ruleId === 'STG-TLS'));
  });
});
