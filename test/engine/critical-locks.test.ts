/** LOCK-CRITICAL: which locks cover everything, which targets are untold, and files that manage no locks. */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';

const found = (text: string, file = 'main.bicep'): string[] =>
  scanText(text, file, {})
    .findings.filter((f) => f.ruleId === 'LOCK-CRITICAL')
    .map((f) => f.resource.name);

const KV = `resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-data'
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
const lock = (scope: string | undefined): string => `resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'lock'
${scope ? `  scope: ${scope}\n` : ''}  properties: {
    level: 'CanNotDelete'
  }
}
`;

describe('LOCK-CRITICAL', () => {
  it('does not judge a file that declares no lock', () => {
    assert.deepEqual(found(KV), []);
  });

  it('an unscoped lock in a resource-group deployment locks the whole group', () => {
    assert.deepEqual(found(KV + lock(undefined)), []);
  });

  it('a lock on another resource leaves the vault reported; a lock on a resource of unknown name keeps it quiet', () => {
    const nsg =
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n  location: 'westeurope'\n}\n";
    assert.deepEqual(found(KV + nsg + lock('nsg')), ['kv-data']);
    const existing =
      "param other string\nresource ext 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: other\n}\n";
    assert.deepEqual(found(KV + existing + lock('ext')), []);
  });

  it('Terraform: a lock on the resource group covers everything', () => {
    const tf = `resource "azurerm_resource_group" "rg" {
  name     = "rg-data"
  location = "westeurope"
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-data"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_management_lock" "rg" {
  name       = "rg-lock"
  scope      = azurerm_resource_group.rg.id
  lock_level = "CanNotDelete"
}
`;
    assert.deepEqual(found(tf, 'main.tf'), []);
  });
});
