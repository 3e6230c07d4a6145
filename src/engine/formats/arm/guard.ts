/** Cheap pre-checks that keep pathological JSON away from the recursive parser. */

export const MAX_JSON_DEPTH = 1000;

/** Characters that matter for nesting: string and comment openers and brackets. */
const SIGNIFICANT = /["{}[\]/]/g;

/**
 * The deepest `{`/`[` nesting outside strings and comments, stopping early past `limit`. Jumps between
 * significant characters with a native regular expression and `indexOf` (a character loop here cost ARM
 * analysis a full extra pass over every template).
 */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  const re = new RegExp(SIGNIFICANT.source, 'g');
  let depth = 0;
  let max = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close < 0) return max;
      re.lastIndex = close + 1;
    } else if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const eol = text.indexOf('\n', i + 2);
        if (eol < 0) return max;
        re.lastIndex = eol + 1;
      } else if (next === 42 /* * */) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return max;
        re.lastIndex = end + 2;
      }
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else {
      depth--;
    }
  }
  return max;
}

/** The offset of the `"` closing the string opened at `open` (one not escaped by a backslash), or -1. */
function closingQuote(text: string, open: number): number {
  for (let j = text.indexOf('"', open + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}
