/** `--format html`: one self-contained page, everything from scanned files escaped, the matrix the JSON implies. */
import assert from 'node:assert/strict';
import { toHtml } from '../../src/engine/report/html';
import { HOSTILE_NAME, reportFixture } from './report-fixture';

describe('HTML report', () => {
  const { reports, json } = reportFixture();
  const html = toHtml(reports, { toolVersion: '9.9.9', sarifHref: 'out/rlens.sarif' });

  it('is one file that loads nothing and runs nothing', () => {
    assert.match(html, /^<!DOCTYPE html>/);
    assert.equal(html.match(/<style>/g)?.length, 1);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|<object|@import|url\(/i);
    // The page forbids scripts and fetches even if something slipped through.
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    // Links are to rule docs (https) or the SARIF file beside it; none loads anything by itself.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g))
      assert.match(href as string, /^(https:\/\/|out\/rlens\.sarif$)/);
  });

  it('escapes names, messages and reasons taken from the scanned files', () => {
    assert.ok(!html.includes(HOSTILE_NAME));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;![t](https://x)'));
    assert.ok(!html.includes('<script>x</script>'));
    assert.ok(html.includes('kv-&lt;script&gt;x&lt;/script&gt;'));
    assert.ok(html.includes('&lt;b&gt;legacy&lt;/b&gt; access policies'));
    assert.doesNotMatch(html, /<b>legacy/);
  });

  it('shows the matrix numbers the JSON report implies, for every layer × IaaS/PaaS/SaaS cell', () => {
    const cells = [
      ...html.matchAll(
        /<td class="[^"]*" data-layer="([^"]+)" data-model="([^"]+)" data-owner="([^"]+)" data-open="(\d+)"/g,
      ),
    ];
    assert.equal(cells.length, 30);
    let total = 0;
    for (const [, layer, model, owner, open] of cells) {
      const expected = json.findings.filter(
        (f) => !f.suppressed && f.layer === layer && f.serviceModel === model,
      ).length;
      assert.equal(Number(open), expected, `${layer} × ${model}`);
      if (owner === 'microsoft') assert.equal(expected, 0);
      total += expected;
    }
    const templateLevel = json.findings.filter((f) => !f.suppressed && f.serviceModel === null).length;
    assert.ok(total > 0 && templateLevel > 0);
    assert.equal(total + templateLevel, json.findings.filter((f) => !f.suppressed).length);
    assert.match(html, new RegExp(`<strong>${total + templateLevel} open findings</strong>`));
  });

  it('groups open findings by layer, then resource, with file:line, severity, fix, MCSB and Policy', () => {
    const layers = [...html.matchAll(/<h3 id="layer-([a-z-]+)">/g)].map((m) => m[1]);
    assert.deepEqual(layers, ['customer-data', 'configurations', 'identities', 'network-controls']);
    const tls = html.slice(html.indexOf('id="layer-configurations"'), html.indexOf('id="layer-identities"'));
    assert.match(tls, /<li class="sev-error" data-rule="STG-TLS"><span class="sev">error<\/span>/);
    assert.match(tls, /<dt>Where<\/dt><dd class="where">hostile\/main\.bicep:9:/);
    assert.match(tls, /<dt>Fix<\/dt><dd>Set properties\.minimumTlsVersion to /);
    assert.match(tls, /<dt>MCSB<\/dt><dd>DP-3<\/dd>/);
    assert.match(
      tls,
      /<dt>Azure Policy<\/dt><dd>Storage accounts should have the specified minimum TLS version <code>fe83a0eb-/,
    );
    const openCount = json.findings.filter((f) => !f.suppressed).length;
    const listed = html
      .slice(html.indexOf('id="findings"'), html.indexOf('<details'))
      .match(/<li class="sev-/g)?.length;
    assert.equal(listed, openCount);
  });

  it('lists suppressed findings in a collapsed section with their reasons, and errors and notes', () => {
    const details = html.slice(html.indexOf('<details id="suppressed">'), html.indexOf('</details>'));
    assert.ok(
      details.startsWith('<details id="suppressed"><summary>1 suppressed finding'),
      'collapsed (no open attribute)',
    );
    assert.match(details, /data-rule="KV-RBAC"[\s\S]*<dt>Suppressed<\/dt><dd>&lt;b&gt;legacy/);
    assert.match(html, /<h2 id="errors">Could not be analysed \(1 file\)<\/h2>/);
    assert.match(html, /hostile\/broken\.json:1<\/span> invalid JSON/);
    assert.match(html, /<h2 id="notes">[\s\S]*registry module/);
  });
});
