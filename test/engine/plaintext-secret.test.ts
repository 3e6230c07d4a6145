/**
 * SEC-PLAINTEXT edge cases the fixtures do not show: one leak gives one finding (defaults SEC-PARAM-DEFAULT
 * reports are left to it), Key Vault secrets are judged by their name, placeholders and strings built from
 * other values are not credentials, and no message repeats the value.
 */
import assert from 'node:assert/strict';
import { scanText, type Finding } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

function findings(text: string, file: string): Finding[] {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings.filter((f) => f.ruleId === 'SEC-PLAINTEXT' || f.ruleId === 'SEC-PARAM-DEFAULT');
}

const sqlServer = (
  name: string,
  password: string,
): string => `resource ${name} 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: '${name}'
  location: 'westeurope'
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: ${password}
  }
}
`;

describe('SEC-PLAINTEXT', () => {
  it("Bicep: a secure or secret-named parameter default is SEC-PARAM-DEFAULT's alone; other plain defaults are SEC-PLAINTEXT's", () => {
    const text = `@secure()
param securePwd string = 'Zx9-secure-default'
param sqlPassword string = 'Zx9-named-default'
param dbLoginValue string = 'Zx9-plain-default'
@secure()
param fromVault string
${sqlServer('a', 'securePwd')}${sqlServer('b', 'sqlPassword')}${sqlServer('c', 'dbLoginValue')}${sqlServer('d', 'fromVault')}${sqlServer('e', "'GEN-PASSWORD'")}${sqlServer('f', "'<your-password>'")}`;
    const got = findings(text, '/t/main.bicep')
      .map((f) => `${f.ruleId} ${f.ruleId === 'SEC-PLAINTEXT' ? f.resource.name : f.message.split("'")[1]}`)
      .sort();
    assert.deepEqual(got, ['SEC-PARAM-DEFAULT securePwd', 'SEC-PARAM-DEFAULT sqlPassword', 'SEC-PLAINTEXT c']);
  });

  it('Terraform: Key Vault secrets are judged when their name says credential; interpolated strings and sentinels are not literals', () => {
    const text = `variable "empty" {
  type    = string
  default = ""
}
resource "azurerm_key_vault_secret" "image" {
  name         = "image-version"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  value        = "2024.1.0"
}
resource "azurerm_key_vault_secret" "token" {
  name         = "deploy-token"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  value        = "Zx9-token-literal"
}
resource "azurerm_key_vault_secret" "conf" {
  name         = "redis-password-file"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  value        = "requirepass \${var.empty}"
}
resource "azurerm_key_vault_secret" "unset" {
  name         = "admin-password"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  value        = coalesce(null, "notset")
}
`;
    const got = findings(text, '/t/main.tf');
    assert.deepEqual(
      got.map((f) => f.resource.name),
      ['deploy-token'],
    );
    for (const f of got) assert.ok(!JSON.stringify(f).includes('Zx9'), 'the value is never repeated');
  });

  it('ARM: no message, related location or note repeats the password', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { dbLoginValue: { type: 'string', defaultValue: 'Zx9-arm-default' } },
        variables: { vmPwd: 'Zx9-arm-variable' },
        resources: [
          {
            type: 'Microsoft.Sql/servers',
            apiVersion: '2023-08-01-preview',
            name: 'sql',
            location: 'westeurope',
            properties: { administratorLogin: 'a', administratorLoginPassword: "[parameters('dbLoginValue')]" },
          },
          {
            type: 'Microsoft.Compute/virtualMachines',
            apiVersion: '2024-03-01',
            name: 'vm',
            location: 'westeurope',
            properties: { osProfile: { adminUsername: 'a', adminPassword: "[variables('vmPwd')]" } },
          },
        ],
      },
      null,
      2,
    );
    const got = findings(text, '/t/azuredeploy.json');
    assert.deepEqual(got.map((f) => f.resource.name).sort(), ['sql', 'vm']);
    for (const f of got) {
      assert.ok(!JSON.stringify(f).includes('Zx9'), 'the value is never repeated');
      assert.equal(f.related?.length, 1, 'the finding points at the default or variable it comes from');
    }
  });

  it('ARM: a plain parameter without a default is a warning at the property; properties from an unknown variable and Terraform variables are not judged', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { plainPwd: { type: 'string' }, mode: { type: 'string' }, spec: { type: 'object' } },
        variables: { props: "[if(equals(parameters('mode'), 'a'), json('{}'), json('{}'))]" },
        resources: [
          {
            type: 'Microsoft.Sql/servers',
            apiVersion: '2023-08-01-preview',
            name: 'plain',
            location: 'westeurope',
            properties: { administratorLogin: 'a', administratorLoginPassword: "[parameters('plainPwd')]" },
          },
          {
            type: 'Microsoft.Sql/servers',
            apiVersion: '2023-08-01-preview',
            name: 'member',
            location: 'westeurope',
            properties: { administratorLogin: 'a', administratorLoginPassword: "[parameters('spec').password]" },
          },
          {
            type: 'Microsoft.Compute/virtualMachines',
            apiVersion: '2024-03-01',
            name: 'fromVariable',
            location: 'westeurope',
            properties: "[variables('props')]",
          },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(
      findings(text, '/t/azuredeploy.json').map((f) => `${f.resource.name} ${f.severity}`),
      ['plain warning'],
    );
    const tf = `variable "plain_pwd" {
  type = string
}
resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "a"
  administrator_login_password = var.plain_pwd
}
`;
    assert.deepEqual(findings(tf, '/t/main.tf'), []);
  });
});
