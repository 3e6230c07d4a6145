/**
 * Source positions. Every offset is a UTF-16 code unit index into the text exactly as the editor holds it
 * (BOM included, CRLF kept), which is what VS Code's `positionAt` expects.
 */

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A zero-based line and UTF-16 column, as in VS Code. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanCovers(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Offsets where lines start (after `\n`, `\r\n` or a lone `\r`). Files without a lone `\r` are searched with
 * the native `indexOf`: a character loop over every file cost a tenth of the parse.
 */
export function lineStartsOf(text: string): Int32Array {
  const starts = [0];
  if (text.indexOf('\r') < 0 || !/\r(?!\n)/.test(text)) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return Int32Array.from(starts);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return Int32Array.from(starts);
}

/** Maps offsets to line/column and back; line breaks are LF, CRLF or CR, as VS Code counts them. */
export class LineIndex {
  private readonly lineStarts: Int32Array;

  constructor(private readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = line + 1 < this.lineStarts.length ? (this.lineStarts[line + 1] ?? this.text.length) : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}

/** The line break a file mostly uses, so that edits keep its style. */
export function detectEol(text: string): '\n' | '\r\n' {
  const crlf = text.indexOf('\r\n');
  return crlf >= 0 ? '\r\n' : '\n';
}
