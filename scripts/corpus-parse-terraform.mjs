// Parses every Terraform file of the shared corpus with the HCL parser alone and prints files, errors and
// MB/s. Usage: node scripts/corpus-parse-terraform.mjs [corpusDir] [--verbose]
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus/terraform';

await build({
  entryPoints: ['src/engine/formats/terraform/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // jsonc-parser's UMD entry hides its imports from bundlers; its ES module entry does not.
  mainFields: ['module', 'main'],
  outfile: 'out/hcl-parse.js',
  logLevel: 'warning',
});
const { parseHcl, parseTfJson } = createRequire(import.meta.url)('../out/hcl-parse.js');

function walk(d) {
  const out = [];
  for (const name of readdirSync(d)) {
    const full = join(d, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.(tf|tfvars|tf\.json|tfvars\.json)$/.test(name)) out.push(full);
  }
  return out;
}

const files = walk(dir).sort();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const parse = (f, t) => (f.endsWith('.json') ? parseTfJson(t) : parseHcl(t));

let errors = 0;
let failedFiles = 0;
for (let i = 0; i < files.length; i++) {
  const result = parse(files[i], texts[i]);
  if (result.diagnostics.length > 0) {
    errors += result.diagnostics.length;
    failedFiles++;
    if (verbose || failedFiles <= 10) {
      const d = result.diagnostics[0];
      const line = texts[i].slice(0, d.span.start).split('\n').length;
      console.log(`${relative(dir, files[i])}:${line}: ${d.message} (${result.diagnostics.length} in file)`);
    }
  }
}

// Timing: warm up, then take the best of several rounds so that a GC pause does not decide the figure.
for (let i = 0; i < files.length; i++) parse(files[i], texts[i]);
let best = Infinity;
for (let round = 0; round < 5; round++) {
  const t0 = performance.now();
  for (let i = 0; i < files.length; i++) parse(files[i], texts[i]);
  best = Math.min(best, performance.now() - t0);
}
const mbps = bytes / 1e6 / (best / 1000);
console.log(
  `files: ${files.length}  errors: ${errors} (in ${failedFiles} files)  bytes: ${bytes}  time: ${best.toFixed(1)} ms  speed: ${mbps.toFixed(1)} MB/s`,
);
process.exitCode = errors > 0 ? 1 : 0;
