/** STG-SOFT-DELETE with azurerm blob properties written as a resource of their own. */
import assert from 'node:assert/strict';
import { scanText, type FileHost } from '../../src/engine';

function found(text: string): string[] {
  return scanText(text, 'main.tf', {})
    .findings.filter((f) => f.ruleId === 'STG-SOFT-DELETE' && !f.suppressed)
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

  it("takes a linked blob properties resource as the account's blob properties", () => {
    const text = `${ACCOUNT}\nresource "azurerm_storage_account_blob_properties" "p" {\n  storage_account_id = azurerm_storage_account.a.id\n\n${POLICIES}`;
    assert.deepEqual(found(text), []);
  });

  it('stays quiet when blob properties name their account by a variable', () => {
    const text = `${ACCOUNT}\nvariable "account_id" {\n  type = string\n}\n\nresource "azurerm_storage_account_blob_properties" "p" {\n  storage_account_id = var.account_id\n\n${POLICIES}`;
    assert.deepEqual(found(text), []);
  });

  describe('a null passed to a Bicep module parameter (AVM `settings.?x`)', () => {
    const MODULE = `param accountName string
param deleteEnabled bool = true
param deleteDays int = 7

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: accountName
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: deleteEnabled, days: deleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}
`;
    const host: FileHost = { readFile: (p) => (p === '/t/blob.bicep' ? MODULE : undefined) };
    const scan = (settings: string): string[] =>
      scanText(
        `param settings object = ${settings}\n\nmodule blob './blob.bicep' = {\n  name: 'blob'\n  params: {\n    accountName: 'sta'\n    deleteEnabled: settings.?deleteEnabled\n    deleteDays: settings.?deleteDays\n  }\n}\n`,
        '/t/main.bicep',
        { host },
      )
        .findings.filter((f) => f.ruleId === 'STG-SOFT-DELETE' && !f.unknown)
        .map((f) => f.message);

    it('is not read as the policy turned off (the default may apply)', () => {
      assert.deepEqual(scan('{}'), []);
    });

    it('still judges a value that is passed', () => {
      assert.equal(scan('{ deleteEnabled: false }').length, 1);
    });
  });
});
