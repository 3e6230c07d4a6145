/**
 * What the editor relies on when it rescans a buffer on every keystroke: files beside it that did not change are
 * reused (parameter files, Terraform module files, Bicep modules are cached by path and text inside the engine),
 * and a change to one of them is seen on the next scan, never a stale verdict.
 */
import * as assert from 'node:assert/strict';
import { scanText, type FileHost } from '../../src/engine';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "httpsOnly": { "type": "bool" } },
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "st", "location": "westeurope",
      "kind": "StorageV2", "sku": { "name": "Standard_LRS" },
      "properties": { "minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": "[parameters('httpsOnly')]" } }
  ]
}`;

const parameters = (value: string): string =>
  `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": { "httpsOnly": { "value": ${value} } } }`;

describe('keystroke path: files beside the scanned buffer', () => {
  it('sees an edited parameter file on the next scan, and the unchanged one again after', () => {
    const files = new Map<string, string>([['/w/main.parameters.json', parameters('false')]]);
    const host: FileHost = {
      readFile: (p) => files.get(p),
      listDirectory: () => ['main.json', 'main.parameters.json'],
    };
    const https = (): string[] =>
      scanText(TEMPLATE, '/w/main.json', { host })
        .findings.filter((f) => f.ruleId === 'STG-HTTPS')
        .map((f) => f.message);
    assert.equal(https().length, 1, 'false from the parameter file');
    // Repeated keystrokes in the template: same verdict while the parameter file stays the same.
    for (let i = 0; i < 3; i++) assert.equal(https().length, 1);
    files.set('/w/main.parameters.json', parameters('true'));
    assert.deepEqual(https(), [], 'true after the parameter file changed');
    files.set('/w/main.parameters.json', '{ "parameters": ');
    const broken = scanText(TEMPLATE, '/w/main.json', { host });
    assert.ok(
      broken.errors.some((e) => /parameter file main\.parameters\.json could not be read/.test(e.message)),
      'a broken file says so on every scan',
    );
    assert.ok(scanText(TEMPLATE, '/w/main.json', { host }).errors.some((e) => /could not be read/.test(e.message)));
    files.set('/w/main.parameters.json', parameters('false'));
    assert.equal(https().length, 1);
  });
});
