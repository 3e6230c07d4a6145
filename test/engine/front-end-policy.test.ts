/** Policy every front end shares: configuration to scan options, and one copy of a finding several scans report. */
import assert from 'node:assert/strict';
import { dropRepeatedFindings, EMPTY_CONFIG, parseRlensConfig, scanOptionsFrom, type Finding } from '../../src/engine';

function finding(file: string, start: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'STG-TLS',
    severity: 'warning',
    message: 'old TLS',
    file,
    span: { start, end: start + 5 },
    resource: { type: 't', name: 'n' },
    layer: 'configurations',
    owner: 'customer',
    related: [],
    fixes: [],
    ...extra,
  };
}

describe('configuration to scan options', () => {
  const { config } = parseRlensConfig(
    'rules: { STG-TLS: warning, KV-RBAC: off }\nreportUnknown: true\nallowedLocations: [westeurope]\nrequireCustomerManagedKeys: false\nsuppressions:\n  - { rule: STG-TLS, resource: a, reason: legacy }\n',
  );

  it('takes what .rlens.yaml says when nothing overrides it', () => {
    const o = scanOptionsFrom(config);
    assert.deepEqual(o.rules, { 'STG-TLS': 'warning', 'KV-RBAC': 'off' });
    assert.equal(o.reportUnknown, true);
    assert.deepEqual(o.allowedLocations, ['westeurope']);
    assert.equal(o.requireCustomerManagedKeys, false);
    assert.equal(o.configSuppressions, config.suppressions);
  });

  it('lets a choice that is set win, rule by rule, whatever the case of its id', () => {
    const o = scanOptionsFrom(config, {
      rules: { 'kv-rbac': 'error' },
      reportUnknown: false,
      allowedLocations: ['northeurope'],
      requireCustomerManagedKeys: true,
    });
    assert.deepEqual(o.rules, { 'STG-TLS': 'warning', 'KV-RBAC': 'error' });
    assert.equal(o.reportUnknown, false);
    assert.deepEqual(o.allowedLocations, ['northeurope']);
    assert.equal(o.requireCustomerManagedKeys, true);
  });

  it('defaults to reporting no unknowns and no requirements without configuration', () => {
    const o = scanOptionsFrom(EMPTY_CONFIG);
    assert.deepEqual(o, { rules: {}, reportUnknown: false, configSuppressions: [] });
  });
});

describe('one copy of a repeated finding', () => {
  const report = (file: string, findings: Finding[]): { file: string; findings: { finding: Finding }[] } => ({
    file,
    findings: findings.map((f) => ({ finding: f })),
  });

  it("keeps a module's finding once, in the report of the module scanned directly", () => {
    const inModule = finding('mod/storage.bicep', 10);
    const [caller, module] = dropRepeatedFindings([
      report('main.bicep', [finding('main.bicep', 3), inModule]),
      report('mod/storage.bicep', [inModule]),
    ]);
    assert.deepEqual(
      caller?.findings.map((x) => x.finding.file),
      ['main.bicep'],
    );
    assert.deepEqual(
      module?.findings.map((x) => x.finding.file),
      ['mod/storage.bicep'],
    );
  });

  it('keeps the first copy when no scan covered the module directly, and spells paths one way', () => {
    const a = report('./a/main.bicep', [finding('./mod/s.bicep', 10)]);
    const b = report('b/main.bicep', [finding('mod/s.bicep', 10)]);
    const out = dropRepeatedFindings([a, b], (p) => p.replace(/^\.\//, ''));
    assert.equal(out[0], a, 'an unchanged report keeps its identity');
    assert.deepEqual(out[1]?.findings, []);
  });

  it("drops a .bicepparam finding its template's scan reports with the value as a related location", () => {
    const template = finding('main.bicep', 40, {
      related: [{ file: 'main.bicepparam', span: { start: 20, end: 25 }, message: 'value' }],
    });
    const out = dropRepeatedFindings([
      report('main.bicep', [template]),
      report('main.bicepparam', [finding('main.bicepparam', 20)]),
    ]);
    assert.equal(out[0]?.findings.length, 1);
    assert.deepEqual(out[1]?.findings, []);
  });

  it('keeps findings that differ in rule, span or message', () => {
    const out = dropRepeatedFindings([
      report('m.bicep', [finding('x.bicep', 1)]),
      report('n.bicep', [
        finding('x.bicep', 2),
        finding('x.bicep', 1, { message: 'other' }),
        finding('x.bicep', 1, { ruleId: 'KV-RBAC' }),
      ]),
    ]);
    assert.equal(out[1]?.findings.length, 3);
  });
});
