/**
 * The Bicep lexer: one pass, no backtracking, linear in the text. String interpolation is modal: a `${`
 * hole pushes a frame, and the `}` that balances it resumes the string. Line breaks are tokens (merged when
 * consecutive); comments go to a side list.
 */
import type { Diagnostic } from './syntax';
import { T, TokenStore, type Comment } from './tokens';

export interface LexResult {
  readonly tokens: TokenStore;
  readonly comments: Comment[];
  readonly diagnostics: Diagnostic[];
}

/** An open interpolation hole: which string it belongs to and how deep its own braces are. */
interface Hole {
  readonly multiline: boolean;
  /** Number of `$` that open a hole in the owning `$'''` string (0 for `'…'`). */
  readonly dollars: number;
  braces: number;
  /** Where the owning `$'''` string's closing quotes were found, so that each piece does not search again. */
  readonly close?: number;
}

const CR = 13;
const LF = 10;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

export function lex(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  // Real templates hold one token per 8.4 characters (corpus median; 6.7 at the 10th percentile): sized for
  // one per 6, the arrays are rarely copied to grow.
  private readonly tokens: TokenStore;
  private readonly comments: Comment[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly holes: Hole[] = [];

  constructor(private readonly text: string) {
    this.tokens = new TokenStore(Math.ceil(text.length / 6) + 16);
    // A byte-order mark is not content; offsets stay relative to the text as given.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): LexResult {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 0xfeff || c === 0x0b || c === 0x0c || c === 0xa0) {
        this.pos++;
      } else if (c === CR || c === LF) {
        this.newLine(c);
      } else if (c === 47 /* / */ && text.charCodeAt(this.pos + 1) === 47) {
        this.lineComment();
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42 /* * */) {
        this.blockComment();
      } else if (c === 35 /* # */ && isIdentStart(text.charCodeAt(this.pos + 1))) {
        this.directive();
      } else {
        this.token(c);
      }
    }
    this.push(T.EndOfFile, n, n);
    return { tokens: this.tokens, comments: this.comments, diagnostics: this.diagnostics };
  }

  private error(message: string, start: number, end: number): void {
    this.diagnostics.push({ message, span: { start, end } });
  }

  private push(kind: T, start: number, end: number, value?: string, unterminated = false): void {
    this.tokens.push(kind, start, end, value, unterminated);
  }

  private newLine(c: number): void {
    const start = this.pos;
    this.pos += c === CR && this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    const top = this.holes[this.holes.length - 1];
    if (top?.multiline) return; // a `$'''` hole may span lines: the break is plain white space there
    if (top) {
      // A line break inside `'…${…` ends every single-line string still open: they are unterminated.
      while (this.holes.length > 0 && !this.holes[this.holes.length - 1]?.multiline) this.holes.pop();
      this.error("Unterminated string: a string cannot span lines (use ''' for multi-line strings).", start, start);
      if (this.holes.length > 0) return;
    }
    const tokens = this.tokens;
    if (tokens.count > 0 && tokens.kinds[tokens.count - 1] === T.NewLine) tokens.ends[tokens.count - 1] = this.pos;
    else this.push(T.NewLine, start, this.pos);
  }

  private lineComment(): void {
    const start = this.pos;
    let i = start + 2;
    const text = this.text;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) break;
      i++;
    }
    this.comments.push({ kind: 'line', span: { start, end: i }, text: text.slice(start + 2, i) });
    this.pos = i;
  }

  private blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('*/', start + 2);
    const end = close < 0 ? this.text.length : close + 2;
    if (close < 0) this.error('Unterminated multi-line comment.', start, end);
    this.comments.push({
      kind: 'block',
      span: { start, end },
      text: this.text.slice(start + 2, close < 0 ? end : close),
    });
    this.pos = end;
  }

  /** `#disable-next-line code1 code2`: kept as a comment of kind `directive` (Bicep's own suppression). */
  private directive(): void {
    const start = this.pos;
    let i = start + 1;
    const text = this.text;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) break;
      i++;
    }
    this.comments.push({ kind: 'directive', span: { start, end: i }, text: text.slice(start + 1, i) });
    this.pos = i;
  }

  private token(c: number): void {
    const text = this.text;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (isIdentStart(c)) {
      let i = start + 1;
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      this.push(T.Identifier, start, i, text.slice(start, i));
      this.pos = i;
      return;
    }
    if (isDigit(c)) {
      let i = start + 1;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      this.push(T.Integer, start, i, text.slice(start, i));
      this.pos = i;
      return;
    }
    switch (c) {
      case 39 /* ' */:
        if (next === 39 && text.charCodeAt(start + 2) === 39) this.multilineString(start, start + 3, 0, true);
        else this.singleString(start, start + 1, true);
        return;
      case 36 /* $ */: {
        let i = start;
        while (text.charCodeAt(i) === 36) i++;
        if (text.startsWith("'''", i)) {
          this.multilineString(start, i + 3, i - start, true);
          return;
        }
        // The whole run is one unexpected token: stepping one `$` at a time rescanned the run (quadratic).
        this.error(`Unexpected character '$'.`, start, i);
        this.op(T.Unrecognized, i - start);
        return;
      }
      case 123 /* { */: {
        const top = this.holes[this.holes.length - 1];
        if (top) top.braces++;
        return this.op(T.LeftBrace, 1);
      }
      case 125 /* } */: {
        const top = this.holes[this.holes.length - 1];
        if (top && top.braces === 0) {
          this.holes.pop();
          if (top.multiline) this.multilineString(start, start + 1, top.dollars, false, top.close);
          else this.singleString(start, start + 1, false);
          return;
        }
        if (top) top.braces--;
        return this.op(T.RightBrace, 1);
      }
      case 91:
        return this.op(T.LeftSquare, 1);
      case 93:
        return this.op(T.RightSquare, 1);
      case 40:
        return this.op(T.LeftParen, 1);
      case 41:
        return this.op(T.RightParen, 1);
      case 44:
        return this.op(T.Comma, 1);
      case 59:
        return this.op(T.Semicolon, 1);
      case 64:
        return this.op(T.At, 1);
      case 94:
        return this.op(T.Hat, 1);
      case 43:
        return this.op(T.Plus, 1);
      case 45:
        return this.op(T.Minus, 1);
      case 42:
        return this.op(T.Asterisk, 1);
      case 47:
        return this.op(T.Slash, 1);
      case 37:
        return this.op(T.Modulo, 1);
      case 46 /* . */:
        return next === 46 && text.charCodeAt(start + 2) === 46 ? this.op(T.Ellipsis, 3) : this.op(T.Dot, 1);
      case 58 /* : */:
        return next === 58 ? this.op(T.DoubleColon, 2) : this.op(T.Colon, 1);
      case 63 /* ? */:
        return next === 63 ? this.op(T.DoubleQuestion, 2) : this.op(T.Question, 1);
      case 61 /* = */:
        if (next === 61) return this.op(T.Equals, 2);
        if (next === 126) return this.op(T.EqualsInsensitive, 2);
        if (next === 62) return this.op(T.Arrow, 2);
        return this.op(T.Assignment, 1);
      case 33 /* ! */:
        if (next === 61) return this.op(T.NotEquals, 2);
        if (next === 126) return this.op(T.NotEqualsInsensitive, 2);
        return this.op(T.Exclamation, 1);
      case 60 /* < */:
        return next === 61 ? this.op(T.LessThanOrEqual, 2) : this.op(T.LessThan, 1);
      case 62 /* > */:
        return next === 61 ? this.op(T.GreaterThanOrEqual, 2) : this.op(T.GreaterThan, 1);
      case 38 /* & */:
        if (next === 38) return this.op(T.LogicalAnd, 2);
        break;
      case 124 /* | */:
        return next === 124 ? this.op(T.LogicalOr, 2) : this.op(T.Pipe, 1);
      default:
        break;
    }
    // One code point, so that a surrogate pair is not split.
    const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const shown = text.slice(start, start + width);
    this.error(
      c === 34 ? 'Strings use single quotes in Bicep.' : `Unexpected character '${shown}'.`,
      start,
      start + width,
    );
    this.op(T.Unrecognized, width);
  }

  private op(kind: T, width: number): void {
    this.push(kind, this.pos, this.pos + width);
    this.pos += width;
  }

  /**
   * `'…'`, or its continuation after a hole (`}…'`, `}…${`). Stops at the end of the line when the quote is
   * missing, so that an unclosed string costs one line.
   */
  private singleString(start: number, contentStart: number, first: boolean): void {
    const text = this.text;
    let i = contentStart;
    let chunk = contentStart;
    let value = '';
    for (;;) {
      if (i >= text.length) break;
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) break;
      if (c === 39) {
        this.push(first ? T.StringComplete : T.StringRightPiece, start, i + 1, value + text.slice(chunk, i));
        this.pos = i + 1;
        return;
      }
      if (c === 36 && text.charCodeAt(i + 1) === 123) {
        this.push(first ? T.StringLeftPiece : T.StringMiddlePiece, start, i + 2, value + text.slice(chunk, i));
        this.holes.push({ multiline: false, dollars: 0, braces: 0 });
        this.pos = i + 2;
        return;
      }
      if (c === 92 /* \ */) {
        value += text.slice(chunk, i);
        i = this.escape(i);
        value += this.lastEscape;
        chunk = i;
        continue;
      }
      i++;
    }
    this.error('Unterminated string: the closing quote is missing.', start, i);
    this.push(first ? T.StringComplete : T.StringRightPiece, start, i, value + text.slice(chunk, i), true);
    this.pos = i;
  }

  private lastEscape = '';

  /** Reads the escape at `at` (a backslash) into `lastEscape`; returns the offset after it. */
  private escape(at: number): number {
    const text = this.text;
    const e = text[at + 1];
    if (e === undefined || e === '\r' || e === '\n') {
      this.lastEscape = '\\';
      return at + 1;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      this.lastEscape = simple;
      return at + 2;
    }
    if (e === 'u' && text[at + 2] === '{') {
      let i = at + 3;
      while (i < text.length && /[0-9a-fA-F]/.test(text[i] ?? '')) i++;
      const code = parseInt(text.slice(at + 3, i), 16);
      if (text[i] === '}' && i > at + 3 && code <= 0x10ffff) {
        this.lastEscape = String.fromCodePoint(code);
        return i + 1;
      }
      this.error(
        'Invalid unicode escape: use \\u{hex} with a code point up to 10FFFF.',
        at,
        Math.min(i + 1, text.length),
      );
      this.lastEscape = text.slice(at, i);
      return i;
    }
    this.error(`Invalid escape sequence '\\${e}': use \\n, \\r, \\t, \\\\, \\', \\$ or \\u{…}.`, at, at + 2);
    this.lastEscape = e;
    return at + 2;
  }

  /**
   * `'''…'''` (raw) and `$'''…${x}…'''`, where `dollars` `$` signs followed by `{` open a hole. A leading line
   * break after the opening quotes is not part of the value. Quotes beyond the closing three are content.
   */
  private multilineString(
    start: number,
    contentStart: number,
    dollars: number,
    first: boolean,
    knownClose?: number,
  ): void {
    const text = this.text;
    const close =
      knownClose !== undefined && (knownClose >= contentStart || knownClose < 0)
        ? knownClose
        : text.indexOf("'''", contentStart);
    const hole = dollars > 0 ? this.findHole(contentStart, close < 0 ? text.length : close, dollars) : -1;
    if (hole >= 0) {
      const end = hole + dollars + 1;
      this.push(
        first ? T.MultilineLeftPiece : T.MultilineMiddlePiece,
        start,
        end,
        this.multilineValue(contentStart, hole, first),
      );
      this.holes.push({ multiline: true, dollars, braces: 0, close });
      this.pos = end;
      return;
    }
    // `$'''…'''` without any hole is a complete string: reported as such.
    const kind = first ? T.MultilineString : T.MultilineRightPiece;
    if (close < 0) {
      this.error("Unterminated multi-line string: the closing ''' is missing.", start, text.length);
      this.push(kind, start, text.length, this.multilineValue(contentStart, text.length, first), true);
      this.pos = text.length;
      return;
    }
    let end = close + 3;
    while (text.charCodeAt(end) === 39) end++;
    this.push(kind, start, end, this.multilineValue(contentStart, end - 3, first));
    this.pos = end;
  }

  /** The first offset in `[from, to)` where exactly `dollars` `$` (possibly after more `$`) precede `{`. */
  private findHole(from: number, to: number, dollars: number): number {
    const text = this.text;
    let i = text.indexOf('{', from);
    while (i >= 0 && i < to) {
      let run = 0;
      while (i - run - 1 >= from && text.charCodeAt(i - run - 1) === 36) run++;
      if (run >= dollars) return i - dollars;
      i = text.indexOf('{', i + 1);
    }
    return -1;
  }

  private multilineValue(from: number, to: number, first: boolean): string {
    let start = from;
    if (first) {
      if (this.text.charCodeAt(start) === CR) start++;
      if (this.text.charCodeAt(start) === LF) start++;
    }
    return this.text.slice(Math.min(start, to), to);
  }
}
