// Bundles the extension (Node and browser), the CLI and, with --tests, every test file for mocha.
// YAML rule files are bundled as text so that the engine needs no file system at run time.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
// The rule registries (catalog/index.ts, checks/index.ts) are generated from the folders' contents first.
import './gen-registries.mjs';

const withTests = process.argv.includes('--tests');
const production = process.argv.includes('--production');
// Rule files are YAML for people and JSON for the bundle: parsing YAML on every start cost ~150 ms. A YAML
// syntax error fails the build with its file and line; the schema is still checked when the rules load.
const rulesAsJson = {
  name: 'rules-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]rules[\\/]catalog[\\/][^\\/]+\.yaml$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      try {
        return { contents: JSON.stringify(parseYaml(text)), loader: 'text' };
      } catch (e) {
        const line = e instanceof YAMLParseError ? e.linePos?.[0]?.line : undefined;
        return { errors: [{ text: String(e.message).split('\n')[0], location: { file: args.path, line: line ?? 1 } }] };
      }
    });
  },
};

const common = {
  plugins: [rulesAsJson],
  bundle: true,
  sourcemap: !production,
  minify: production,
  target: 'es2022',
  loader: { '.yaml': 'text' },
  // jsonc-parser's UMD entry hides its requires from the bundler; its ESM entry bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures' && name !== 'e2e') out.push(...findTests(full));
    } else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const jobs = [
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'], define: { 'process.env.NODE_ENV': '"production"' } }),
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' }),
  // The engine alone, for scripts (bench, corpus checks) that measure it without the CLI around it.
  build({ ...common, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.js', platform: 'node', format: 'cjs' }),
];
if (withTests) {
  rmSync('out/test', { recursive: true, force: true });
  jobs.push(
    build({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test', platform: 'node', format: 'cjs', external: ['mocha'] }),
  );
}
await Promise.all(jobs);
