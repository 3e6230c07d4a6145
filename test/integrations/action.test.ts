/** The GitHub Action as the runner drives it: INPUT_* variables in, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY out. */
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- reads parsed YAML and JSON documents */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commandLine, readInputs } from '../../src/action/inputs';
import { ROOT } from '../helpers/fixtures';

const ACTION = join(ROOT, 'dist', 'action.js');

/** Runs dist/action.js in `cwd` with `inputs` as the runner passes them; returns exit code, log, outputs, summary. */
function runAction(inputs: Record<string, string>, cwd: string) {
  const out = join(cwd, 'github_output');
  const summary = join(cwd, 'step_summary');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'owner/repo',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ACTION], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(out, 'utf8').matchAll(/^([\w-]+)<<RLENS_EOF\n([\s\S]*?)\nRLENS_EOF$/gm))
    outputs[m[1] as string] = m[2] as string;
  return { status: r.status, stdout: r.stdout, outputs, summary: readFileSync(summary, 'utf8') };
}

describe('GitHub Action', function () {
  this.timeout(60_000);

  it('declares in action.yml exactly the inputs the script reads, and runs dist/action.js on the runner’s Node', () => {
    const manifest = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.inputs).sort(), [
      'baseline',
      'config',
      'fail-on',
      'format',
      'output-dir',
      'paths',
      'report-unknown',
      'summary',
    ]);
    assert.deepEqual(manifest.runs, { using: 'node24', main: 'dist/action.js' });
    const source = readFileSync(join(ROOT, 'src', 'action', 'inputs.ts'), 'utf8');
    for (const name of Object.keys(manifest.inputs)) assert.match(source, new RegExp(`\\(env, '${name}'`), name);
    // The defaults in the manifest are the script's own.
    const defaults = Object.fromEntries(
      Object.entries(manifest.inputs as Record<string, { default: string }>).map(([k, v]) => [
        `INPUT_${k.toUpperCase()}`,
        v.default,
      ]),
    );
    assert.deepEqual(readInputs(defaults), readInputs({}));
  });

  it('turns inputs into one rlens command line', () => {
    assert.deepEqual(commandLine(readInputs({})), [
      'scan',
      '.',
      '--fail-on',
      'warning',
      '--report',
      'sarif=rlens-results/rlens.sarif',
      '--report',
      'json=rlens-results/rlens.json',
      '--report',
      'html=rlens-results/rlens.html',
    ]);
    const inputs = readInputs({
      INPUT_PATHS: 'infra\n  # comment\nmodules/with space\n-odd\n',
      'INPUT_FAIL-ON': 'error',
      INPUT_FORMAT: 'markdown, json sarif',
      INPUT_BASELINE: 'old.sarif',
      INPUT_CONFIG: 'ci/.rlens.yaml',
      'INPUT_REPORT-UNKNOWN': 'true',
      'INPUT_OUTPUT-DIR': 'out/',
    });
    assert.deepEqual(commandLine(inputs), [
      'scan',
      'infra',
      'modules/with space',
      './-odd',
      '--fail-on',
      'error',
      '--report',
      'sarif=out/rlens.sarif',
      '--report',
      'json=out/rlens.json',
      '--report',
      'markdown=out/rlens.md',
      '--baseline',
      'old.sarif',
      '--config',
      'ci/.rlens.yaml',
      '--report-unknown',
    ]);
    assert.throws(() => readInputs({ 'INPUT_FAIL-ON': 'high' }), /fail-on/);
    assert.throws(() => readInputs({ INPUT_FORMAT: 'pdf' }), /format/);
    assert.throws(() => readInputs({ 'INPUT_REPORT-UNKNOWN': 'yes' }), /report-unknown/);
  });

  it('scans, sets outputs with the counts of the JSON report, writes the summary and fails on findings', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rlens-action-'));
    const r = runAction({ paths: join(ROOT, 'samples'), 'fail-on': 'warning' }, cwd);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /::error title=Responsibility Lens::\d+ open finding\(s\): findings at or above 'warning'/);
    assert.equal(r.outputs['sarif'], 'rlens-results/rlens.sarif');
    assert.equal(r.outputs['report'], 'rlens-results/rlens.html');
    assert.equal(r.outputs['exit-code'], '1');
    const json = JSON.parse(readFileSync(join(cwd, 'rlens-results', 'rlens.json'), 'utf8'));
    const open = json.findings.filter((f: { suppressed?: unknown }) => !f.suppressed);
    assert.equal(r.outputs['findings'], String(open.length));
    for (const [name, severity] of [
      ['errors', 'error'],
      ['warnings', 'warning'],
      ['infos', 'info'],
    ]) {
      assert.equal(
        r.outputs[name as string],
        String(open.filter((f: { severity: string }) => f.severity === severity).length),
      );
    }
    assert.equal(JSON.parse(readFileSync(join(cwd, 'rlens-results', 'rlens.sarif'), 'utf8')).version, '2.1.0');
    assert.match(readFileSync(join(cwd, 'rlens-results', 'rlens.html'), 'utf8'), /^<!DOCTYPE html>/);
    assert.match(r.summary, new RegExp(`^## Responsibility Lens: ${open.length} open findings in 3 templates`));
    assert.match(r.summary, /\| Layer \| Customer \| Shared \| Open \|/);
    assert.match(
      r.summary,
      /\[SARIF\]\(https:\/\/github\.example\/owner\/repo\/security\/code-scanning\?query=tool%3A%22Responsibility\+Lens%22\)/,
    );
  });

  it('passes with fail-on never, and stops on bad inputs or paths with exit code 2', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rlens-action-'));
    const ok = runAction(
      { paths: join(ROOT, 'samples', 'bicep'), 'fail-on': 'never', format: 'none', summary: 'false' },
      cwd,
    );
    assert.equal(ok.status, 0, ok.stdout);
    assert.equal(ok.outputs['report'], 'rlens-results/rlens.sarif');
    assert.equal(ok.summary, '');
    const bad = runAction({ 'fail-on': 'sometimes' }, cwd);
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error title=Responsibility Lens::input 'fail-on' must be one of/);
    const missing = runAction({ paths: 'no/such/dir' }, cwd);
    assert.equal(missing.status, 2);
    assert.equal(missing.outputs['exit-code'], '2');
  });
});
