/** `.rlens.yaml` on the command line: found upward of each path (or --config), applied, and validated. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGlob } from '../../src/cli/glob';
import { rlens } from '../helpers/cli';
import { RULE_FIXTURES } from '../helpers/fixtures';

const TLS_ARM = join(RULE_FIXTURES, 'STG-TLS', 'arm', 'insecure.json');

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  severity: string;
  message: string;
  resource: { name: string };
  suppressed?: { source: string; reason: string };
}

function findings(args: string[], cwd: string): JsonFinding[] {
  const r = rlens([...args, '--format', 'json', '--fail-on', 'never'], cwd);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

/** A project: app/main.json and legacy/old.json (both the STG-TLS insecure fixture) under a .rlens.yaml. */
function project(yaml: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlens-config-'));
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'legacy'));
  copyFileSync(TLS_ARM, join(dir, 'app', 'main.json'));
  copyFileSync(TLS_ARM, join(dir, 'legacy', 'old.json'));
  if (yaml !== undefined) writeFileSync(join(dir, '.rlens.yaml'), yaml);
  return dir;
}

describe('rlens CLI: .rlens.yaml', () => {
  it('applies rule severities and off, excludes walked files, from the nearest file upward', () => {
    const dir = project('rules:\n  STG-TLS: info\n  STG-PUBLIC-NET: off\nexclude: [legacy/**]\n');
    const all = findings(['scan', '.'], join(dir, 'app', '..'));
    assert.deepEqual([...new Set(all.map((f) => f.file))], [join('app', 'main.json')]);
    assert.ok(all.some((f) => f.ruleId === 'STG-TLS'));
    assert.ok(all.filter((f) => f.ruleId === 'STG-TLS').every((f) => f.severity === 'info'));
    assert.ok(!all.some((f) => f.ruleId === 'STG-PUBLIC-NET'));
    // From a subfolder the same file is found upward; a file named on the command line is scanned even if excluded.
    assert.ok(findings(['scan', '.'], join(dir, 'app')).every((f) => f.ruleId !== 'STG-PUBLIC-NET'));
    assert.ok(findings(['scan', join('legacy', 'old.json')], dir).some((f) => f.ruleId === 'STG-TLS'));
    // info findings do not fail the default --fail-on warning
    const plain = rlens(['scan', 'app', '--fail-on', 'warning'], dir);
    assert.equal(plain.status, 1, 'other rules still fail');
  });

  it('suppresses by rule, resource and file with a reason, and lets an expired one lapse', () => {
    const dir = project(
      [
        'suppressions:',
        '  - { rule: STG-TLS, resource: stliteral, file: app/main.json, reason: legacy clients until the migration, expires: 2099-12-31 }',
        '  - { rule: stg-tls, resource: stparam, reason: old, expires: 2020-01-01 }',
        '',
      ].join('\n'),
    );
    const tls = findings(['scan', '.'], dir).filter((f) => f.ruleId === 'STG-TLS');
    const app = tls.filter((f) => f.file === join('app', 'main.json'));
    assert.deepEqual(
      app.filter((f) => f.suppressed).map((f) => [f.resource.name, f.suppressed?.source, f.suppressed?.reason]),
      [['stliteral', 'config', 'legacy clients until the migration']],
    );
    assert.ok(
      tls.some((f) => f.file === join('legacy', 'old.json') && f.resource.name === 'stliteral' && !f.suppressed),
      'file-scoped',
    );
    assert.ok(
      tls.every((f) => f.resource.name !== 'stparam' || (!f.suppressed && /expired on 2020-01-01/.test(f.message))),
    );
  });

  it('reports unused and unknown-rule suppressions as RLENS-UNUSED-SUPPRESSION at their line in .rlens.yaml', () => {
    const dir = project(
      [
        'suppressions:',
        '  - { rule: STG-TLS, resource: stliteral, reason: used }',
        '  - { rule: STG-TLS, resource: gone, reason: the account was deleted }',
        '  - { rule: STG-TSL, reason: a typo }',
        '',
      ].join('\n'),
    );
    const unused = findings(['scan', '.'], dir).filter((f) => f.ruleId === 'RLENS-UNUSED-SUPPRESSION');
    assert.deepEqual(
      unused.map((f) => [f.file, f.line, f.severity]),
      [
        ['.rlens.yaml', 3, 'info'],
        ['.rlens.yaml', 4, 'info'],
      ],
    );
    assert.match(unused[0]?.message ?? '', /suppression of STG-TLS for resource 'gone'/);
    assert.match(unused[1]?.message ?? '', /'STG-TSL', which is not a Responsibility Lens rule/);
    // Scanning one folder cannot tell whether a suppression for the whole project is used elsewhere.
    assert.deepEqual(
      findings(['scan', 'app'], dir)
        .filter((f) => f.ruleId === 'RLENS-UNUSED-SUPPRESSION')
        .map((f) => f.line),
      [4],
    );
  });

  it('--config uses the given file for every path; reportUnknown comes from it too', () => {
    const dir = project(undefined);
    writeFileSync(join(dir, 'ci.yaml'), 'reportUnknown: true\nrules: { STG-TLS: off }\n');
    const all = findings(['scan', 'app', '--config', 'ci.yaml'], dir);
    assert.ok(!all.some((f) => f.ruleId === 'STG-TLS'));
    assert.ok(findings(['scan', 'app'], dir).some((f) => f.ruleId === 'STG-TLS'));
    writeFileSync(join(dir, 'eu.yaml'), 'allowedLocations: [northeurope]\n');
    assert.ok(
      findings(['scan', 'app', '--config', 'eu.yaml'], dir).some((f) => f.ruleId === 'RES-LOCATION'),
      "the data owner's requirements reach the rules",
    );
  });

  it('a schema error is a usage error (exit 2) naming the file and line; a warning goes to stderr', () => {
    const dir = project('rules:\n  STG-TLS: loud\n');
    const bad = rlens(['scan', 'app'], dir);
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /invalid configuration \.rlens\.yaml:2:\d+: 'STG-TLS' must be one of off, error, warning, info/,
    );
    const noReason = project('suppressions:\n  - { rule: STG-TLS }\n');
    const r2 = rlens(['scan', 'app'], noReason);
    assert.equal(r2.status, 2);
    assert.match(r2.stderr, /\.rlens\.yaml:2:\d+: .*needs a 'reason'/);
    const typo = project('rules:\n  STG-TSL: off\n');
    const r3 = rlens(['scan', 'app', '--fail-on', 'never'], typo);
    assert.equal(r3.status, 0);
    assert.match(r3.stderr, /warning: \.rlens\.yaml:2:\d+: unknown rule 'STG-TSL'/);
    assert.equal(rlens(['scan', 'app', '--config', 'missing.yaml'], dir).status, 2);
  });

  it('matches exclude globs relative to the configuration folder', () => {
    assert.ok(compileGlob('legacy/**').test('legacy/a/b.json'));
    assert.ok(compileGlob('legacy/').test('legacy/b.json'));
    assert.ok(compileGlob('*.parameters.json').test('deep/x/main.parameters.json'));
    assert.ok(compileGlob('modules/{old,tmp}/*.bicep').test('modules/tmp/a.bicep'));
    assert.ok(!compileGlob('modules/{old,tmp}/*.bicep').test('modules/new/a.bicep'));
    assert.ok(!compileGlob('app/*.json').test('app/sub/main.json'));
    assert.ok(compileGlob('**/test/**').test('x/test/y.tf'));
  });
});
