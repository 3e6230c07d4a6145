import assert from 'node:assert/strict';
import { applyEdits, scanText } from '../../src/engine';
import { formatSuppressionComment, parseSuppressionComment } from '../../src/engine/suppress/comment';
import { readFileSync, RULE_FIXTURES, join } from '../helpers/fixtures';

describe('suppressions', () => {
  it('reads rule ids, a reason and an expiry from a comment', () => {
    assert.deepEqual(
      parseSuppressionComment('// rlens-disable-next-line STG-TLS, stg-https -- legacy clients [until 2027-03-31]'),
      {
        ruleIds: ['STG-TLS', 'STG-HTTPS'],
        reason: 'legacy clients',
        until: '2027-03-31',
      },
    );
    assert.deepEqual(parseSuppressionComment('# rlens-disable-next-line NSG-SSH'), {
      ruleIds: ['NSG-SSH'],
      reason: '',
    });
    assert.equal(parseSuppressionComment('// just a comment'), undefined);
    assert.equal(
      formatSuppressionComment('KV-PURGE', 'test vault\nsecond line'),
      'rlens-disable-next-line KV-PURGE -- test vault second line',
    );
  });

  const file = join(RULE_FIXTURES, 'STG-TLS', 'arm', 'insecure.json');
  const text = readFileSync(file, 'utf8');

  function suppressFirst(reason: string, until?: string): string {
    const r = scanText(text, file, {});
    const finding = r.findings.find((f) => f.ruleId === 'STG-TLS');
    const resource = r.document?.resources.find((x) => x.name === finding?.resource.name);
    assert.ok(resource && r.document);
    return applyEdits(text, r.document.writer.suppress(resource, 'STG-TLS', reason, until), file).text;
  }

  it('ARM: the suppress fix writes a reasoned metadata entry that silences only that resource', () => {
    const edited = suppressFirst('legacy clients need TLS 1.0', '2027-01-31');
    assert.match(
      edited,
      /"metadata": \{\s*"rlens-disable": \[\{ "rule": "STG-TLS", "reason": "legacy clients need TLS 1.0", "until": "2027-01-31" \}\]/,
    );
    const r = scanText(edited, file, { today: '2026-11-22' });
    const tls = r.findings.filter((f) => f.ruleId === 'STG-TLS');
    assert.equal(tls.filter((f) => f.suppressed).length, 1);
    assert.equal(tls.filter((f) => !f.suppressed).length, 2);
    assert.equal(tls.find((f) => f.suppressed)?.suppressed?.reason, 'legacy clients need TLS 1.0');
  });

  it('an expired suppression lets the finding return and says when it lapsed', () => {
    const edited = suppressFirst('temporary', '2026-01-01');
    const r = scanText(edited, file, { today: '2026-11-22' });
    const back = r.findings.find((f) => f.ruleId === 'STG-TLS' && /expired on 2026-01-01/.test(f.message));
    assert.ok(back && !back.suppressed);
  });

  it('a suppression without a reason does not suppress and says why', () => {
    const edited = suppressFirst('');
    const r = scanText(edited, file, {});
    assert.ok(r.findings.some((f) => f.ruleId === 'STG-TLS' && !f.suppressed && /gives no reason/.test(f.message)));
  });

  it('configuration suppressions match by rule and resource', () => {
    const r = scanText(text, file, {
      configSuppressions: [{ ruleId: 'STG-TLS', resource: 'stparam', reason: 'tracked in JIRA-12' }],
    });
    const tls = r.findings.filter((f) => f.ruleId === 'STG-TLS');
    assert.deepEqual(
      tls.filter((f) => f.suppressed).map((f) => f.resource.name),
      ['stparam'],
    );
    assert.equal(tls.find((f) => f.suppressed)?.suppressed?.source, 'config');
  });
});
