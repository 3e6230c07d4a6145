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
