/**
 * Syntax trees by (path, text). A module is a directory, so scanning each of its files reads every sibling:
 * without this a directory of n files is parsed n² times. The key includes the whole text, so an edited
 * buffer never sees a stale tree, and trees are never mutated after parsing, so sharing them is safe. The
 * cache holds at most a byte budget of source text, least recently used first out.
 */
import { parseHcl } from './parser';
import { parseTfJson, parseTfvarsJson } from './json-syntax';
import type { HclFile } from './syntax';

/** Enough for the largest real module folders; a long scan's memory stays flat. */
// A syntax tree weighs about 30× its text; sibling files of one directory fit easily in 512 K characters.
const BUDGET_CHARS = 512 * 1024;

const cache = new Map<string, { readonly text: string; readonly syntax: HclFile }>();
let held = 0;

function parseUncached(text: string, file: string): HclFile {
  if (/\.tfvars\.json$/i.test(file)) return parseTfvarsJson(text);
  return /\.json$/i.test(file) ? parseTfJson(text) : parseHcl(text);
}

/** Parses a `.tf`, `.tfvars` (HCL) or `.tf.json` / `.tfvars.json` file, reusing the tree of an identical text. */
export function parseTerraformCached(text: string, file: string): HclFile {
  const hit = cache.get(file);
  if (hit && hit.text === text) {
    // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
    cache.delete(file);
    cache.set(file, hit);
    return hit.syntax;
  }
  const syntax = parseUncached(text, file);
  if (hit) {
    cache.delete(file);
    held -= hit.text.length;
  }
  if (text.length <= BUDGET_CHARS / 4) {
    cache.set(file, { text, syntax });
    held += text.length;
    for (const [key, entry] of cache) {
      if (held <= BUDGET_CHARS) break;
      cache.delete(key);
      held -= entry.text.length;
    }
  }
  return syntax;
}

/** Empties the cache (tests and benchmarks that measure cold parses). */
export function clearTerraformParseCache(): void {
  cache.clear();
  held = 0;
}
