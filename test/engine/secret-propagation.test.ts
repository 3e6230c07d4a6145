/**
 * A value read from a credential (ARM/Bicep `list*()`, Terraform `primary_access_key` and friends) stays marked
 * as one (`UnknownValue.secret`) through member access, indexing and string building, in every format, so a
 * connection string built from a key still says it carries one.
 */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';
import { lookup, type Value } from '../../src/engine/core/value';
import { memoryHost } from '../terraform/memory-host';

function valueAt(text: string, file: string, symbolOrType: string, path: readonly string[]): Value {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  const res = r.document?.resources.find((x) => x.symbol === symbolOrType || x.type === symbolOrType);
  assert.ok(res, `resource ${symbolOrType}`);
  const found = lookup(res.body, path);
  assert.equal(found.state, 'present', path.join('.'));
  return (found as { value: Value }).value;
}

/** The `value` of the first `{ name, value }` item of an app settings list. */
function firstValue(list: Value): Value {
  assert.equal(list.kind, 'array');
  const item = list.kind === 'array' ? list.items[0] : undefined;
  assert.ok(item?.kind === 'object');
  const value = item.properties.find((p) => p.key === 'value')?.value;
  assert.ok(value);
  return value;
}

function secretOf(v: Value): string | undefined {
  return v.kind === 'unknown' ? v.secret : undefined;
}

function armSettings(values: Record<string, string>): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { name: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Web/sites',
        apiVersion: '2023-12-01',
        name: 'app',
        location: 'westeurope',
        properties: { siteConfig: { appSettings: Object.entries(values).map(([name, value]) => ({ name, value })) } },
      },
    ],
  });
}

describe('credentials read at deployment stay marked as secrets', () => {
  describe('ARM', () => {
    const cases: Array<[string, string]> = [
      [
        'member and index',
        "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value]",
      ],
      [
        'concat',
        "[concat('DefaultEndpointsProtocol=https;AccountName=st;AccountKey=', listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value)]",
      ],
      [
        'format',
        "[format('AccountName={0};AccountKey={1}', parameters('name'), listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value)]",
      ],
      [
        'listConnectionStrings',
        "[listConnectionStrings(resourceId('Microsoft.DocumentDB/databaseAccounts', 'cosmos'), '2024-05-15').connectionStrings[0].connectionString]",
      ],
    ];
    // The resource a list function reads from is named when its id says so.
    const sources = [
      /^listKeys\(\) of Microsoft\.Storage\/storageAccounts 'st'$/,
      /^listKeys\(\) of Microsoft\.Storage\/storageAccounts 'st'$/,
      /^listKeys\(\) of Microsoft\.Storage\/storageAccounts 'st'$/,
      /^listConnectionStrings\(\) of Microsoft\.DocumentDB\/databaseAccounts 'cosmos'$/,
    ];
    cases.forEach(([label, expr], i) => {
      it(label, () => {
        const value = firstValue(
          valueAt(armSettings({ S: expr }), 'azuredeploy.json', 'Microsoft.Web/sites', [
            'properties',
            'siteConfig',
            'appSettings',
          ]),
        );
        assert.match(secretOf(value) ?? '', sources[i] as RegExp);
      });
    });

    it('a parameter without a default is unknown but not a secret', () => {
      const value = firstValue(
        valueAt(armSettings({ S: "[parameters('name')]" }), 'azuredeploy.json', 'Microsoft.Web/sites', [
          'properties',
          'siteConfig',
          'appSettings',
        ]),
      );
      assert.equal(value.kind, 'unknown');
      assert.equal(secretOf(value), undefined);
    });
  });

  describe('Bicep', () => {
    const bicep = (expr: string): string => `param name string
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st'
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}
var key = st.listKeys().keys[0].value
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app'
  location: 'westeurope'
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'S', value: ${expr} }
      ]
    }
  }
}
`;
    // st.listKeys() keeps the symbol (the rule names the resource); listKeys(st.id, …) says the same.
    const cases: Array<[string, string, RegExp]> = [
      ['member and index', 'st.listKeys().keys[0].value', /^st\.listKeys\(\)$/],
      [
        'interpolation',
        "'DefaultEndpointsProtocol=https;AccountName=\${st.name};AccountKey=\${st.listKeys().keys[0].value}'",
        /^st\.listKeys\(\)$/,
      ],
      ['concat', "concat('AccountKey=', st.listKeys().keys[0].value)", /^st\.listKeys\(\)$/],
      ['format', "format('AccountName={0};AccountKey={1}', name, st.listKeys().keys[0].value)", /^st\.listKeys\(\)$/],
      ['through a variable', "'AccountKey=\${key}'", /^st\.listKeys\(\)$/],
      ['listKeys(st.id)', "listKeys(st.id, '2023-05-01').keys[0].value", /^st\.listKeys\(\)$/],
      [
        'listKeys() on a resource id',
        "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value",
        /^listKeys\(\) of Microsoft\.Storage\/storageAccounts 'st'$/,
      ],
      [
        'a key inside a known list joined to an unknown one',
        "string(concat(split(name, ','), [st.listKeys().keys[0].value]))",
        /^st\.listKeys\(\)$/,
      ],
    ];
    for (const [label, expr, source] of cases) {
      it(label, () => {
        const value = firstValue(
          valueAt(bicep(expr), 'main.bicep', 'app', ['properties', 'siteConfig', 'appSettings']),
        );
        assert.match(secretOf(value) ?? '', source);
      });
    }

    it('a parameter is unknown but not a secret', () => {
      const value = firstValue(
        valueAt(bicep('name'), 'main.bicep', 'app', ['properties', 'siteConfig', 'appSettings']),
      );
      assert.equal(value.kind, 'unknown');
      assert.equal(secretOf(value), undefined);
    });
  });

  describe('Terraform', () => {
    const tf = (expr: string): string => `variable "name" {
  type = string
}
resource "azurerm_storage_account" "st" {
  name                     = "st"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
locals {
  conn = azurerm_storage_account.st.primary_connection_string
}
resource "azurerm_linux_function_app" "fn" {
  name                = "fn"
  resource_group_name = "rg"
  location            = "westeurope"
  app_settings = {
    S = ${expr}
  }
}
`;
    const cases: Array<[string, string, RegExp]> = [
      ['attribute', 'azurerm_storage_account.st.primary_access_key', /primary_access_key/],
      [
        'interpolation',
        '"DefaultEndpointsProtocol=https;AccountName=${azurerm_storage_account.st.name};AccountKey=${azurerm_storage_account.st.primary_access_key}"',
        /primary_access_key/,
      ],
      ['through a local', 'local.conn', /primary_connection_string/],
      ['format()', 'format("AccountKey=%s", azurerm_storage_account.st.secondary_access_key)', /secondary_access_key/],
      [
        'a blob connection string',
        'azurerm_storage_account.st.primary_blob_connection_string',
        /primary_blob_connection_string/,
      ],
      [
        'an element of a list of connection strings',
        'azurerm_storage_account.st.connection_strings[0]',
        /connection_strings/,
      ],
      [
        'an attribute of one instance of a counted resource',
        'azurerm_storage_account.st[0].primary_access_key',
        /primary_access_key/,
      ],
      ['a registry admin password', 'azurerm_storage_account.st.admin_password', /admin_password/],
    ];
    for (const [label, expr, source] of cases) {
      it(label, () => {
        const v = valueAt(tf(expr), 'main.tf', 'azurerm_linux_function_app.fn', ['app_settings', 'S']);
        assert.match(secretOf(v) ?? '', source);
        assert.match(secretOf(v) ?? '', /azurerm_storage_account\.st/);
      });
    }

    it('a variable is unknown but not a secret; the account id is not a secret', () => {
      assert.equal(
        secretOf(valueAt(tf('var.name'), 'main.tf', 'azurerm_linux_function_app.fn', ['app_settings', 'S'])),
        undefined,
      );
      assert.equal(
        secretOf(
          valueAt(tf('azurerm_storage_account.st.id'), 'main.tf', 'azurerm_linux_function_app.fn', [
            'app_settings',
            'S',
          ]),
        ),
        undefined,
      );
      assert.equal(
        secretOf(
          valueAt(tf('azurerm_storage_account.st.primary_blob_endpoint'), 'main.tf', 'azurerm_linux_function_app.fn', [
            'app_settings',
            'S',
          ]),
        ),
        undefined,
      );
    });
  });
});
