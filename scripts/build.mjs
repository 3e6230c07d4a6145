// Bundles the extension (Node and browser), the CLI and the engine; with --tests, the `npm test` suite as one
// bundle (out/test/unit.js); with --robustness, the `npm run test:robustness` suite (out/test/robustness.js and
// its fuzzing worker). One bundle per suite: the engine is compiled once, not once per test file.
// YAML rule files are bundled as text so that the engine needs no file system at run time.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
// The rule registries (catalog/index.ts, checks/index.ts) are generated from the folders' contents first.
import './gen-registries.mjs';

const withTests = process.argv.includes('--tests');
const withRobustness = process.argv.includes('--robustness');
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

/** Every `*.test.ts` under `dir`, sorted, leaving out the folders named in `skip`. */
function findTests(dir, skip) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!skip.includes(name)) out.push(...findTests(full, skip));
    } else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out.sort();
}

/** One bundle running `files` in order (mocha sees their describe blocks as if each file had been loaded). */
function testSuite(files, outfile) {
  const contents = files.map((f) => `import './${relative('.', f).split(sep).join('/')}';`).join('\n');
  return build({
    ...common,
    stdin: { contents, resolveDir: process.cwd(), sourcefile: outfile.replace(/\.js$/, '.ts'), loader: 'ts' },
    outfile,
    platform: 'node',
    format: 'cjs',
    external: ['mocha'],
  });
}

const jobs = [
  build({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' }),
  // The GitHub Action (action.yml): runs dist/cli.js beside it.
  build({ ...common, entryPoints: ['src/action/main.ts'], outfile: 'dist/action.js', platform: 'node', format: 'cjs' }),
  // The engine alone, for scripts (bench, corpus checks) that measure it without the CLI around it.
  build({
    ...common,
    entryPoints: ['src/engine/index.ts'],
    outfile: 'dist/engine.js',
    platform: 'node',
    format: 'cjs',
  }),
];
// test/e2e runs inside VS Code (test/e2e/run.mjs bundles it); test/robustness is its own suite.
if (withTests) jobs.push(testSuite(findTests('test', ['fixtures', 'e2e', 'robustness']), 'out/test/unit.js'));
if (withRobustness) {
  jobs.push(
    testSuite(findTests('test/robustness', []), 'out/test/robustness.js'),
    // A worker thread's own entry: the suite's bundle would register its describe blocks again in the worker.
    build({
      ...common,
      entryPoints: ['test/robustness/fuzz-worker.ts'],
      outfile: 'out/test/fuzz-worker.js',
      platform: 'node',
      format: 'cjs',
    }),
  );
}
await Promise.all(jobs);
