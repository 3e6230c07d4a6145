/** Applies text edits to one file's text (the CLI's --fix, tests, and the fix-all path). */
import type { TextEdit } from './finding';

/**
 * Applies the edits that target `file`, last first so offsets stay valid. Overlapping edits are dropped
 * (the later one loses) rather than corrupting the text; the count of applied edits is returned.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], file?: string): { text: string; applied: number } {
  const mine = edits.filter((e) => file === undefined || e.file === file).slice().sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of mine) {
    // Two insertions at the same point are fine; anything else that overlaps is not.
    if (e.span.start < lastEnd) continue;
    kept.push(e);
    lastEnd = Math.max(lastEnd, e.span.end);
  }
  let out = text;
  for (let i = kept.length - 1; i >= 0; i--) {
    const e = kept[i] as TextEdit;
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return { text: out, applied: kept.length };
}
