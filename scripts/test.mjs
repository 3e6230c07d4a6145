// `npm test`: everything a change must keep green, on two cores. After the registry check (the build rewrites
// stale registries, so it must look first), two lanes run side by side, each a sequence:
//   checks: type-check the engine alone and everything, then lint on the type-checker's program (check.mjs)
//   tests:  format check (Prettier), docs check, build with the test bundle, mocha
// A step's output is printed whole, under its name, when the step ends, so the lanes never interleave mid-report.
// Every step runs even when another fails; the exit code is 1 when any failed. The steps are the same commands as
// `npm run registries:check`, `typecheck` + `lint`, `format:check`, `docs:check` and `test:unit`, which still run one at a time.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js');
const prettier = require.resolve('prettier/bin/prettier.cjs');
/** The files Prettier owns: the same globs as `npm run format` (fixtures and generated files are in .prettierignore). */
const FORMATTED = ['src/**/*.ts', 'test/**/*.{ts,mjs}', 'scripts/**/*.{mjs,cjs,ts}', 'eslint.config.mjs'];

const step = (name, ...args) => ({ name, args });
const first = step('registries:check', 'scripts/gen-registries.mjs', '--check');
const lanes = [
  [step('typecheck + lint', 'scripts/check.mjs')],
  [
    step('format:check', prettier, '--check', '--log-level', 'warn', ...FORMATTED),
    step('docs:check', 'scripts/gen-docs.mjs', '--check'),
    step('build --tests', 'scripts/build.mjs', '--tests'),
    step('mocha', mocha, '--enable-source-maps'),
  ],
];

/** Runs one step with node, its stdout and stderr captured together, then prints them under its name. */
function run({ name, args }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (e) => chunks.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code, signal) => {
      const ok = code === 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const output = Buffer.concat(chunks).toString('utf8').trimEnd();
      process.stdout.write(
        `\n== ${name}: ${ok ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s\n${output ? `${output}\n` : ''}`,
      );
      resolve({ name, ok, seconds });
    });
  });
}

async function lane(steps) {
  const results = [];
  for (const s of steps) results.push(await run(s));
  return results;
}

const results = [await run(first)];
for (const r of await Promise.all(lanes.map(lane))) results.push(...r);
const failed = results.filter((r) => !r.ok);
process.stdout.write(
  `\n${failed.length === 0 ? 'npm test: all passed' : `npm test: FAILED: ${failed.map((r) => r.name).join(', ')}`}\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
