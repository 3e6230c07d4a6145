/** DEF-COVERAGE and MON-SENTINEL: when a template may judge subscription plans, and one finding per plan or template. */
import assert from 'node:assert/strict';
import { allRules, scanText } from '../../src/engine';
import { DEFENDER_PLAN_TYPES } from '../../src/engine/rules/checks/monitoring-coverage';

const KV_BICEP = `resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}
`;

function ids(text: string, file: string, rule: string): string[] {
  return scanText(text, file, {})
    .findings.filter((f) => f.ruleId === rule && !f.suppressed)
    .map((f) => `${f.resource.name}: ${f.message}`);
}

describe('monitoring coverage', () => {
  it('DEF-COVERAGE looks at every type it can report on', () => {
    const rule = allRules().find((r) => r.id === 'DEF-COVERAGE');
    const declared = new Set(rule?.resourceTypes.map((t) => t.toLowerCase()));
    for (const t of DEFENDER_PLAN_TYPES)
      assert.ok(declared.has(t.toLowerCase()), `${t} missing from def-coverage.yaml resourceTypes`);
  });

  it('a resource-group template is never judged on subscription plans', () => {
    assert.deepEqual(ids(KV_BICEP, 'rg.bicep', 'DEF-COVERAGE'), []);
    assert.deepEqual(ids(`targetScope = 'resourceGroup'\n${KV_BICEP}`, 'rg.bicep', 'DEF-COVERAGE'), []);
  });

  it('a subscription template without pricings reports each missing plan once', () => {
    const text = `targetScope = 'subscription'\n${KV_BICEP}\n${KV_BICEP.replace(/kv/g, 'kv2')}`;
    const found = ids(text, 'sub.bicep', 'DEF-COVERAGE');
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /^kv-app: .*Key Vault \(KeyVaults\).*declares 2 resources/);
  });

  it('an ARM subscription schema counts as subscription scope', () => {
    const arm = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-05-01',
            name: 'st1',
            location: 'westeurope',
            kind: 'StorageV2',
            sku: { name: 'Standard_LRS' },
          },
        ],
      },
      null,
      2,
    );
    assert.equal(ids(arm, 'sub.json', 'DEF-COVERAGE').length, 1);
    assert.equal(
      ids(arm.replace('subscriptionDeploymentTemplate', 'deploymentTemplate'), 'rg.json', 'DEF-COVERAGE').length,
      0,
    );
  });

  it('a pricings resource whose plan is a parameter may be any plan: nothing is reported', () => {
    const text = `targetScope = 'subscription'\nparam plan string\nresource p 'Microsoft.Security/pricings@2024-01-01' = {\n  name: plan\n  properties: {\n    pricingTier: 'Standard'\n  }\n}\n${KV_BICEP}`;
    assert.deepEqual(ids(text, 'sub.bicep', 'DEF-COVERAGE'), []);
  });

  it('MON-SENTINEL reports once per template, and one onboarded workspace is enough', () => {
    const law = (n: string): string =>
      `resource ${n} 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {\n  name: '${n}'\n  location: 'westeurope'\n}\n`;
    assert.equal(ids(law('a') + law('b'), 'm.bicep', 'MON-SENTINEL').length, 1);
    const onboarded = `${law('a')}${law('b')}resource s 'Microsoft.SecurityInsights/onboardingStates@2024-03-01' = {\n  name: 'default'\n  scope: b\n  properties: {}\n}\n`;
    assert.deepEqual(ids(onboarded, 'm.bicep', 'MON-SENTINEL'), []);
  });
});
