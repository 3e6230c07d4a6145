// Parses every .bicep and .bicepparam file of the shared corpus with the Bicep parser alone and reports
// files, errors and throughput. Usage: node scripts/corpus-parse-bicep.mjs [corpus dir] [--verbose]
// Builds out/bicep-parse.js from src/engine/formats/bicep/index.ts first (esbuild, a dev dependency).
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const root =
  args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'bicep');
if (!existsSync(root)) {
  console.error(`corpus not found: ${root}`);
  process.exit(2);
}

const bundle = join(import.meta.dirname, '..', 'out', 'bicep-parse.js');
await build({
  entryPoints: [join(import.meta.dirname, '..', 'src/engine/formats/bicep/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'warning',
});
const { parseBicep } = createRequire(import.meta.url)(bundle);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) out.push(full);
  }
  return out;
}

const files = walk(root).sort();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

let failed = 0;
let errors = 0;
for (let i = 0; i < files.length; i++) {
  const { diagnostics } = parseBicep(texts[i]);
  if (diagnostics.length > 0) {
    failed++;
    errors += diagnostics.length;
    if (verbose || failed <= 20) {
      const d = diagnostics[0];
      const line = texts[i].slice(0, d.span.start).split(/\r\n|\r|\n/).length;
      console.log(
        `${relative(root, files[i])}:${line}: ${d.message}${diagnostics.length > 1 ? ` (+${diagnostics.length - 1} more)` : ''}`,
      );
    }
  }
}

// Throughput: warm up, then the best of several full passes (the machine is shared).
for (let i = 0; i < 2; i++) for (const t of texts) parseBicep(t);
let best = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (const t of texts) parseBicep(t);
  best = Math.min(best, performance.now() - t0);
}
const mb = bytes / 1e6;
console.log(
  `files ${files.length}, files with errors ${failed}, errors ${errors}, ${mb.toFixed(1)} MB in ${best.toFixed(0)} ms: ${(mb / (best / 1000)).toFixed(1)} MB/s`,
);
process.exit(failed > 0 ? 1 : 0);
