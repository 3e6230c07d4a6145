/**
 * `rlens` as a process: what only a real process shows (the shebang, exit codes, a closed stdin, output through a
 * pipe). Everything else about the CLI is tested in process (cli.test.ts, config.test.ts).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures';

const BIN = join(ROOT, 'bin', 'rlens.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const SAMPLE = join(ROOT, 'samples', 'arm', 'azuredeploy.json');
const OPTIONS: SpawnSyncOptions = { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 };

function node(
  args: string[],
  stdio: SpawnSyncOptions['stdio'] = 'pipe',
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { ...OPTIONS, stdio });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('rlens process', function () {
  this.timeout(60_000);

  it('bin/rlens.js runs through its shebang, without stdin, and exits 1 on findings', function () {
    const text = readFileSync(BIN, 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node\n'), 'the shebang line');
    if (process.platform === 'win32') this.skip();
    assert.ok((statSync(BIN).mode & 0o111) !== 0, 'bin/rlens.js is executable');
    const r = spawnSync(BIN, ['scan', 'samples'], { ...OPTIONS, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(r.status, 1, String(r.stderr));
    assert.match(String(r.stdout), /samples\/arm\/azuredeploy\.json:\d+:\d+ error STG-TLS/);
  });

  it('sets exit code 0 below --fail-on and 2 for a usage error, with one line and a hint on stderr', () => {
    assert.equal(node(['scan', 'samples', '--fail-on', 'never'], ['ignore', 'pipe', 'pipe']).status, 0);
    const usage = node(['scan', 'samples', '--format', 'xml']);
    assert.equal(usage.status, 2);
    assert.equal(usage.stdout, '');
    assert.equal(
      usage.stderr,
      "rlens: --format expects one of text, json, sarif, html, markdown\nrun 'rlens --help' for the usage\n",
    );
  });

  it('ends quietly when the reader closes the pipe early (EPIPE)', async () => {
    const child = spawn(process.execPath, [CLI, 'rules', '--format', 'json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    // Like `| head -1`: read the first chunk, then close our end while the CLI is still writing.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    assert.equal(stderr, '', 'no stack trace');
    assert.equal(status, 0);
  });

  it('delivers large output whole through a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlens-process-'));
    for (let i = 0; i < 60; i++) copyFileSync(SAMPLE, join(dir, `t${i}.json`));
    const r = node(['scan', dir, '--format', 'json']);
    const out = JSON.parse(r.stdout) as { files: unknown[] };
    assert.equal(out.files.length, 60);
    assert.ok(r.stdout.length > 200_000);
  });
});
