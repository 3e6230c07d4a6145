// Bundles each format's bare parser on its own (out/bench/parse-<format>.js) so the bench can time parsing
// without the adapter, the rules or the rest of the engine. Missing or broken parsers are "not available".
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './util.mjs';

const require = createRequire(import.meta.url);
const JSONC_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Builds the parser bundle of one FORMAT_TABLE entry; returns { parse(text, path) } or { unavailable: reason }. */
export async function loadParser(entry) {
  const { module, exports: names, call } = entry.parser;
  if (module.startsWith('src/') && !existsSync(join(ROOT, module)))
    return { unavailable: `${module} does not exist yet` };
  const outfile = join(ROOT, 'out', 'bench', `parse-${entry.format}.js`);
  mkdirSync(join(ROOT, 'out', 'bench'), { recursive: true });
  const spec = module.startsWith('src/') ? `./${module}` : module;
  try {
    await build({
      stdin: {
        contents: `export { ${names.join(', ')} } from ${JSON.stringify(spec)};`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      mainFields: ['module', 'main'],
      loader: { '.yaml': 'text' },
      outfile,
      logLevel: 'silent',
    });
  } catch (e) {
    return { unavailable: `parser does not build: ${String(e.message ?? e).split('\n')[0]}` };
  }
  delete require.cache[outfile];
  const mod = require(outfile);
  const missing = names.filter((n) => typeof mod[n] !== 'function');
  if (missing.length > 0) return { unavailable: `${module} does not export ${missing.join(', ')}` };
  switch (call) {
    case 'jsonc':
      return { name: 'jsonc-parser parseTree', parse: (text) => mod.parseTree(text, [], JSONC_OPTIONS) };
    case 'hcl':
      return {
        name: 'parseHcl / parseTfJson',
        parse: (text, path) => (/\.json$/i.test(path) ? mod.parseTfJson(text) : mod.parseHcl(text)),
      };
    default:
      return { name: names[0], parse: (text) => mod[names[0]](text) };
  }
}
