/**
 * Trimming by character set, without regular expressions: `/[…]+$/` tries every start inside a long run and
 * fails at its end each time when something else follows (200,000 slashes and a letter: quadratic, minutes).
 */

/** `s` without the characters of `chars` at its end. */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without the characters of `chars` at its start. */
export function trimStartOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s.charAt(start))) start++;
  return start === 0 ? s : s.slice(start);
}
