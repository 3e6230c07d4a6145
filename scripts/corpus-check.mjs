// Scans the shared corpora with the real engine and fails on any analysis error. Not part of `npm test`
// (users do not have ../shared); .ci/run calls it when the corpus is there.
//   node scripts/corpus-check.mjs [--corpus DIR] [--format arm|bicep|terraform]... [--json OUT]
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { diskHost, walk } from './corpus-files.mjs';

const require = createRequire(import.meta.url);
const engine = require('../dist/engine.js');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const corpus = resolve(opt('--corpus') ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
const wanted = argv.flatMap((a, i) => (argv[i - 1] === '--format' ? [a] : []));
if (!existsSync(corpus)) {
  console.error(`corpus-check: no corpus at ${corpus}`);
  process.exit(2);
}

// Errors that are true defects of corpus templates (each with why), reported but not failing the check.
const known = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus-known-errors.json'), 'utf8'));
const isKnown = (file, message) =>
  known.some((k) => file.replaceAll('\\', '/').endsWith(k.file) && message.startsWith(k.message));
const summary = {};
let failed = false;
for (const format of ['arm', 'bicep', 'terraform']) {
  if (wanted.length > 0 && !wanted.includes(format)) continue;
  const dir = join(corpus, format);
  if (!existsSync(dir)) continue;
  const registered = engine.FORMATS.some((f) => f.format === format);
  if (!registered) {
    console.log(`${format}: format not registered yet, skipped`);
    continue;
  }
  const files = walk(dir).filter((f) => engine.isScannable(f));
  const perRule = {};
  const errors = [];
  let templates = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    const r = engine.scanText(text, file, { host: diskHost });
    if (r.format) templates++;
    for (const e of r.errors) {
      if (isKnown(file, e.message)) console.log(`  known template defect: ${file}: ${e.message}`);
      else errors.push(`${file}: ${e.message}`);
    }
    for (const f of r.findings) perRule[f.ruleId] = (perRule[f.ruleId] ?? 0) + 1;
  }
  const seconds = (performance.now() - t0) / 1000;
  summary[format] = {
    files: files.length,
    templates,
    megabytes: +(bytes / 1e6).toFixed(1),
    seconds: +seconds.toFixed(2),
    errors: errors.length,
    findingsPerRule: perRule,
  };
  console.log(
    `${format}: ${files.length} files (${templates} analysed), ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s, ${errors.length} errors`,
  );
  for (const e of errors.slice(0, 20)) console.log(`  ${e}`);
  console.log(
    `  findings per rule: ${Object.entries(perRule)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  if (errors.length > 0) failed = true;
}
const out = opt('--json');
if (out) writeFileSync(out, JSON.stringify(summary, null, 2));
process.exitCode = failed ? 1 : 0;
