/**
 * Regression fixtures (test/fixtures/regressions): inputs that once crashed, hung or passed silently. Each must
 * now pass the fuzzer's checks; see the README there for what each one was.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScannable, scanText } from '../../src/engine';
import { FIXTURES } from '../helpers/fixtures';
import { budgetMs, checkScan } from './check';

const DIR = join(FIXTURES, 'regressions');

/** An ARM template whose one variable is a large array of objects, used `uses` times by its resources. */
function bigVariableTemplate(items: number, uses: number): string {
  const big = Array.from({ length: items }, (_, i) => ({ name: `n${i}`, search: { query: `q${i}`, category: 'c', tags: { a: i, b: [1, 2, 3] } } }));
  const resources = Array.from({ length: uses }, (_, i) => ({
    type: 'Microsoft.OperationalInsights/workspaces/savedSearches',
    apiVersion: '2020-08-01',
    name: `[concat('ws/', variables('alerts')[copyIndex()].name, '${i}')]`,
    copy: { name: `c${i}`, count: "[length(variables('alerts'))]" },
    properties: { query: "[variables('alerts')[copyIndex()].search.query]", category: "[variables('alerts')[copyIndex()].search.category]" },
  }));
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', variables: { alerts: big }, resources }, null, 2);
}

describe('robustness: regression fixtures', () => {
  const files = readdirSync(DIR).filter((f) => f !== 'README.md').sort();

  it('has a README entry for every fixture', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const f of files) assert.ok(readme.includes(`\`${f}\``), `README.md does not describe ${f}`);
  });

  for (const name of files) {
    it(name, function () {
      const path = join(DIR, name);
      if (!isScannable(path)) {
        // The format's handler is not registered yet; the fixture waits for it.
        this.skip();
      }
      const { problem } = checkScan(readFileSync(path, 'utf8'), path, name.includes('.must-error.'));
      assert.equal(problem, undefined);
    });
  }

  it('an ARM variable holding a large array, used many times, is not copied at every use', () => {
    const text = bigVariableTemplate(1500, 300);
    const { problem, ms } = checkScan(text, '/w/big-variable.json');
    assert.equal(problem, undefined);
    assert.ok(ms < budgetMs(text));
  });

  it('a suppression comment whose reason holds 60,000 spaces is read in linear time, in Bicep and Terraform', () => {
    const spaces = ' '.repeat(60_000);
    const cases: Array<[string, string]> = [
      ['/w/main.bicep', `// rlens-disable-next-line STG-TLS -- legacy${spaces}clients [until 2099-01-01]\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: 'westeurope'\n  properties: {\n    minimumTlsVersion: 'TLS1_0'\n  }\n}\n`],
      ['/w/main.tf', `# rlens-disable-next-line STG-TLS -- legacy${spaces}clients\nresource "azurerm_storage_account" "st" {\n  name            = "st"\n  min_tls_version = "TLS1_0"\n}\n`],
    ];
    for (const [file, text] of cases) {
      const { problem, ms } = checkScan(text, file);
      assert.equal(problem, undefined, file);
      assert.ok(ms < budgetMs(text), `${file}: ${ms} ms`);
      const tls = scanText(text, file, { today: '2026-11-22' }).findings.filter((f) => f.ruleId === 'STG-TLS');
      assert.equal(tls.length, 1, file);
      assert.equal(tls[0]?.suppressed?.reason, `legacy${spaces}clients`, file);
    }
  });

  it('a Bicep resource body that spreads an unknown object is analysed: written values judged, absence not', () => {
    const text = `param base object
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  ...base
  name: 'st'
  location: 'westeurope'
  properties: {
    minimumTlsVersion: 'TLS1_0'
  }
}
`;
    const { problem } = checkScan(text, '/w/spread.bicep');
    assert.equal(problem, undefined);
    const r = scanText(text, '/w/spread.bicep', { today: '2026-11-22' });
    assert.deepEqual(r.errors, []);
    const ids = r.findings.map((f) => f.ruleId);
    assert.ok(ids.includes('STG-TLS'), 'the TLS version written here is judged');
    assert.ok(!ids.includes('STG-PUBLIC-NET'), 'what the spread may supply is not reported absent');
  });
});
