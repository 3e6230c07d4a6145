// The desktop host for the same suite: `@vscode/test-electron` downloads VS Code (or uses RLENS_E2E_VSCODE) and
// runs the suite in its Electron extension host. Where update.code.visualstudio.com cannot be reached (offline CI,
// this project's own sandbox), the download fails within --download-timeout seconds with a message naming the
// alternatives, instead of retrying or hanging. On Linux without a display, run it under `xvfb-run -a`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A problem with the machine, not with the tests: reported as a set-up error (exit 2). */
export class HostUnavailable extends Error {}

/** Where downloaded VS Code builds are kept between runs (outside the repository). */
const CACHE = path.join(os.homedir(), '.cache/responsibility-lens/vscode-test');

/**
 * The VS Code executable: RLENS_E2E_VSCODE when set, else a download of RLENS_E2E_VSCODE_VERSION (default
 * `stable`), reused from the cache when present. Fails fast: one attempt, bounded by `timeoutS`. `download`
 * replaces test-electron's downloader in tests.
 */
export async function resolveVSCode(timeoutS, say, download) {
  const given = process.env.RLENS_E2E_VSCODE;
  if (given) {
    if (!fs.existsSync(given)) throw new HostUnavailable(`RLENS_E2E_VSCODE=${given} does not exist`);
    return given;
  }
  download ??= (await import('@vscode/test-electron')).downloadAndUnzipVSCode;
  const version = process.env.RLENS_E2E_VSCODE_VERSION || 'stable';
  say(`resolving VS Code ${version} (cache ${CACHE}, ${timeoutS} s timeout)`);
  const silent = { report() {}, error() {} };
  const attempt = download({ version, cachePath: CACHE, timeout: timeoutS * 1000, reporter: silent });
  // test-electron's timeout covers each request; this one bounds the whole resolution (DNS, redirects, unzip).
  const limit = new Promise((_, reject) =>
    setTimeout(
      () => reject(new Error(`no answer within ${timeoutS} s`)),
      timeoutS * 1000 + Math.min(2000, timeoutS * 500),
    ).unref(),
  );
  try {
    return await Promise.race([attempt, limit]);
  } catch (e) {
    throw new HostUnavailable(
      `VS Code ${version} could not be downloaded from update.code.visualstudio.com (${e.message.split('\n')[0]}).\n` +
        '  This machine looks offline. Either run the suite in code-server, which needs no download:\n' +
        '    bash scripts/e2e-setup.sh && npm run test:e2e\n' +
        '  or point RLENS_E2E_VSCODE at an installed VS Code executable (e.g. /usr/share/code/code).',
    );
  }
}

/** Runs the suite in desktop VS Code; resolves with its exit code (124 on timeout). */
export async function runElectron({ root, suite, workspace, run, timeoutS, downloadTimeoutS, say, cleanups }) {
  const vscodeExecutablePath = await resolveVSCode(downloadTimeoutS, say);
  const { runTests } = await import('@vscode/test-electron');
  say(`VS Code: ${vscodeExecutablePath}; suite running`);
  // The same throwaway profile as code-server gets: settings in user-data, no other extensions.
  cleanups.push(async () => {
    // Only our own children (the VS Code we launched), by parent id; its helpers exit with it.
    spawnSync('pkill', ['-TERM', '-P', String(process.pid)]);
  });
  const tests = runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--user-data-dir',
      path.join(run, 'user-data'),
      '--extensions-dir',
      path.join(run, 'extensions'),
      '--disable-extensions',
      '--disable-gpu',
    ],
  }).then(
    () => 0,
    (e) => {
      console.error(`[e2e] ${e.message ?? e}`);
      return 1;
    },
  );
  return Promise.race([tests, new Promise((r) => setTimeout(() => r(124), timeoutS * 1000).unref())]);
}
