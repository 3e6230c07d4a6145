/**
 * Strings that outlive a scan (in findings, which the CLI keeps until it prints) must not pin the source text.
 * V8 represents `text.slice(a, b)` of 13 or more characters as a view into `text`, and `a + b` as a pair of
 * references, so a resource name read from a template kept the whole file alive: a corpus scan held 17 MB
 * of source text through its findings. Copying into a fresh string cuts that link.
 */

/** V8 copies shorter slices instead of pointing into the parent (`SlicedString::kMinLength`). */
const SHORTEST_VIEW = 13;

/** `s` as a string of its own, holding no reference to a larger text. */
export function detach(s: string): string {
  // Concatenation makes a cons string; slicing it flattens that into a fresh copy and takes a view of the copy.
  return s.length < SHORTEST_VIEW ? s : (' ' + s).slice(1);
}

/** Copies shared by equal strings (resource types, fix titles and texts repeat across thousands of findings). */
const interned = new Map<string, string>();
const INTERNED_KEPT = 8192;

/** `s` detached from any larger text, and the same copy for every equal string (bounded table). */
export function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  const own = detach(s);
  if (interned.size >= INTERNED_KEPT) interned.clear();
  interned.set(own, own);
  return own;
}
