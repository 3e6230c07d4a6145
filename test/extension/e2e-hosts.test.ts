/**
 * The desktop host of the e2e suite (`node test/e2e/run.mjs --host electron`) must fail fast and say what to do
 * where VS Code cannot be downloaded, never hang. The downloader is replaced so the test never touches the network.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/fixtures';

interface ElectronHost {
  resolveVSCode(
    timeoutS: number,
    say: (m: string) => void,
    download?: (o: { timeout: number }) => Promise<string>,
  ): Promise<string>;
  HostUnavailable: new (m: string) => Error;
}

// A computed specifier keeps esbuild from bundling the runner (and @vscode/test-electron) into the test.
const load = (): Promise<ElectronHost> =>
  import(pathToFileURL(join(ROOT, 'test/e2e/electron.mjs')).href) as Promise<ElectronHost>;

describe('e2e desktop host (@vscode/test-electron)', function () {
  this.timeout(20000);
  const quiet = (): void => undefined;

  it('reports an unreachable download server at once, naming code-server and RLENS_E2E_VSCODE', async () => {
    const host = await load();
    const failing = () => Promise.reject(new Error('getaddrinfo ENOTFOUND update.code.visualstudio.com'));
    await assert.rejects(host.resolveVSCode(5, quiet, failing), (e: Error) => {
      assert.ok(e instanceof host.HostUnavailable);
      assert.match(e.message, /could not be downloaded .*ENOTFOUND/);
      assert.match(e.message, /npm run test:e2e/);
      assert.match(e.message, /RLENS_E2E_VSCODE/);
      return true;
    });
  });

  it('gives up on a download that never answers after its timeout', async () => {
    const host = await load();
    const hanging = () => new Promise<string>(() => undefined);
    await assert.rejects(host.resolveVSCode(0.2, quiet, hanging), /no answer within 0.2 s/);
  });

  it('exits 2 with the reason when RLENS_E2E_VSCODE names no executable', () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'test/e2e/run.mjs'), '--host', 'electron', '--download-timeout', '2'],
      {
        env: { ...process.env, RLENS_E2E_VSCODE: join(ROOT, 'no-such-vscode') },
        encoding: 'utf8',
        timeout: 15000,
      },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /SET-UP ERROR: RLENS_E2E_VSCODE=.*no-such-vscode does not exist/);
  });
});
