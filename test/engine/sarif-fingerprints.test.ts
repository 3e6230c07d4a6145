/** SARIF partialFingerprints: an alert keeps its identity when lines move, and two alerts never share one. */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';
import { toFileReport } from '../../src/engine/report/file-report';
import { FINGERPRINT_KEY, toSarif } from '../../src/engine/report/sarif';

interface SarifResult {
  readonly ruleId: string;
  readonly properties: { readonly resource: { readonly name: string } };
  readonly partialFingerprints: Record<string, string>;
  readonly locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
}

function results(text: string): SarifResult[] {
  const file = 'infra/main.bicep';
  const sarif = toSarif([toFileReport(scanText(text, file, { today: '2026-01-01' }), text)], '0.0.0') as {
    runs: Array<{ results: SarifResult[] }>;
  };
  return sarif.runs[0]!.results;
}

const storage = (
  symbol: string,
  name: string,
): string => `resource ${symbol} 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${name}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_0'
    allowBlobPublicAccess: true
  }
}
`;

const byKey = (rs: SarifResult[]): Map<string, string> =>
  new Map(
    rs.map((r) => [`${r.ruleId} ${r.properties.resource.name}`, r.partialFingerprints[FINGERPRINT_KEY] as string]),
  );

describe('SARIF partialFingerprints', () => {
  it('are unique within a run', () => {
    const rs = results(storage('a', 'sta') + storage('b', 'stb'));
    const prints = rs.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.ok(rs.length >= 4);
    assert.equal(new Set(prints).size, prints.length);
  });

  it('stay the same when a resource is inserted above and every line moves', () => {
    const before = results(storage('b', 'stb'));
    const after = results(storage('a', 'sta') + storage('b', 'stb'));
    const moved = after.filter((r) => r.properties.resource.name === 'stb');
    assert.ok(
      moved[0]!.locations[0]!.physicalLocation.region.startLine >
        before[0]!.locations[0]!.physicalLocation.region.startLine,
    );
    const old = byKey(before);
    for (const [key, print] of byKey(moved)) assert.equal(print, old.get(key), key);
  });

  it('change when the resource is another one', () => {
    const a = byKey(results(storage('a', 'sta')));
    const b = byKey(results(storage('a', 'stz')));
    assert.notEqual(a.get('STG-TLS sta'), b.get('STG-TLS stz'));
  });
});
