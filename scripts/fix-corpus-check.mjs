// `rlens scan --fix` over a copy of the shared corpora, then every file the fixes changed must have no
// duplicate key and no more analysis errors than before (and, for Terraform when `terraform` is installed,
// still pass `terraform fmt -check` when it passed before: syntax, "Attribute redefined" and alignment).
// Not part of `npm test` (users do not have ../shared); .ci/run calls it when the corpus is there.
//   node scripts/fix-corpus-check.mjs [--corpus DIR] [--format arm|bicep|terraform]... [--fixed DIR] [--level safe|all]
// --fixed DIR checks a copy fixed earlier (by another build) instead of fixing a new one.
import { cpSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { diskHost, walk } from './corpus-files.mjs';
import { parseTree } from 'jsonc-parser';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const engine = require('../dist/engine.js');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const corpus = resolve(opt('--corpus') ?? join(root, '..', 'shared', 'corpus'));
const wanted = argv.flatMap((a, i) => (argv[i - 1] === '--format' ? [a] : []));
const formats = ['arm', 'bicep', 'terraform'].filter((f) => wanted.length === 0 || wanted.includes(f));
const level = opt('--level') ?? 'safe';
if (!existsSync(corpus)) {
  console.error(`fix-corpus-check: no corpus at ${corpus}`);
  process.exit(2);
}

/** Keys written twice in one JSON object (jsonc-parser's tree, independent of the engine's own check). */
function jsonDuplicateKeys(text) {
  const tree = parseTree(text.replace(/^\uFEFF/, ' '), [], { allowTrailingComma: true, disallowComments: false });
  const dups = [];
  const stack = tree ? [tree] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.type === 'object') {
      const seen = new Set();
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (typeof k?.value === 'string') {
          if (seen.has(k.value)) dups.push(k.value);
          seen.add(k.value);
        }
        if (v?.children) stack.push(v);
      }
    } else for (const c of node.children ?? []) if (c.children) stack.push(c);
  }
  return dups;
}

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
function fmtClean(file) {
  return (
    spawnSync('terraform', ['fmt', '-check', '-no-color', file], {
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
    }).status === 0
  );
}

const given = opt('--fixed');
const copy = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'rlens-fix-corpus-'));
let failed = false;
for (const format of formats) {
  const original = join(corpus, format);
  const fixedDir = join(copy, format);
  if (!existsSync(original)) continue;
  if (!given) {
    cpSync(original, fixedDir, { recursive: true });
    for (const f of walk(fixedDir)) chmodSync(f, 0o644);
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'bin', 'rlens.js'),
        'scan',
        format,
        level === 'all' ? '--fix=all' : '--fix',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--output',
        join(copy, `${format}.report.json`),
      ],
      { cwd: copy, encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (r.status !== 0) {
      console.log(`${format}: rlens exited ${r.status}: ${r.stderr.split('\n').slice(-5).join(' | ')}`);
      failed = true;
      continue;
    }
    console.log(`${format}: --fix took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  let changed = 0;
  const duplicates = [];
  const broken = [];
  const unformatted = [];
  for (const file of walk(fixedDir)) {
    const rel = relative(fixedDir, file);
    const before = readFileSync(join(original, rel), 'utf8');
    const after = readFileSync(file, 'utf8');
    if (before === after || !engine.isScannable(file)) continue;
    changed++;
    const errorsBefore = engine.scanText(before, join(original, rel), { host: diskHost }).errors;
    const errorsAfter = engine.scanText(after, file, { host: diskHost }).errors;
    if (errorsAfter.length > errorsBefore.length)
      broken.push(
        `${rel}: ${errorsAfter
          .map((e) => e.message)
          .slice(0, 3)
          .join('; ')}`,
      );
    const dupErrors = errorsAfter.filter((e) => /duplicate key|declared more than once/.test(e.message)).length;
    const jsonDups = /\.json$/i.test(file) ? jsonDuplicateKeys(after).length - jsonDuplicateKeys(before).length : 0;
    const bicepDups = /\.bicep$/i.test(file)
      ? dupErrors - errorsBefore.filter((e) => /declared more than once/.test(e.message)).length
      : 0;
    if (jsonDups > 0 || bicepDups > 0) duplicates.push(rel);
    if (terraform && /\.tf$/i.test(file) && fmtClean(join(original, rel)) && !fmtClean(file)) unformatted.push(rel);
  }
  const tf = terraform && format === 'terraform' ? `, ${unformatted.length} no longer terraform-fmt clean` : '';
  console.log(
    `${format}: ${changed} files changed by --fix; ${duplicates.length} with a duplicate key, ${broken.length} with new analysis errors${tf}`,
  );
  for (const d of [
    ...duplicates.map((x) => `duplicate key: ${x}`),
    ...broken.map((x) => `new errors: ${x}`),
    ...unformatted.map((x) => `terraform fmt: ${x}`),
  ].slice(0, 20))
    console.log(`  ${d}`);
  if (duplicates.length > 0 || broken.length > 0 || unformatted.length > 0) failed = true;
}
if (!given && !argv.includes('--keep')) rmSync(copy, { recursive: true, force: true });
else console.log(`fixed copy: ${copy}`);
process.exit(failed ? 1 : 0);
