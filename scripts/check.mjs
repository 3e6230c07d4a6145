// Type-checks, then lints with the type-checker's own program.
//   node scripts/check.mjs           type-check and lint (npm test)
//   node scripts/check.mjs --types   type-check only (npm run typecheck)
// Two TypeScript projects: src/engine/tsconfig.json (the engine alone, with no Node or DOM types, so a Node global
// or module in the engine fails here) and tsconfig.json (everything). ESLint's type-aware rules then ask the second
// program for types instead of building a program of their own: the type-check already computed them, and a second
// program was half of what `npm run lint` costs. `npm run lint` (eslint on its own) reports the same problems.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesOnly = process.argv.includes('--types');

const ENGINE_HINT = [
  'src/engine is type-checked without Node or DOM types (src/engine/tsconfig.json): the engine also runs in browsers',
  'and web workers, where there is no fs, path, process, Buffer, require or document. Keep such code in src/cli or',
  'src/extension and pass what the engine needs in (a FileHost, options).',
].join('\n');

/** Parsed source files, shared by both programs: the engine's files are read and parsed once. */
const parsed = new Map();

function createProgram(configFile) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, configFile),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, fresh) => {
    const key = `${fileName}\0${typeof languageVersion === 'object' ? JSON.stringify(languageVersion) : languageVersion}`;
    let file = parsed.get(key);
    if (!file || fresh) parsed.set(key, (file = read(fileName, languageVersion, onError, fresh)));
    return file;
  };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    host,
    configFileParsingDiagnostics: config.errors,
  });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
const format = (diagnostics) =>
  process.stdout.isTTY
    ? ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost)
    : ts.formatDiagnostics(diagnostics, formatHost);

const engine = createProgram('src/engine/tsconfig.json');
if (engine.diagnostics.length > 0) process.stdout.write(`${format(engine.diagnostics)}\n${ENGINE_HINT}\n\n`);
const all = createProgram('tsconfig.json');
// An error in the engine that is an error everywhere shows in both programs: print it once.
const shown = new Set(engine.diagnostics.map((d) => ts.formatDiagnostic(d, formatHost)));
const rest = all.diagnostics.filter((d) => !shown.has(ts.formatDiagnostic(d, formatHost)));
if (rest.length > 0) process.stdout.write(format(rest));
const errors = engine.diagnostics.length + rest.length;
let failed = errors > 0;
process.stdout.write(
  `type-check: ${errors === 0 ? 'no errors' : `${errors} error(s)`} (${all.program.getRootFileNames().length} files)\n`,
);

if (!typesOnly) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [all.program] } } },
    ],
  });
  const results = await eslint.lintFiles(['src', 'test', 'scripts']);
  const text = await (await eslint.loadFormatter('stylish')).format(results);
  if (text) process.stdout.write(text);
  const lintErrors = results.reduce((n, r) => n + r.errorCount, 0);
  process.stdout.write(
    `lint: ${lintErrors === 0 ? 'no errors' : `${lintErrors} error(s)`} (${results.length} files)\n`,
  );
  if (lintErrors > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
