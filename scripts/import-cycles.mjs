#!/usr/bin/env node
/**
 * Lists import cycles among the TypeScript files under a folder (default `src/engine`), type-only imports included
 * (a cycle of types still ties the modules' design together). Uses the TypeScript compiler's own import scanner;
 * exits 1 when a cycle is found. Usage: node scripts/import-cycles.mjs [folder]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src/engine');

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const graph = new Map();
for (const file of filesUnder(root)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  graph.set(
    file,
    importedFiles.map((i) => resolveImport(file, i.fileName)).filter((x) => x !== undefined),
  );
}

// Tarjan's strongly connected components: every component of more than one file holds a cycle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function visit(v) {
  indexOf.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!indexOf.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  }
}
for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);

for (const c of components)
  console.log(
    `cycle among ${c.length} files: ${c
      .map((f) => relative(process.cwd(), f))
      .sort()
      .join(', ')}`,
  );
console.log(`${graph.size} files, ${components.length} import cycle(s)`);
process.exitCode = components.length > 0 ? 1 : 0;
