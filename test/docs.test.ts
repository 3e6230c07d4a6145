/**
 * Generated rule docs: every rule has a page, every page is what `npm run docs` writes today, and the examples on
 * a page are the rule's fixtures (so the insecure example is one the fixture test proves flagged).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { allRules, type Dialect } from '../src/engine';
import { DIALECT_EXT, isGenerated, REGENERATE, renderAll, stripMarkers } from '../src/docs/rule-docs';
import { ROOT, existsSync, join, readFileSync } from './helpers/fixtures';

const DOCS = join(ROOT, 'docs', 'rules');

function readFixture(id: string, dialect: Dialect, kind: string): string | undefined {
  const file = join(ROOT, 'test', 'fixtures', 'rules', id, dialect, `${kind}.${DIALECT_EXT[dialect]}`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

describe('generated rule docs', () => {
  const rules = allRules();
  const expected = renderAll(rules, readFixture);
  const fixHint = `run \`${REGENERATE}\` (node scripts/gen-docs.mjs) and commit docs/rules/`;

  it('every rule has a page, linked from docs/rules/README.md', () => {
    const index = existsSync(join(DOCS, 'README.md')) ? readFileSync(join(DOCS, 'README.md'), 'utf8') : '';
    for (const r of rules) {
      assert.ok(existsSync(join(DOCS, `${r.id}.md`)), `docs/rules/${r.id}.md is missing: ${fixHint}`);
      assert.ok(index.includes(`](${r.id}.md)`), `docs/rules/README.md does not link ${r.id}: ${fixHint}`);
    }
  });

  for (const [name, text] of expected) {
    it(`docs/rules/${name} is current`, () => {
      const file = join(DOCS, name);
      assert.ok(existsSync(file), `docs/rules/${name} is missing: ${fixHint}`);
      // Compared as a boolean so that the failure names the file and the command, not a 500-line diff.
      assert.ok(readFileSync(file, 'utf8') === text, `docs/rules/${name} is stale: ${fixHint}`);
    });
  }

  it('has no generated page for a rule that left the catalog', () => {
    const orphans = readdirSync(DOCS).filter(
      (f) => f.endsWith('.md') && !expected.has(f) && isGenerated(readFileSync(join(DOCS, f), 'utf8')),
    );
    assert.deepEqual(orphans, [], `pages without a rule: ${fixHint}`);
  });

  it('shows each fixture verbatim with the expect: markers removed', () => {
    assert.equal(
      stripMarkers(
        'a: 1 // expect: STG-TLS\n  # expect: NSG-SSH, NSG-RDP\nb = 2 # expect: X-Y\n"c": 3 /* expect: A-B */',
      ),
      'a: 1\nb = 2\n"c": 3',
    );
    assert.equal(
      stripMarkers('// rlens-disable-next-line STG-TLS -- fixed // expect: RLENS-UNUSED-SUPPRESSION'),
      '// rlens-disable-next-line STG-TLS -- fixed',
    );
    const page = expected.get('STG-TLS.md') ?? '';
    const insecure = readFixture('STG-TLS', 'azurerm', 'insecure') ?? '';
    assert.ok(page.includes(stripMarkers(insecure)));
    assert.ok(!/expect:/.test(page));
    for (const heading of [
      '## What it checks',
      '## Why it matters',
      '## Examples',
      '## Fix',
      '## Microsoft cloud security benchmark',
      '## Azure Policy built-in',
      '## References',
    ]) {
      assert.ok(page.includes(`\n${heading}\n`), heading);
    }
  });
});
