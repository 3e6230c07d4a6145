/**
 * MI-USAGE edge cases the fixtures do not show: a client id that a parameter sets is unknown (info, shown only
 * with --report-unknown), and 'msi' from a default or an identity known only at deployment is no verdict.
 */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

function verdicts(text: string, file: string): string[] {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }), reportUnknown: true });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings
    .filter((f) => f.ruleId === 'MI-USAGE')
    .map((f) => `${f.resource.name} ${f.unknown ? 'unknown' : f.severity}`)
    .sort();
}

const cluster = (
  name: string,
  extra: string,
): string => `resource ${name} 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: '${name}'
  location: 'westeurope'
  ${extra}
}
`;

describe('MI-USAGE', () => {
  it('Bicep: parameters make the verdict unknown; an msi default and a managed identity are clean', () => {
    const text = `param clientId string
param msiDefault string = 'msi'
param identityType string
${cluster('fromParam', 'properties: { servicePrincipalProfile: { clientId: clientId } }')}${cluster('msiDefault', 'properties: { servicePrincipalProfile: { clientId: msiDefault } }')}${cluster('identityParam', "identity: { type: identityType }\n  properties: { servicePrincipalProfile: { clientId: '3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f4a90' } }")}${cluster('userAssigned', "identity: { type: 'UserAssigned' }\n  properties: { servicePrincipalProfile: { clientId: '3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f4a90' } }")}${cluster('neither', "properties: { dnsPrefix: 'x' }")}`;
    assert.deepEqual(verdicts(text, '/t/main.bicep'), ['fromParam unknown', 'identityParam unknown']);
  });
});
