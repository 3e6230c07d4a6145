/** A scan with everything the HTML and Markdown reports show: hostile names, a suppression, an error, a note. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../../src/engine';
import { toFileReport, type FileReport } from '../../src/engine/report/file-report';
import { toJsonReport, type JsonReport } from '../../src/engine/report/json';
import { ROOT } from '../helpers/fixtures';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>![t](https://x)';

export const HOSTILE_BICEP = `param location string = resourceGroup().location

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${HOSTILE_NAME}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_0'
    allowBlobPublicAccess: true
  }
}

// rlens-disable-next-line KV-RBAC -- <b>legacy</b> access policies [until 2099-01-01]
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-<script>x</script>'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: false
  }
}

module reg 'br/public:avm/res/storage/storage-account:0.9.0' = {
  name: 'reg'
}
`;

const BROKEN_ARM =
  '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ {';

/** The hostile Bicep file, a broken ARM template and the three samples, as the CLI would report them. */
export function reportFixture(): { reports: FileReport[]; json: JsonReport } {
  const files: Array<[string, string]> = [
    ['hostile/main.bicep', HOSTILE_BICEP],
    ['hostile/broken.json', BROKEN_ARM],
    ...['samples/arm/azuredeploy.json', 'samples/bicep/main.bicep', 'samples/terraform/main.tf'].map(
      (f): [string, string] => [f, readFileSync(join(ROOT, f), 'utf8')],
    ),
  ];
  const host = {
    readFile: (f: string): string | undefined => files.find(([name]) => name === f)?.[1] ?? safeRead(join(ROOT, f)),
  };
  const reports = files.map(([file, text]) => toFileReport(scanText(text, file, { host }), text, host.readFile));
  return { reports, json: toJsonReport(reports) };
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
