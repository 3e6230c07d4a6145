/**
 * APP-KEY-SETTINGS edge cases the fixtures do not show: what is not a key (reading the app's own settings with
 * list(), a callback URL, a parameter, a Key Vault reference), keys hidden in a list that is otherwise unknown,
 * and that a message never repeats the key.
 */
import assert from 'node:assert/strict';
import { scanText, type Finding } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

const RULE = 'APP-KEY-SETTINGS';

function findings(text: string, file: string): Finding[] {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings.filter((f) => f.ruleId === RULE);
}

const bicepSite = (settings: string, prelude = ''): string => `param base array
@secure()
param queueConnection string = ''
${prelude}
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stdata'
}
resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-x'
  location: 'westeurope'
  properties: {
    siteConfig: {
      appSettings: ${settings}
    }
  }
}
`;

describe(RULE, () => {
  it('reading the current app settings with list() is not reading a key', () => {
    const text = `param appName string
resource cfg 'Microsoft.Web/sites/config@2023-12-01' = {
  name: '\${appName}/appsettings'
  properties: union(list(resourceId('Microsoft.Web/sites/config', appName, 'appsettings'), '2023-12-01').properties, {
    EXTRA: 'value'
  })
}
`;
    assert.deepEqual(
      findings(text, 'main.bicep').map((f) => f.message),
      [],
    );
  });

  it('a Logic App callback URL, a parameter and a Key Vault reference are not judged', () => {
    const text = bicepSite(`[
        { name: 'HOOK', value: listCallbackUrl(resourceId('Microsoft.Logic/workflows/triggers', 'wf', 'manual'), '2019-05-01').value }
        { name: 'BASE', value: base[0] }
        { name: 'QUEUE', value: queueConnection }
        { name: 'KV', value: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/k/)' }
        { name: 'DOC', value: 'Put AccountKey= in local.settings.json' }
      ]`);
    assert.deepEqual(
      findings(text, 'main.bicep').map((f) => f.message),
      [],
    );
  });

  it('a key added to settings that are otherwise unknown is still found, without a setting name', () => {
    const text = bicepSite(`concat(base, [
        { name: 'KEY', value: st.listKeys().keys[0].value }
      ])`);
    const found = findings(text, 'main.bicep');
    assert.equal(found.length, 1);
    assert.match(
      found[0]?.message ?? '',
      /^An app setting of 'app-x' is set from listKeys\(\) of Storage account 'stdata'/,
    );
  });

  it('a key in a variable joined to settings that are otherwise unknown is found too', () => {
    const text = bicepSite(
      'concat(base, extra)',
      "var extra = [\n  { name: 'KEY', value: st.listKeys().keys[0].value }\n]",
    );
    const found = findings(text, 'main.bicep');
    assert.equal(found.length, 1);
    assert.match(
      found[0]?.message ?? '',
      /^An app setting of 'app-x' is set from listKeys\(\) of Storage account 'stdata'/,
    );
  });

  it('the Functions content share setting gets advice it can follow', () => {
    const text = bicepSite(`[
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: 'DefaultEndpointsProtocol=https;AccountName=\${st.name};AccountKey=\${st.listKeys().keys[0].value}' }
      ]`);
    const [message, ...rest] = findings(text, 'main.bicep').map((f) => f.message);
    assert.equal(rest.length, 0);
    assert.match(
      message ?? '',
      /content share, keep it in Key Vault and reference it, or host the app on a plan without one/,
    );
  });

  it('ARM with symbolic names: listKeys() of a symbolic name names the resource', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      contentVersion: '1.0.0.0',
      resources: {
        storage: {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: 'stdata',
          location: 'westeurope',
          sku: { name: 'Standard_LRS' },
          kind: 'StorageV2',
        },
        site: {
          type: 'Microsoft.Web/sites',
          apiVersion: '2023-12-01',
          name: 'app-x',
          location: 'westeurope',
          properties: {
            siteConfig: { appSettings: [{ name: 'KEY', value: "[listKeys('storage', '2023-05-01').keys[0].value]" }] },
          },
        },
      },
    });
    const [message, ...rest] = findings(text, 'azuredeploy.json').map((f) => f.message);
    assert.equal(rest.length, 0);
    assert.match(message ?? '', /^App setting 'KEY' of 'app-x' is set from listKeys\(\) of Storage account 'stdata'/);
  });

  it('a literal key from a parameter default is reported; the key is never repeated', () => {
    const key = 'c2VjcmV0LW5vdC1yZWFsLWtleS1mb3ItdGVzdHM=';
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "conn": { "type": "string", "defaultValue": "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${key};EndpointSuffix=core.windows.net" } },
  "resources": [
    { "type": "Microsoft.Web/sites/config", "apiVersion": "2023-12-01", "name": "app-x/appsettings", "properties": { "Storage": "[parameters('conn')]" } }
  ]
}`;
    const found = findings(text, 'azuredeploy.json');
    assert.equal(found.length, 1);
    assert.match(
      found[0]?.message ?? '',
      /^App setting 'Storage' of 'app-x\/appsettings' has its AccountKey written in the template: /,
    );
    assert.ok(!found.some((f) => f.message.includes(key.slice(0, 12))));
  });

  it('Terraform: a key merged into a map that is otherwise unknown is found; storage_account_access_key from a variable is not judged', () => {
    const text = `variable "key" {
  type = string
}
resource "azurerm_linux_function_app" "fn" {
  name                       = "fn"
  resource_group_name        = "rg"
  location                   = "westeurope"
  service_plan_id            = "plan"
  storage_account_name       = "st"
  storage_account_access_key = var.key
  site_config {}
  app_settings = merge(var.extra, { KEY = azurerm_storage_account.st.primary_access_key })
}
variable "extra" {
  type = map(string)
}
`;
    const found = findings(text, 'main.tf');
    assert.equal(found.length, 1);
    assert.match(
      found[0]?.message ?? '',
      /^An app setting of 'fn' is set from primary_access_key of azurerm_storage_account\.st/,
    );
  });
});
