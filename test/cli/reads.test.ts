/**
 * What a scan reads (issue 19 items 8, 9, 11): regular files only, their size checked before reading, nothing
 * outside the scanned folders unless allowed, and a walk that reports what it could not or would not enter.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextFile } from '../../src/cli/read-text';
import { walk, type WalkFs } from '../../src/cli/walk';
import { rlens } from '../helpers/cli';

interface Out {
  errors: Array<{ file: string; message: string }>;
  notes: Array<{ file: string; message: string }>;
  findings: Array<{ ruleId: string; file: string }>;
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'rlens-reads-'));
const json = (args: string[], cwd?: string): { status: number; out: Out; stderr: string } => {
  const r = rlens([...args, '--format', 'json', '--fail-on', 'never'], cwd);
  return {
    status: r.status,
    out: (r.stdout ? JSON.parse(r.stdout) : { errors: [], notes: [], findings: [] }) as Out,
    stderr: r.stderr,
  };
};
const STORAGE_TF = 'resource "azurerm_storage_account" "s" {\n  name = "s"\n  min_tls_version = "TLS1_0"\n}\n';
const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);

describe('the bounded reader', () => {
  it('refuses a FIFO, a device and a folder without reading (no hang)', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'x.tf'));
    assert.deepEqual(readTextFile(join(dir, 'x.tf')), { kind: 'notRegular', what: 'a named pipe (FIFO)' });
    assert.deepEqual(readTextFile('/dev/zero'), { kind: 'notRegular', what: 'a device' });
    assert.deepEqual(readTextFile(dir), { kind: 'notRegular', what: 'a folder' });
  });

  it('refuses a file over the limit from its size (a 3 GB sparse file is not read whole)', () => {
    const file = join(tempDir(), 'big.tf');
    writeFileSync(file, '');
    truncateSync(file, 3 * 1024 ** 3);
    const r = readTextFile(file);
    assert.equal(r.kind, 'skipped');
    assert.deepEqual(r.kind === 'skipped' && r.cause, { kind: 'tooLarge', maxBytes: 5 * 1024 * 1024 });
  });

  it('reads a regular file as readFileSync does, and flags a binary one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.tf'), '\uFEFFé\n');
    writeFileSync(join(dir, 'b.tf'), Buffer.from([0x61, 0, 0x62]));
    assert.deepEqual(readTextFile(join(dir, 'a.tf')), { kind: 'text', text: '\uFEFFé\n' });
    assert.deepEqual(readTextFile(join(dir, 'b.tf')), { kind: 'skipped', cause: { kind: 'binary' }, head: 'a\0b' });
  });
});

describe('rlens scan reads only regular files', () => {
  it('a FIFO named like a sibling .tf or terraform.tfvars is noted and the scan ends', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.tf'), STORAGE_TF);
    mkfifo(join(dir, 'x.tf'));
    mkfifo(join(dir, 'terraform.tfvars'));
    const { status, out } = json(['scan', dir]);
    assert.equal(status, 0);
    assert.ok(
      out.findings.some((f) => f.ruleId === 'STG-TLS'),
      JSON.stringify(out.findings.map((f) => f.ruleId)),
    );
    assert.ok(
      out.notes.some((n) => n.message.includes('terraform.tfvars') && n.message.includes('named pipe')),
      JSON.stringify(out.notes),
    );
  });

  it('a FIFO named on the command line is an error entry, not a hang', () => {
    const dir = tempDir();
    mkfifo(join(dir, 'p.tf'));
    const { out } = json(['scan', join(dir, 'p.tf')]);
    assert.deepEqual(
      out.errors.map((e) => e.message),
      ['not read: it is a named pipe (FIFO), not a regular file'],
    );
  });

  it("a module '/dev/zero' is never read: refused outside the root, a device when allowed", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.bicep'), "module m '/dev/zero' = {\n  name: 'm'\n}\n");
    const confined = json(['scan', dir])
      .out.notes.map((n) => n.message)
      .join('\n');
    assert.match(confined, /'\/dev\/zero' was not read: it is outside the scanned folders/);
    const allowed = json(['scan', dir, '--allow-outside-root'])
      .out.notes.map((n) => n.message)
      .join('\n');
    assert.match(allowed, /'\/dev\/zero' was not read: it is a device, not a regular file/);
  });

  it('--parameters /dev/zero or a missing file is a usage error (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.tf'), STORAGE_TF);
    const dev = rlens(['scan', dir, '--parameters', '/dev/zero']);
    assert.equal(dev.status, 2);
    assert.match(dev.stderr, /--parameters \/dev\/zero: not a regular file/);
    const gone = rlens(['scan', dir, '--parameters', join(dir, 'nope.parameters.json')]);
    assert.equal(gone.status, 2);
    assert.match(gone.stderr, /nope\.parameters\.json: no such file or directory \(ENOENT\)/);
  });

  it('a sibling .bicepparam over the size limit is noted, not read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.bicep'), 'param p string\n');
    writeFileSync(join(dir, 'main.bicepparam'), '');
    truncateSync(join(dir, 'main.bicepparam'), 6 * 1024 * 1024);
    const { status, out } = json(['scan', join(dir, 'main.bicep')]);
    assert.equal(status, 0);
    assert.deepEqual(
      out.notes.map((n) => n.message),
      [`'${join(dir, 'main.bicepparam')}' was not read: it is larger than 5 MB`],
    );
  });
});

describe('rlens scan stays inside the scanned folders', () => {
  const setup = (): { root: string; scan: string } => {
    const root = tempDir();
    const scan = join(root, 'repo');
    mkdirSync(join(root, 'outside'));
    mkdirSync(scan);
    writeFileSync(
      join(root, 'outside', 'm.bicep'),
      "resource s 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 's'\n  location: 'x'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n  properties: { minimumTlsVersion: 'TLS1_0' }\n}\n",
    );
    return { root, scan };
  };
  const module = (path: string): string => `module m '${path}' = {\n  name: 'm'\n}\n`;

  it('a module outside gets the same note whether or not it exists', () => {
    const { scan } = setup();
    writeFileSync(join(scan, 'main.bicep'), module('../outside/m.bicep'));
    const present = json(['scan', scan]).out;
    writeFileSync(join(scan, 'main.bicep'), module('../outside/n.bicep'));
    const absent = json(['scan', scan]).out;
    const words = (o: Out): string[] => o.notes.map((n) => n.message.replace(/[mn]\.bicep/g, 'X'));
    assert.deepEqual(words(present), words(absent));
    assert.ok(
      present.notes.some((n) => n.message.includes('outside the scanned folders')),
      JSON.stringify(present.notes),
    );
    assert.equal(present.findings.length, 0);
  });

  it('a link inside the root that leads out is refused too; --allow-outside-root reads the module', () => {
    const { root, scan } = setup();
    symlinkSync(join(root, 'outside'), join(scan, 'lib'));
    writeFileSync(join(scan, 'main.bicep'), module('lib/m.bicep'));
    assert.ok(
      json(['scan', join(scan, 'main.bicep')]).out.notes.some((n) => n.message.includes('outside the scanned folders')),
    );
    const allowed = json(['scan', join(scan, 'main.bicep'), '--allow-outside-root']).out;
    assert.ok(
      !allowed.notes.some((n) => n.message.includes('outside the scanned folders')),
      JSON.stringify(allowed.notes),
    );
  });
});

describe('the walk', () => {
  const dirent = (name: string, kind: 'dir' | 'file' | 'link'): Dirent =>
    ({
      name,
      isDirectory: () => kind === 'dir',
      isFile: () => kind === 'file',
      isSymbolicLink: () => kind === 'link',
    }) as unknown as Dirent;

  it('reports an unreadable subfolder and scans the rest (EACCES, not "no such file")', () => {
    const fs: WalkFs = {
      stat: (p) => ({ isDirectory: () => p === 'r' || p === join('r', 'lib') }) as never,
      readdir: (d) => {
        if (d === join('r', 'secret')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        if (d === 'r')
          return [
            dirent('secret', 'dir'),
            dirent('a.tf', 'file'),
            dirent('lib', 'link'),
            dirent('z.bicep', 'link'),
            dirent('bin', 'dir'),
          ];
        return [];
      },
    };
    const r = walk(['r'], fs);
    assert.deepEqual(r.files, [join('r', 'a.tf')]);
    assert.deepEqual(r.unreadable, [{ path: join('r', 'secret'), code: 'EACCES' }]);
    assert.deepEqual(r.links, [join('r', 'lib'), join('r', 'z.bicep')]);
    assert.deepEqual(r.missing, []);
  });

  it('the CLI notes a symlinked template and errors an unreadable folder path named on the command line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.tf'), STORAGE_TF);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'real.tf'), join(dir, 'sub', 'link.tf'));
    const { out } = json(['scan', join(dir, 'sub')]);
    assert.deepEqual(
      out.notes.map((n) => n.message),
      ['not scanned: symbolic links are not followed (scan the target itself)'],
    );
    const missing = rlens(['scan', join(dir, 'nope')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or directory \(ENOENT\)/);
  });
});
