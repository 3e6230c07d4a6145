/** STG-SOFT-DELETE with azurerm blob properties written as a resource of their own. */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';

function found(text: string): string[] {
  return scanText(text, 'main.tf', {}).findings
    .filter((f) => f.ruleId === 'STG-SOFT-DELETE' && !f.suppressed)
    .map((f) => `${f.resource.name}:${f.severity}`);
}

const ACCOUNT = `resource "azurerm_storage_account" "a" {
  name                     = "sta"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`;

const POLICIES = `  properties {
    delete_retention_policy {}
    container_delete_retention_policy {}
  }
}
`;

describe('STG-SOFT-DELETE azurerm_storage_account_blob_properties', () => {
  it('reports an account without blob properties at info', () => {
    assert.deepEqual(found(ACCOUNT), ['sta:info']);
  });

  it('takes a linked blob properties resource as the account\'s blob properties', () => {
    const text = `${ACCOUNT}\nresource "azurerm_storage_account_blob_properties" "p" {\n  storage_account_id = azurerm_storage_account.a.id\n\n${POLICIES}`;
    assert.deepEqual(found(text), []);
  });

  it('stays quiet when blob properties name their account by a variable', () => {
    const text = `${ACCOUNT}\nvariable "account_id" {\n  type = string\n}\n\nresource "azurerm_storage_account_blob_properties" "p" {\n  storage_account_id = var.account_id\n\n${POLICIES}`;
    assert.deepEqual(found(text), []);
  });
});
