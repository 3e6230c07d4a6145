import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, loadRules } from '../../src/engine';
import { RULE_FILES } from '../../src/engine/rules/catalog';
import { RuleLoadError } from '../../src/engine/rules/load';
import { ROOT } from '../helpers/fixtures';

/** Ids once published are never reused for another meaning; retired ids stay listed here. */
const RETIRED_IDS: readonly string[] = [];

describe('rule catalog', () => {
  const rules = allRules();

  it('registers every rule file in the catalog folder', () => {
    const onDisk = readdirSync(join(ROOT, 'src', 'engine', 'rules', 'catalog'))
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    assert.deepEqual(RULE_FILES.map(([f]) => f).sort(), onDisk);
  });

  it('validates the YAML sources themselves (the bundle carries them as JSON), with line numbers on error', () => {
    const dir = join(ROOT, 'src', 'engine', 'rules', 'catalog');
    const fromYaml = loadRules(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
    );
    assert.deepEqual(
      fromYaml.map((r) => r.id),
      rules.map((r) => r.id),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(fromYaml)), JSON.parse(JSON.stringify(rules)));
  });

  it('has unique ids, file names matching ids, and no retired id', () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of rules) {
      // A YAML rule's file is named by its id; a code rule with `meta` is its unit's file, and has no YAML.
      assert.equal(
        r.source,
        r.code !== undefined && r.source.endsWith('.ts')
          ? `src/engine/rules/checks/${r.code}.ts`
          : `${r.id.toLowerCase()}.yaml`,
      );
      assert.ok(!RETIRED_IDS.includes(r.id), `${r.id} is retired`);
    }
  });

  it('gives every rule a layer, references, an MCSB control (or a reason) and a message per outcome', () => {
    for (const r of rules) {
      assert.ok(r.references.length > 0, `${r.id}: references`);
      assert.ok(r.mcsb.length > 0 || /no MCSB/i.test(r.rationale), `${r.id}: mcsb`);
      if (r.checks.length > 0) {
        assert.ok(r.messages.insecure, `${r.id}: insecure message`);
        if (r.checks.some((c) => c.absent !== 'secure')) assert.ok(r.messages.absent, `${r.id}: absent message`);
      }
      for (const m of Object.values(r.messages)) assert.match(m, /\.$|\)$/, `${r.id}: messages end like sentences`);
    }
  });

  it('leaves no scaffold placeholder (TODO) in rule files, code units or fixtures', () => {
    const dir = (...p: string[]) => join(ROOT, ...p);
    const filesUnder = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? filesUnder(join(d, e.name)) : [join(d, e.name)],
      );
    for (const r of rules) {
      // A code rule with `meta` has no YAML file: its source is the unit itself.
      const yaml = r.source.endsWith('.ts') ? [] : [dir('src', 'engine', 'rules', 'catalog', r.source)];
      const files = [...yaml, ...(r.code ? [dir('src', 'engine', 'rules', 'checks', `${r.code}.ts`)] : [])];
      const fixtures = dir('test', 'fixtures', 'rules', r.id);
      if (existsSync(fixtures)) files.push(...filesUnder(fixtures));
      for (const f of files) {
        const line = readFileSync(f, 'utf8')
          .split('\n')
          .findIndex((l) => /\bTODO\b/.test(l));
        assert.equal(
          line,
          -1,
          `${r.id}: ${f.slice(ROOT.length + 1)}:${line + 1} still has a TODO from 'npm run new-rule'`,
        );
      }
    }
  });

  it('names every rule in CHANGELOG.md, with no TODO left there', () => {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    for (const r of rules)
      assert.match(
        changelog,
        new RegExp(`(?<![\\w-])${r.id}(?![\\w-])`),
        `${r.id}: name it in CHANGELOG.md (Unreleased)`,
      );
    // The scaffold's line reads `- ID: TODO what it reports, …`.
    const todo = changelog.split('\n').findIndex((l) => /^- [A-Z][A-Z0-9-]+: TODO\b/.test(l));
    assert.equal(todo, -1, `CHANGELOG.md:${todo + 1} still has the TODO line 'npm run new-rule' wrote`);
  });

  it('phrases titles alike: a plural subject and a present-tense verb, no trailing period', () => {
    for (const r of rules) {
      assert.match(r.title, /^[A-Z][\w -]*s [a-z]/, `${r.id}: "${r.title}"`);
      assert.ok(!r.title.endsWith('.'), r.id);
    }
  });

  it('names the file and line of a bad rule file', () => {
    const bad = 'id: BAD-RULE\ntitle: Bad rules fail\nseverity: fatal\n';
    assert.throws(
      () => loadRules([['bad-rule.yaml', bad]]),
      (e: unknown) => e instanceof RuleLoadError && e.file === 'bad-rule.yaml' && e.line === 3,
    );
    assert.throws(
      () => loadRules([['broken.yaml', 'id: [unclosed\n']]),
      (e: unknown) => e instanceof RuleLoadError && /broken\.yaml:\d+/.test(e.message),
    );
  });

  it('rejects unknown keys instead of ignoring them', () => {
    const text = readFileSync(join(ROOT, 'src', 'engine', 'rules', 'catalog', 'stg-tls.yaml'), 'utf8');
    assert.throws(() => loadRules([['stg-tls.yaml', `${text}\nsevrity: info\n`]]), /unknown key 'sevrity'/);
  });

  describe('check blocks naming several types or paths', () => {
    const prose = [
      'id: TEST-MANY',
      'title: Test blocks expand alike',
      'severity: warning',
      'risk: low',
      'layer: configurations',
      'mcsb: [GS-4]',
      'rationale: For the loader.',
      'remediation: None.',
      'references: [https://example.invalid/]',
      'messages: { insecure: Insecure., absent: Absent., unknown: Unknown. }',
      'checks:',
    ].join('\n');
    const load = (block: string) => loadRules([['test-many.yaml', `${prose}\n${block}`]], []);

    it('expand type by type, paths in the order written, exactly as one block per type and path would', () => {
      const [many] = load(
        '  - dialects: [azurerm]\n    types: [a_type, b_type]\n    paths: [x, y.z]\n    secure: [true]\n    absent: insecure\n',
      );
      const single = (type: string, path: string) =>
        `  - dialects: [azurerm]\n    type: ${type}\n    path: ${path}\n    secure: [true]\n    absent: insecure\n`;
      const [one] = load(
        single('a_type', 'x') + single('a_type', 'y.z') + single('b_type', 'x') + single('b_type', 'y.z'),
      );
      assert.deepEqual(
        many?.checks.map((c) => `${c.type} ${c.path.join('.')}`),
        ['a_type x', 'a_type y.z', 'b_type x', 'b_type y.z'],
      );
      assert.deepEqual(JSON.parse(JSON.stringify(many)), JSON.parse(JSON.stringify(one)));
      assert.deepEqual(many?.resourceTypes, ['a_type', 'b_type']);
    });

    it('reject both forms at once, duplicates, an empty list and aliases shared by several paths', () => {
      assert.throws(
        () =>
          load(
            '  - dialects: [azurerm]\n    type: a\n    types: [a, b]\n    path: x\n    secure: [true]\n    absent: insecure\n',
          ),
        /test-many\.yaml:14: a check names 'type' or 'types', not both/,
      );
      assert.throws(
        () =>
          load('  - dialects: [azurerm]\n    types: [a, a]\n    path: x\n    secure: [true]\n    absent: insecure\n'),
        /'types' names 'a' twice/,
      );
      assert.throws(
        () => load('  - dialects: [azurerm]\n    type: a\n    paths: []\n    secure: [true]\n    absent: insecure\n'),
        /'paths' must list at least one non-empty name/,
      );
      assert.throws(
        () =>
          load(
            '  - dialects: [azurerm]\n    type: a\n    paths: [x, y]\n    aliases: [old_x]\n    secure: [true]\n    absent: insecure\n',
          ),
        /a check with 'aliases' names one 'path'/,
      );
    });
  });
});
