/**
 * Regression fixtures (test/fixtures/regressions): inputs that once crashed, hung or passed silently. Each must
 * now pass the fuzzer's checks; see the README there for what each one was. Their time budgets are checked by
 * `npm run test:robustness` (test/robustness/regression-budgets.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScannable, scanText } from '../../src/engine';
import { FIXTURES } from '../helpers/fixtures';
import { checkScan } from '../robustness/check';

const DIR = join(FIXTURES, 'regressions');

describe('robustness: regression fixtures', () => {
  const files = readdirSync(DIR)
    .filter((f) => f !== 'README.md')
    .sort();

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

  it('a suppression comment whose reason holds 60,000 spaces keeps its reason, in Bicep and Terraform', () => {
    const spaces = ' '.repeat(60_000);
    const cases: Array<[string, string]> = [
      [
        '/w/main.bicep',
        `// rlens-disable-next-line STG-TLS -- legacy${spaces}clients [until 2099-01-01]\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: 'westeurope'\n  properties: {\n    minimumTlsVersion: 'TLS1_0'\n  }\n}\n`,
      ],
      [
        '/w/main.tf',
        `# rlens-disable-next-line STG-TLS -- legacy${spaces}clients\nresource "azurerm_storage_account" "st" {\n  name            = "st"\n  min_tls_version = "TLS1_0"\n}\n`,
      ],
    ];
    for (const [file, text] of cases) {
      const { problem } = checkScan(text, file);
      assert.equal(problem, undefined, file);
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
