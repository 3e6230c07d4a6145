#!/usr/bin/env node
// Runs the extension-host suite (test/e2e/suite) inside a real VS Code: code-server's Node extension host, with its
// workbench open in headless chromium (code-server starts an extension host only once a workbench connects).
// The workbench URL's `payload` names the extension under development and the suite; the workbench calls
// window.codeAutomationExit(code) when the suite's run() settles. Offline: the tools come from scripts/e2e-setup.sh.
//
//   node test/e2e/run.mjs [--host code-server|electron] [--timeout S] [--keep] [--shots DIR]
//     --host electron  the same suite in desktop VS Code through @vscode/test-electron's runTests (downloads VS Code,
//                      or RLENS_E2E_VSCODE=executable); offline it fails within --download-timeout S (default 20)
//     --host web       the browser build (dist/web/extension.js) in the workbench's web worker extension host, as on
//                      vscode.dev: a copy of the extension without `main` is loaded, and the UI is driven as with
//                      --shots (diagnostics, hover, Scan Workspace, the view, the tree); fails if any step does
//     --shots DIR      instead of the suite, drive the UI like a user and save screenshots of the hover and the view
// env: RLENS_E2E_TOOLS (default ~/.cache/responsibility-lens/e2e), RLENS_E2E_CHROMIUM, RLENS_E2E_VERBOSE=1
// exit: 0 passed, 1 failed, 2 set-up problem, 3 harness error, 124 timeout (run dir kept, with a screenshot)
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, format } from 'node:util';
import { HostUnavailable, runElectron } from './electron.mjs';
import { shoot } from './shots.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const T0 = Date.now();
const say = (m) => console.log(`[e2e ${((Date.now() - T0) / 1000).toFixed(1)}s] ${m}`);
class SetupError extends Error {}
/** Keep the run dir (logs, workspace copy, screenshots) for a look after the run: --keep, failures, timeouts. */
let keep = false;

const { values: flags } = parseArgs({
  options: {
    host: { type: 'string', default: 'code-server' },
    timeout: { type: 'string', default: '240' },
    'download-timeout': { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    shots: { type: 'string' },
  },
});
if (!['code-server', 'electron', 'web'].includes(flags.host)) {
  console.error(`[e2e] --host must be code-server, electron or web, not ${flags.host}`);
  process.exit(2);
}

// Each setting removes a source of flakiness or of network traffic in the throwaway profile.
const USER_SETTINGS = {
  'files.autoSave': 'off', // a quick fix leaves the buffer dirty, as for a user; nothing writes behind the test
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
};

function tools() {
  const dir = path.resolve(process.env.RLENS_E2E_TOOLS || path.join(os.homedir(), '.cache/responsibility-lens/e2e'));
  const manifest = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifest)) throw new SetupError(`${manifest} is missing: run \`bash scripts/e2e-setup.sh\` first`);
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const chromium =
    process.env.RLENS_E2E_CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!chromium) throw new SetupError('chromium not found: run scripts/e2e-setup.sh or set RLENS_E2E_CHROMIUM');
  const requireTools = createRequire(path.join(dir, 'pw', 'package.json'));
  return {
    dir,
    chromium,
    node: path.join(dir, m.node),
    codeServer: path.join(dir, m.codeServer),
    playwright: requireTools('playwright-core'),
  };
}

/**
 * The suite, bundled; mocha and vscode come from the extension host at run time. The engine (for expectations such
 * as a rule's layer) is the one scripts/build.mjs bundled into dist/engine.js, so the suite never needs to know how
 * the build loads rule files.
 */
const engineFromDist = {
  name: 'engine-from-dist',
  setup(b) {
    b.onResolve({ filter: /[\\/]src[\\/]engine$/ }, () => ({
      path: path.join(ROOT, 'dist/engine.js'),
      external: true,
    }));
  },
};

async function buildSuite(outdir) {
  const suite = path.join(ROOT, 'test/e2e/suite');
  const entryPoints = fs
    .readdirSync(suite)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(suite, f));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    plugins: [engineFromDist],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}

// --- processes we start, stopped in reverse order on exit, Ctrl+C or SIGTERM ------------------------------------
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  })();
  return cleaning;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
])
  process.on(signal, () => void cleanup().then(() => process.exit(code)));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const alive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** code-server in its own process group (it forks a server, an extension host, watchers): we stop exactly that. */
async function startCodeServer(t, run) {
  const port = await freePort();
  const log = path.join(run, 'code-server.log');
  const out = fs.openSync(log, 'w');
  const child = spawn(
    t.codeServer,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      path.join(run, 'user-data'),
      '--extensions-dir',
      path.join(run, 'extensions'),
      // Without the smoke-test driver the workbench ignores the test payload and never reports an exit code.
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: '{}',
        PATH: `${path.dirname(t.node)}${path.delimiter}${process.env.PATH}`,
      },
    },
  );
  fs.closeSync(out);
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && alive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  cleanups.push(stop);
  let exited;
  child.on('exit', (c, s) => {
    exited = s ?? `code ${c}`;
  });
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (exited) throw new Error(`code-server exited (${exited}):\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, authority: `127.0.0.1:${port}`, pid: child.pid, log };
    } catch {
      /* not yet */
    }
  }
  throw new Error(`code-server did not answer within 60 s (log: ${log})`);
}

// The workbench's own start-up chatter, which would drown the mocha report.
const CHATTER = [
  /connection token/i,
  /Creating a socket/,
  /builtin extensions/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate)/,
  /Extension host agent/,
];

/** Prints the extension host's console (mocha's reporter) as it reaches the page. */
function relayConsole(page) {
  page.on('console', async (msg) => {
    let args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => undefined)));
    if (args.length === 0) args = [msg.text()];
    let level = msg.type();
    if (typeof args[0] === 'string' && args[0].includes('%c')) {
      // Extension-host output arrives as ('%c INFO', 'css', text, ...): strip the styling.
      const styles = args[0].split('%c').length - 1;
      level = args[0].replace(/%c/g, '').trim();
      args = args.slice(1 + styles);
    }
    const text =
      typeof args[0] === 'string'
        ? format(...args)
        : args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    if (process.env.RLENS_E2E_VERBOSE) console.log(`[${level}] ${text}`);
    else if (['INFO', 'WARN', 'ERR'].includes(level) && !CHATTER.some((re) => re.test(text.trim()))) console.log(text);
  });
}

/**
 * The extension as vscode.dev sees it: the manifest without `main`, so the workbench can only run the `browser`
 * entry, in its web worker extension host. Nothing of the Node build is copied.
 */
function webOnlyCopy(run) {
  const dir = path.join(run, 'web-extension');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  delete manifest.main;
  fs.mkdirSync(path.join(dir, 'dist/web'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.copyFileSync(path.join(ROOT, 'dist/web/extension.js'), path.join(dir, 'dist/web/extension.js'));
  for (const d of ['media', 'snippets']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  return dir;
}

async function main() {
  const t = flags.host === 'electron' ? undefined : tools();
  const timeoutS = Number(flags.timeout);
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-e2e-'));
  keep = flags.keep;
  cleanups.push(async () => {
    if (!keep) fs.rmSync(run, { recursive: true, force: true });
    else say(`run dir kept: ${run}`);
  });
  for (const d of ['tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'user-data/User', 'extensions'])
    fs.mkdirSync(path.join(run, d), { recursive: true });
  fs.writeFileSync(path.join(run, 'user-data/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // A copy of the workspace: fixes and suppressions never touch the fixtures in the repository.
  const workspace = path.join(run, 'workspace');
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
  // code-server, VS Code and chromium write config, sockets and caches under these: keep them in the run dir.
  Object.assign(process.env, {
    TMPDIR: path.join(run, 'tmp'),
    XDG_CONFIG_HOME: path.join(run, 'xdg/config'),
    XDG_DATA_HOME: path.join(run, 'xdg/data'),
    XDG_CACHE_HOME: path.join(run, 'xdg/cache'),
  });

  for (const f of ['dist/extension.js', 'dist/web/extension.js', 'dist/engine.js'])
    if (!fs.existsSync(path.join(ROOT, f)))
      throw new SetupError(`${f} is missing: run \`node scripts/build.mjs\` first`);
  // Inside the repository (.e2e/ is ignored) so that the suite's require('mocha') finds the project's mocha.
  const uiOnly = flags.shots !== undefined || flags.host === 'web';
  const suite = uiOnly ? undefined : await buildSuite(path.join(ROOT, '.e2e/suite'));
  if (flags.host === 'electron') {
    if (flags.shots) throw new SetupError('--shots drives the code-server workbench; use it without --host electron');
    const code = await runElectron({
      root: ROOT,
      suite,
      workspace,
      run,
      timeoutS,
      downloadTimeoutS: Number(flags['download-timeout']),
      say,
      cleanups,
    });
    if (code === 124) {
      keep = true;
      say(`TIMEOUT after ${timeoutS} s (run dir ${run})`);
    } else say(`suite finished with exit code ${code}`);
    return code;
  }
  const server = await startCodeServer(t, run);
  say(`code-server on ${server.base} (pid ${server.pid})`);
  const remote = (p) => `vscode-remote://${server.authority}${pathToFileURL(p).pathname}`;
  const extension = flags.host === 'web' ? webOnlyCopy(run) : ROOT;
  const payload = [
    ['extensionDevelopmentPath', remote(extension)],
    ...(suite ? [['extensionTestsPath', remote(suite)]] : []),
  ];

  const ctx = await t.playwright.chromium.launchPersistentContext(path.join(run, 'chromium'), {
    executablePath: t.chromium,
    headless: true,
    viewport: { width: 1440, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  cleanups.push(() => ctx.close());
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  let finished;
  const done = new Promise((resolve) => {
    finished = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => finished(code));
  relayConsole(page);
  const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const response = await page.goto(url);
  if (!response?.ok())
    throw new Error(`workbench answered HTTP ${response?.status()} (code-server needs Node 24; log: ${server.log})`);

  if (uiOnly) {
    const dir = path.resolve(flags.shots ?? path.join(run, 'shots'));
    fs.mkdirSync(dir, { recursive: true });
    try {
      await shoot(page, dir, say);
      if (flags.host === 'web')
        say('web worker extension host: diagnostics, hover, Scan Workspace, view and tree shown');
      return 0;
    } catch (e) {
      keep = true;
      await page.screenshot({ path: path.join(run, 'failure.png') }).catch(() => {});
      console.error(`[e2e] ${flags.host === 'web' ? 'web worker host smoke' : 'screenshots'} failed: ${e.message}`);
      return 1;
    }
  }
  say('workbench open; suite running');
  const outcome = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), timeoutS * 1000))]);
  if (outcome === 'timeout') {
    keep = true;
    await page.screenshot({ path: path.join(run, 'timeout.png') }).catch(() => {});
    say(`TIMEOUT after ${timeoutS} s (screenshot in ${run})`);
    return 124;
  }
  say(`suite finished with exit code ${outcome}`);
  return outcome;
}

main()
  .then(async (code) => {
    await cleanup();
    say(`total ${((Date.now() - T0) / 1000).toFixed(1)} s`);
    process.exit(code);
  })
  .catch(async (e) => {
    keep = true;
    const setup = e instanceof SetupError || e instanceof HostUnavailable;
    console.error(`[e2e] ${setup ? 'SET-UP ERROR' : 'HARNESS ERROR'}: ${setup ? e.message : e.stack}`);
    // A machine problem leaves nothing worth keeping.
    if (setup) keep = flags.keep;
    await cleanup();
    process.exit(setup ? 2 : 3);
  });
