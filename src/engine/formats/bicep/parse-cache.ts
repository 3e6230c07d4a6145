/**
 * Parsed module, import and parameter files, shared across scans: a directory of tests that each call the same
 * large module parsed it once per caller (the Bicep corpus spent most of its time re-parsing modules). Parsing
 * is a pure function of the text, so the text is the key; the cache is bounded by total characters.
 */
import { parseBicep, type ParseResult } from './index';

// A syntax tree weighs about 30× its text: 512 K characters of modules is ~15 MB held, enough for the modules one
// directory walk keeps coming back to. A larger budget (2 M) bought no speed on the corpus and cost ~40 MB of
// peak RSS, since V8 sizes its heap as a multiple of what stays live.
const BUDGET_CHARS = 512 * 1024;
const cache = new Map<string, ParseResult>();
let chars = 0;

/** `parseBicep(text)`, reusing an earlier parse of the same text. Callers must not mutate the result. */
export function parseBicepCached(text: string): ParseResult {
  const hit = cache.get(text);
  if (hit) {
    // Re-insert so the Map's first key stays the least recently used.
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const result = parseBicep(text);
  if (text.length > BUDGET_CHARS / 4) return result;
  cache.set(text, result);
  chars += text.length;
  for (const [key] of cache) {
    if (chars <= BUDGET_CHARS) break;
    cache.delete(key);
    chars -= key.length;
  }
  return result;
}
