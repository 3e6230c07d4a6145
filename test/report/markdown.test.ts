/** `--format markdown` and the Action's job summary: counts by layer and owner, top findings, escaped text. */
import assert from 'node:assert/strict';
import { LAYERS } from '../../src/engine';
import { toMarkdown } from '../../src/engine/report/markdown';
import { HOSTILE_NAME, reportFixture } from './report-fixture';

describe('Markdown summary', () => {
  const { json } = reportFixture();
  const md = toMarkdown(json, { sarifHref: 'https://example.test/code-scanning?query=tool:"x"' });
  const open = json.findings.filter((f) => !f.suppressed);

  it('counts open findings by layer and owner as the JSON report has them', () => {
    for (const layer of LAYERS) {
      const mine = open.filter((f) => f.layer === layer.id);
      const row = md.split('\n').find((l) => l.startsWith(`| ${layer.title} |`));
      if (mine.length === 0) {
        assert.equal(row, undefined, layer.title);
        continue;
      }
      const customer = mine.filter((f) => f.owner === 'customer').length;
      const shared = mine.filter((f) => f.owner === 'shared').length;
      assert.equal(row, `| ${layer.title} | ${customer} | ${shared} | ${mine.length} |`);
    }
    assert.match(md, new RegExp(`^## Responsibility Lens: ${open.length} open findings in 5 templates$`, 'm'));
    assert.match(md, /; 1 suppressed; 1 file not analysed\./);
  });

  it('lists the top findings, errors first, with file:line and a link to the rule', () => {
    const rows = md.split('\n').filter((l) => /^\| [🔴🟠🔵]/u.test(l));
    assert.equal(rows.length, 10);
    assert.ok(rows.slice(0, 5).every((r) => r.includes('error')));
    assert.match(md, new RegExp(`### Top findings \\(10 of ${open.length}\\)`));
    assert.match(md, /\[STG-TLS\]\(https:\/\/[^)]+STG-TLS\.md\)/);
    assert.match(md, /`hostile\/main\.bicep:9`/);
  });

  it('escapes a hostile resource name so that it shows as text', () => {
    assert.ok(!md.includes(HOSTILE_NAME));
    // Every `<`, `[` and `!` from the name is backslash-escaped: no tag, link or image can open.
    assert.doesNotMatch(md, /(^|[^\\])(<img|<script|!\[|\[t\]\()/m);
    assert.ok(md.includes('\\<img src=x onerror=alert(1)\\>\\!\\[t\\](https://x)'));
  });

  it('links the SARIF report, never through a script URL', () => {
    assert.match(md, /Full report: \[SARIF\]\(https:\/\/example\.test\/code-scanning\?query=tool:%22x%22\)/);
    assert.doesNotMatch(toMarkdown(json, { sarifHref: 'javascript:alert(1)' }), /javascript:/);
    assert.match(toMarkdown(json, { sarifHref: 'out dir/rlens.sarif' }), /\[SARIF\]\(out%20dir\/rlens\.sarif\)/);
  });

  it('says when there is nothing to fix', () => {
    const clean = toMarkdown({
      version: 1,
      findings: [],
      files: [{ file: 'a.bicep', format: 'bicep', resources: 1 }],
      errors: [],
      notes: [],
    });
    assert.match(clean, /^## Responsibility Lens: 0 open findings in 1 template$/m);
    assert.doesNotMatch(clean, /\| Layer \|/);
  });
});
