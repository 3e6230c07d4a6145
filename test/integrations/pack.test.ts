/** What `npm pack` puts in the package: the bin and the bundled CLI, no sources, no dependencies to install. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures';

describe('npm package', function () {
  this.timeout(60_000);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('holds the bin, the bundled CLI, the readme and the licence, and nothing else', () => {
    // --ignore-scripts: list what `files` selects from the current build without rebuilding it (prepack).
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      shell: process.platform === 'win32',
    });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files
      .map((f) => f.path)
      .sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'bin/rlens.js', 'dist/cli.js', 'package.json']);
  });

  it('needs no dependency at run time (the CLI bundles them) and builds before packing', () => {
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.scripts.prepack, 'node scripts/build.mjs --production');
    assert.equal(pkg.bin.rlens, 'bin/rlens.js');
    assert.match(readFileSync(join(ROOT, 'bin', 'rlens.js'), 'utf8'), /^#!\/usr\/bin\/env node/);
    // No require of a package outside Node's own modules may remain in the bundle.
    const bundle = readFileSync(join(ROOT, 'dist', 'cli.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string));
    for (const name of required) assert.ok(name.startsWith('node:') || builtinModules.includes(name), name);
  });
});
