// Writes docs/rules/<ID>.md for every rule and docs/rules/README.md from rule metadata and rule fixtures.
//   node scripts/gen-docs.mjs          regenerate (npm run docs)
//   node scripts/gen-docs.mjs --check  fail, naming each file, when a page is stale, missing or orphaned (npm run docs:check)
// The rendering lives in src/docs/rule-docs.ts (pure, shared with test/docs.test.ts); this script bundles it with
// the engine so that it runs on plain Node, reads the fixtures and writes the files.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outDir = join(root, 'docs', 'rules');
const bundle = join(root, 'out', 'gen-docs', 'rule-docs.cjs');

// A rule added since the last build is registered first (docs:check leaves files alone: npm test checks them).
if (!check) await import('./gen-registries.mjs');

await build({
  entryPoints: [join(root, 'src', 'docs', 'rule-docs.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  loader: { '.yaml': 'text' },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const { allRules, renderAll, isGenerated, DIALECT_EXT, REGENERATE } = createRequire(import.meta.url)(bundle);

const readFixture = (id, dialect, kind) => {
  const file = join(root, 'test', 'fixtures', 'rules', id, dialect, `${kind}.${DIALECT_EXT[dialect]}`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

const expected = renderAll(allRules(), readFixture);
const onDisk = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.md')) : [];
const orphans = onDisk.filter((f) => !expected.has(f) && isGenerated(readFileSync(join(outDir, f), 'utf8')));

if (check) {
  const problems = [];
  for (const [name, text] of expected) {
    const file = join(outDir, name);
    if (!existsSync(file)) problems.push(`docs/rules/${name} is missing`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`docs/rules/${name} is stale`);
  }
  for (const f of orphans) problems.push(`docs/rules/${f} documents no rule in the catalog`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\nRegenerate with \`${REGENERATE}\` and commit docs/rules/.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`docs/rules: ${expected.size} files current\n`);
  }
} else {
  mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const [name, text] of expected) {
    const file = join(outDir, name);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(file, text);
    written++;
  }
  for (const f of orphans) rmSync(join(outDir, f));
  process.stdout.write(`docs/rules: ${expected.size} files, ${written} written, ${orphans.length} removed\n`);
}
