/** RLENS-UNUSED-SUPPRESSION: judged after every rule ran, in the document, and across a scan for `.rlens.yaml`. */
import assert from 'node:assert/strict';
import {
  allRules,
  scanText,
  unusedConfigSuppressions,
  UNUSED_SUPPRESSION_ID,
  type ConfigSuppression,
} from '../../src/engine';

const TF = `# rlens-disable-next-line STG-TLS -- legacy clients
resource "azurerm_storage_account" "a" {
  name                = "sta"
  resource_group_name = "rg"
  location            = "westeurope"
  min_tls_version     = "TLS1_2"
}
`;

function unused(text: string, options: Parameters<typeof scanText>[2] = {}): string[] {
  return scanText(text, 'main.tf', options)
    .findings.filter((f) => f.ruleId === UNUSED_SUPPRESSION_ID)
    .map((f) => f.message);
}

describe('unused suppressions', () => {
  it('reports a suppression that matched no finding, as info, on the comment line', () => {
    const r = scanText(TF, 'main.tf', {});
    const f = r.findings.find((x) => x.ruleId === UNUSED_SUPPRESSION_ID);
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.equal(f.layer, 'configurations');
    assert.equal(f.span.start, 0);
    assert.match(f.message, /suppression of STG-TLS on 'sta' matches no finding/);
  });

  it('counts a verdict on an unknown value as a use, reported or not', () => {
    const text = `variable "v" {\n  type = string\n}\n\n${TF.replace('"TLS1_2"', 'var.v')}`;
    assert.deepEqual(unused(text), []);
    assert.deepEqual(unused(text, { reportUnknown: true }), []);
  });

  it('leaves suppressions of a rule switched off alone, and can itself be switched off or re-levelled', () => {
    assert.deepEqual(unused(TF, { rules: { 'STG-TLS': 'off' } }), []);
    assert.deepEqual(unused(TF, { rules: { [UNUSED_SUPPRESSION_ID]: 'off' } }), []);
    const f = scanText(TF, 'main.tf', { rules: { [UNUSED_SUPPRESSION_ID]: 'warning' } }).findings.find(
      (x) => x.ruleId === UNUSED_SUPPRESSION_ID,
    );
    assert.equal(f?.severity, 'warning');
  });

  it('names an unknown rule id', () => {
    assert.deepEqual(unused(TF.replace('STG-TLS', 'STG-TSL')), [
      "The suppression names 'STG-TSL', which is not a Responsibility Lens rule (see 'rlens rules').",
    ]);
  });

  it('marks the configuration suppressions a document used, and reports the rest for the config file', () => {
    const insecure = TF.replace('"TLS1_2"', '"TLS1_0"').replace(/^# .*\n/, '');
    const hit: ConfigSuppression = {
      ruleId: 'STG-TLS',
      resource: 'sta',
      reason: 'legacy',
      span: { start: 10, end: 20 },
    };
    const miss: ConfigSuppression = {
      ruleId: 'STG-TLS',
      resource: 'gone',
      reason: 'legacy',
      span: { start: 30, end: 40 },
    };
    const typo: ConfigSuppression = { ruleId: 'KV-PURGEE', reason: 'typo', span: { start: 50, end: 60 } };
    const r = scanText(insecure, 'main.tf', { configSuppressions: [hit, miss, typo] });
    assert.ok(r.findings.find((f) => f.ruleId === 'STG-TLS')?.suppressed);
    assert.deepEqual(r.usedConfigSuppressions, [hit]);
    const used = new Set(r.usedConfigSuppressions);
    const rule = allRules().find((x) => x.id === UNUSED_SUPPRESSION_ID);
    assert.ok(rule);
    const found = unusedConfigSuppressions({
      rule,
      configFile: '.rlens.yaml',
      suppressions: [hit, miss, typo],
      used,
      known: new Set(allRules().map((x) => x.id)),
      off: new Set(),
      covered: () => true,
    });
    assert.deepEqual(
      found.map((f) => [f.file, f.span.start, f.message]),
      [
        [
          '.rlens.yaml',
          30,
          "The .rlens.yaml suppression of STG-TLS for resource 'gone' in any file matches no finding in the scanned files; remove it.",
        ],
        [
          '.rlens.yaml',
          50,
          "The suppression names 'KV-PURGEE', which is not a Responsibility Lens rule (see 'rlens rules').",
        ],
      ],
    );
    assert.deepEqual(
      unusedConfigSuppressions({
        rule,
        configFile: '.rlens.yaml',
        suppressions: [miss],
        used,
        known: new Set(allRules().map((x) => x.id)),
        off: new Set(),
        covered: () => false,
      }),
      [],
      'a suppression for files outside the scan is not judged',
    );
  });
});
