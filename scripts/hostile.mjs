// Times the hostile inputs of issue 19 (items 4 to 7, 11) at the issue's own sizes through the CLI, each in its
// own process with a time limit: `node scripts/hostile.mjs [--timeout SECONDS] [case ...]`. Prints one line per
// case: wall time, peak memory, exit code and the first error or note. Run `node scripts/build.mjs` first, or
// pass `--cli FILE` to time another build.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const t = args.indexOf('--timeout');
const timeoutS = t >= 0 ? Number(args.splice(t, 2)[1]) : 120;
// `--cli FILE` times another build (a copy of dist/cli.js from before a change).
const c = args.indexOf('--cli');
const cli = c >= 0 ? args.splice(c, 2)[1] : join(ROOT, 'bin/rlens.js');
const only = new Set(args);

const work = mkdtempSync(join(tmpdir(), 'rlens-hostile-'));
const bundle = join(work, 'hostile-inputs.cjs');
await build({
  entryPoints: [join(ROOT, 'test/robustness/hostile-inputs.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});
const h = (await import(bundle)).default;

const MB = 1024 * 1024;
// Preloaded into each run: its peak memory, printed on exit.
const peak = join(work, 'peak.cjs');
writeFileSync(
  peak,
  "process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n",
);
const cases = {
  'bicep-module-fanout': () => h.bicepModuleFanOut(10, 6),
  'bicep-module-fanout-params': () => h.bicepModuleFanOut(10, 6, true),
  'terraform-module-fanout': () => h.terraformModuleFanOut(6, 40),
  'terraform-self-module': () => h.terraformSelfModule(),
  'terraform-version-tabs': () => h.terraformVersionTabs(200_000),
  'terraform-strip-marker': () => h.terraformStripMarker(200_000),
  'bicep-format-braces': () => h.bicepFormatBraces(200_000),
  'arm-scope-slashes': () => h.armScopeSlashes(200_000),
  'bicep-commas': () => h.bicepCommas(5 * MB - 16),
  'arm-minified': () => h.armMinified(8_000),
  'tfjson-deep': () => h.tfJsonDeep(5_000),
  'arm-deep-index': () => h.armDeepIndex(5_000),
  'exclude-globs': () => {
    const { globs, path } = h.excludeGlobs(40);
    return {
      files: {
        '.rlens.yaml': `exclude:\n${globs.map((g) => `  - '${g}'`).join('\n')}\n`,
        [path]: "param p string = 'x'\n",
      },
      entry: '.',
    };
  },
};

for (const [name, make] of Object.entries(cases)) {
  if (only.size > 0 && !only.has(name)) continue;
  const dir = join(work, name);
  const c = make();
  for (const [rel, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--require', peak, cli, 'scan', c.entry, '--format', 'json', '--fail-on', 'never'],
    {
      cwd: dir,
      timeout: timeoutS * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 1024 * MB,
      encoding: 'utf8',
    },
  );
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr ?? '')?.[1] ?? 'NaN';
  let summary = '';
  try {
    const report = JSON.parse(r.stdout);
    const messages = [...report.errors, ...report.notes].map((e) => e.message);
    summary = `${report.findings.length} findings; ${messages.length} errors+notes${messages.length ? `: ${messages[0].slice(0, 100)}` : ''}`;
  } catch {
    summary =
      (r.stderr ?? '')
        .split('\n')
        .find((l) => /error|heap|Maximum/i.test(l))
        ?.slice(0, 140) ?? '(no report)';
  }
  const status =
    r.error?.code === 'ETIMEDOUT' || r.signal
      ? `killed after ${timeoutS} s`
      : `${secs} s, ${Math.round(Number(kb) / 1024)} MB, exit ${r.status}`;
  console.log(`${name.padEnd(28)} ${status.padEnd(28)} ${summary}`);
}
rmSync(work, { recursive: true, force: true });
