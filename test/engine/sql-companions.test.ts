/** SQL-AUDIT: companions whose server cannot be told keep servers quiet; severities by verdict. */
import assert from 'node:assert/strict';
import { scanText, type FileHost } from '../../src/engine';

function found(text: string, file: string, rule: string): string[] {
  return scanText(text, file, {})
    .findings.filter((f) => f.ruleId === rule && !f.suppressed)
    .map((f) => `${f.resource.name}:${f.severity}`);
}

const SERVER_TF = `resource "azurerm_mssql_server" "a" {
  name                = "sql-a"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
`;

describe('SQL-AUDIT companions', () => {
  it('reports a server without auditing at info', () => {
    assert.deepEqual(found(SERVER_TF, 'main.tf', 'SQL-AUDIT'), ['sql-a:info']);
  });

  it('stays quiet when an auditing policy names its server by a variable', () => {
    const text = `${SERVER_TF}\nvariable "server_id" {\n  type = string\n}\n\nresource "azurerm_mssql_server_extended_auditing_policy" "p" {\n  server_id = var.server_id\n}\n`;
    assert.deepEqual(found(text, 'main.tf', 'SQL-AUDIT'), []);
  });

  it('reports an explicit Disabled as a warning, once', () => {
    const text = `${SERVER_TF}\nresource "azurerm_mssql_server_extended_auditing_policy" "p" {\n  server_id = azurerm_mssql_server.a.id\n  enabled   = false\n}\n`;
    assert.deepEqual(found(text, 'main.tf', 'SQL-AUDIT'), ['p:warning']);
  });

  it('stays quiet for an ARM auditing setting whose name is an expression', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { server: { type: 'string' } },
        resources: [
          {
            type: 'Microsoft.Sql/servers',
            apiVersion: '2023-08-01-preview',
            name: 'sql-a',
            location: 'westeurope',
            properties: {},
          },
          {
            type: 'Microsoft.Sql/servers/auditingSettings',
            apiVersion: '2023-08-01-preview',
            name: "[concat(parameters('server'), '/default')]",
            properties: { state: 'Enabled' },
          },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(found(text, 'azuredeploy.json', 'SQL-AUDIT'), []);
  });

  describe('through Bicep modules', () => {
    const SERVER = `resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  name: 'sql-main'\n  location: 'westeurope'\n  properties: {}\n}\n`;
    const AUDIT_MODULE = `param serverName string\n\nresource server 'Microsoft.Sql/servers@2023-08-01-preview' existing = {\n  name: serverName\n}\n\nresource audit 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {\n  name: 'default'\n  parent: server\n  properties: {\n    state: 'Enabled'\n  }\n}\n`;
    const host = (files: Record<string, string>): FileHost => ({ readFile: (p) => files[p] });
    const scan = (main: string): string[] =>
      scanText(main, '/t/main.bicep', { host: host({ '/t/audit.bicep': AUDIT_MODULE }) })
        .findings.filter((f) => f.ruleId === 'SQL-AUDIT')
        .map((f) => f.resource.name);

    it('a module auditing the server it is given by `sql.name` audits that server, and only that one', () => {
      const second = SERVER.replace('resource sql ', 'resource second ').replace('sql-main', 'sql-second');
      assert.deepEqual(
        scan(
          `${SERVER}\n${second}\nmodule a './audit.bicep' = {\n  name: 'audit'\n  params: {\n    serverName: sql.name\n  }\n}\n`,
        ),
        ['sql-second'],
      );
    });

    it('a module auditing some other, named server leaves this one reported', () => {
      assert.deepEqual(
        scan(
          `${SERVER}\nmodule a './audit.bicep' = {\n  name: 'audit'\n  params: {\n    serverName: 'sql-other'\n  }\n}\n`,
        ),
        ['sql-main'],
      );
    });

    it('a module auditing a server whose name is unknown keeps every server quiet', () => {
      assert.deepEqual(
        scan(
          `param other string\n${SERVER}\nmodule a './audit.bicep' = {\n  name: 'audit'\n  params: {\n    serverName: other\n  }\n}\n`,
        ),
        [],
      );
    });
  });
});

describe('SQL-ENTRA-ADMIN with the legacy azurerm_sql_active_directory_administrator (server_name)', () => {
  const admin = (serverName: string): string =>
    `resource "azurerm_sql_active_directory_administrator" "ad" {\n  server_name         = ${serverName}\n  resource_group_name = "rg"\n  login               = "sql-admins"\n  tenant_id           = "00000000-0000-0000-0000-000000000000"\n  object_id           = "00000000-0000-0000-0000-000000000001"\n}\n`;
  const second = SERVER_TF.replace('"a"', '"b"').replace('sql-a', 'sql-b');

  it('links an administrator whose server_name is a literal to that server only', () => {
    assert.deepEqual(found(`${SERVER_TF}\n${second}\n${admin('"sql-a"')}`, 'main.tf', 'SQL-ENTRA-ADMIN'), [
      'sql-b:warning',
    ]);
  });

  it('links an administrator whose server_name references the server', () => {
    assert.deepEqual(found(`${SERVER_TF}\n${admin('azurerm_mssql_server.a.name')}`, 'main.tf', 'SQL-ENTRA-ADMIN'), []);
  });

  it('keeps servers quiet when server_name comes from a variable', () => {
    assert.deepEqual(
      found(
        `${SERVER_TF}\nvariable "server" {\n  type = string\n}\n\n${admin('var.server')}`,
        'main.tf',
        'SQL-ENTRA-ADMIN',
      ),
      [],
    );
  });
});
