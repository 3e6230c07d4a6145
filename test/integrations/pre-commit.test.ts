/** The pre-commit hook: its manifest, and its command on a commit's staged files (templates and other JSON). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/fixtures';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}

describe('pre-commit hook', function () {
  this.timeout(60_000);
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks[0] as Hook;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('is a node hook whose entry is the package’s bin, run once for all staged files', () => {
    assert.equal(hooks.length, 1);
    assert.equal(hook.language, 'node');
    assert.equal(hook.require_serial, true);
    const [bin, ...args] = hook.entry.split(' ');
    assert.ok(bin && bin in pkg.bin, `${bin} is a bin of package.json`);
    assert.deepEqual(args, ['scan', '--templates-only']);
    assert.ok(pkg.scripts.prepack, 'pre-commit installs the hook with npm pack: prepack builds the CLI');
  });

  it('selects Bicep, ARM and Terraform files and nothing else', () => {
    const files = new RegExp(hook.files);
    for (const f of [
      'main.bicep',
      'main.bicepparam',
      'azuredeploy.json',
      'x.jsonc',
      'main.tf',
      'prod.tfvars',
      'a/b/vars.tf.json',
    ])
      assert.match(f, files, f);
    for (const f of ['README.md', 'main.py', 'bicepconfig.yaml', 'terraform.lock.hcl'])
      assert.doesNotMatch(f, files, f);
  });

  it('scans staged templates and skips JSON that is not a template, as the hook runs it', () => {
    const staged = ['package.json', 'tsconfig.json', 'samples/bicep/main.bicep', 'samples/terraform/main.tf'];
    const run = (files: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...hook.entry.split(' ').slice(1), ...files], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const r = run(staged);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /samples\/bicep\/main\.bicep:\d+:\d+ error /);
    assert.doesNotMatch(r.stdout, /package\.json|tsconfig\.json|not a recognised template/);
    const clean = run(['package.json']);
    assert.equal(clean.status, 0, clean.stdout);
  });
});
