/**
 * Every rule, every dialect it claims: the insecure fixture is flagged exactly on its `expect:` lines, the
 * secure one is clean, and applying the fixes yields the `fixed` fixture, which re-scans clean.
 */
import assert from 'node:assert/strict';
import { parseTree, type ParseError } from 'jsonc-parser';
import { allRules, FORMATS, type ScanOptions } from '../../src/engine';
import {
  DIALECT_EXT,
  DIALECT_FORMAT,
  RULE_FIXTURES,
  existsSync,
  fixAll,
  join,
  lineOf,
  listDirs,
  markers,
  readFileSync,
  scanFile,
} from '../helpers/fixtures';

describe('rule fixtures', () => {
  const rules = allRules();

  it('every fixture folder names a rule in the catalog', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const dir of listDirs(RULE_FIXTURES)) assert.ok(ids.has(dir), `test/fixtures/rules/${dir} has no rule`);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      // A dialect's fixtures become mandatory as soon as its format is registered.
      const registered = new Set(FORMATS.map((f) => f.format as string));
      // Rules that judge against the data owner's requirements (allowed regions, …) take them from options.json.
      const optionsFile = join(RULE_FIXTURES, rule.id, 'options.json');
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as ScanOptions) : {};
      for (const dialect of rule.dialects.filter((d) => registered.has(DIALECT_FORMAT[d] as string))) {
        const dir = join(RULE_FIXTURES, rule.id, dialect);
        const ext = DIALECT_EXT[dialect] as string;
        const insecure = join(dir, `insecure.${ext}`);
        const secure = join(dir, `secure.${ext}`);
        const fixed = join(dir, `fixed.${ext}`);

        it(`${dialect}: has insecure and secure fixtures`, () => {
          assert.ok(existsSync(insecure), `missing ${insecure}`);
          assert.ok(existsSync(secure), `missing ${secure}`);
        });

        it(`${dialect}: flags exactly the marked lines`, function () {
          if (!existsSync(insecure)) this.skip();
          const { text, findings, errors } = scanFile(insecure, options);
          assert.deepEqual(errors, [], 'the fixture must analyse without errors');
          const expected = markers(text, rule.id);
          assert.ok(expected.length > 0, 'an insecure fixture needs at least one expect marker');
          const actual = findings
            .filter((f) => f.ruleId === rule.id && !f.suppressed)
            .map((f) => `${lineOf(text, f.span.start)}:${f.ruleId}`)
            .sort();
          assert.deepEqual(actual, expected);
        });

        it(`${dialect}: the secure fixture is clean`, function () {
          if (!existsSync(secure)) this.skip();
          const { findings, errors } = scanFile(secure, options);
          assert.deepEqual(errors, []);
          assert.deepEqual(
            findings.filter((f) => f.ruleId === rule.id && !f.suppressed).map((f) => f.message),
            [],
          );
        });

        it(`${dialect}: fixes produce the fixed fixture, which re-scans clean`, function () {
          if (!existsSync(insecure)) this.skip();
          const { text, findings } = scanFile(insecure, options);
          const fixable = findings.some(
            (f) => f.ruleId === rule.id && f.fixes.some((x) => x.edits.every((e) => e.file === insecure)),
          );
          if (!fixable) {
            assert.ok(!existsSync(fixed), 'a fixed fixture exists but the rule offers no fix here');
            return;
          }
          assert.ok(existsSync(fixed), `missing ${fixed}`);
          const result = fixAll(insecure, text, rule.id, options);
          assert.equal(result, readFileSync(fixed, 'utf8'));
          const rescan = scanFile(fixed, options);
          assert.deepEqual(
            rescan.findings.filter((f) => f.ruleId === rule.id && !f.unknown).map((f) => f.message),
            [],
          );
          if (dialect === 'arm') {
            const errs: ParseError[] = [];
            parseTree(result, errs, { allowTrailingComma: true });
            assert.deepEqual(errs, [], 'fixed ARM template must stay valid JSON');
          }
        });
      }
    });
  }
});
