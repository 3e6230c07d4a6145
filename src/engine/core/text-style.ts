/** Reads a file's formatting habits so that inserted text looks as if the author wrote it. */
import { lineStartsOf } from './span';

/** The indentation unit: a tab, or the smallest step of leading spaces seen (2 when nothing is indented). */
export function detectIndentUnit(text: string): string {
  let min = Infinity;
  let seen = 0;
  const re = /\n([ \t]+)\S/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && seen < 200) {
    const ws = m[1] as string;
    if (ws.startsWith('\t')) return '\t';
    if (ws.length < min) min = ws.length;
    seen++;
  }
  return Number.isFinite(min) && min > 0 && min <= 8 ? ' '.repeat(min) : '  ';
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** True when no line break lies between the two offsets. */
export function sameLine(text: string, a: number, b: number): boolean {
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  for (let i = from; i < to; i++) if (text[i] === '\n' || text[i] === '\r') return false;
  return true;
}

/**
 * `indentAt` and `sameLine` over an index of line starts built on first use: O(log n) a question instead of a
 * scan of the line. A minified template is one line of megabytes, and every fix asked both (8,000 resources
 * on one line took minutes).
 */
export class LinePositions {
  private starts: Int32Array | undefined;

  constructor(private readonly text: string) {}

  /** Offset where the line holding `offset` starts. */
  private lineStart(offset: number): number {
    const starts = (this.starts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] as number;
  }

  indentAt(offset: number): string {
    const start = this.lineStart(offset);
    let end = start;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    return this.text.slice(start, end);
  }

  sameLine(a: number, b: number): boolean {
    return this.lineStart(a) === this.lineStart(b);
  }
}
