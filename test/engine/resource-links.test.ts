/** The adapters resolve links spelled in ARM names and scopes into symbols (`model/links.ts`). */
import assert from 'node:assert/strict';
import { scanText, type Resource } from '../../src/engine';

const ARM = (resources: object[]): string =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  });

function resources(text: string, file: string): readonly Resource[] {
  const doc = scanText(text, file, {}).document;
  assert.ok(doc, `${file} is a template`);
  return doc.resources;
}

function byName(list: readonly Resource[], name: string): Resource {
  const r = list.find((x) => x.name === name);
  assert.ok(r, name);
  return r;
}

describe('resource links resolved by the adapters', () => {
  const arm = resources(
    ARM([
      {
        type: 'Microsoft.Sql/servers',
        apiVersion: '2023-08-01-preview',
        name: 'srv',
        location: 'westeurope',
        properties: {},
      },
      {
        type: 'Microsoft.Sql/servers/databases',
        apiVersion: '2023-08-01-preview',
        name: 'srv/db',
        location: 'westeurope',
        properties: {},
      },
      {
        type: 'Microsoft.Sql/servers/databases/auditingSettings',
        apiVersion: '2023-08-01-preview',
        name: 'srv/db/default',
        properties: {},
      },
      {
        type: 'Microsoft.Sql/servers/providers/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        name: 'srv/Microsoft.Insights/diag',
        properties: {},
      },
      {
        type: 'Microsoft.Authorization/locks',
        apiVersion: '2020-05-01',
        name: 'lock',
        scope: 'Microsoft.Sql/servers/srv',
        properties: { level: 'CanNotDelete' },
      },
      {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        name: 'dbdiag',
        scope: 'Microsoft.Sql/servers/srv/databases/db',
        properties: {},
      },
      {
        type: 'Microsoft.Sql/servers/auditingSettings',
        apiVersion: '2023-08-01-preview',
        name: 'other/default',
        properties: {},
      },
    ]),
    'main.json',
  );
  const symbol = (name: string): string => byName(arm, name).symbol;

  it('links an ARM child written at the top level to every declared ancestor its name and type name', () => {
    assert.deepEqual(byName(arm, 'srv/db').ancestorSymbols, [symbol('srv')]);
    assert.deepEqual(
      new Set(byName(arm, 'srv/db/default').ancestorSymbols),
      new Set([symbol('srv'), symbol('srv/db')]),
    );
    assert.deepEqual(
      byName(arm, 'srv/Microsoft.Insights/diag').ancestorSymbols,
      [symbol('srv')],
      'the legacy providers form',
    );
    assert.equal(byName(arm, 'other/default').ancestorSymbols, undefined, 'a parent not in the document links nothing');
    assert.equal(byName(arm, 'srv').ancestorSymbols, undefined);
  });

  it('links an ARM scope string to the resource it names, a child by its interleaved id', () => {
    assert.deepEqual(byName(arm, 'lock').scopeTargets, [symbol('srv')]);
    assert.deepEqual(byName(arm, 'dbdiag').scopeTargets, [symbol('srv/db')]);
  });

  it("links a Bicep child by its composed name, and leaves azurerm's to references", () => {
    const bicep = resources(
      "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n}\n\nresource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {\n  parent: st\n  name: 'default'\n}\n",
      'main.bicep',
    );
    const blob = byName(bicep, 'st/default');
    assert.equal(blob.parentSymbol, 'st');
    assert.deepEqual(blob.ancestorSymbols, ['st']);
    const tf = resources(
      'resource "azurerm_mssql_server" "a" {\n  name = "a/b"\n}\n\nresource "azurerm_mssql_database" "d" {\n  name      = "a/b/c"\n  server_id = azurerm_mssql_server.a.id\n}\n',
      'main.tf',
    );
    assert.equal(byName(tf, 'a/b/c').ancestorSymbols, undefined);
    assert.deepEqual(byName(tf, 'a/b/c').references, ['azurerm_mssql_server.a']);
  });
});
