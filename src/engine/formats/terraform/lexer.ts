/**
 * HCL native-syntax tokenizer. One pass over the text into parallel typed arrays (kind, start, end): no
 * per-token objects, which keeps the parser well above 50 MB/s. Templates make HCL lexing modal (`"a${b}c"`
 * switches between template and expression modes), so the lexer keeps a small mode stack, as the reference
 * scanner does. It never throws: bad input becomes `Invalid` tokens and diagnostics.
 */
import type { HclComment, HclDiagnostic } from './syntax';

// Token kinds. Plain numbers rather than an enum so that they stay cheap across modules.
export const T_EOF = 0;
export const T_NEWLINE = 1;
export const T_IDENT = 2;
export const T_NUMBER = 3;
export const T_OQUOTE = 4;
export const T_CQUOTE = 5;
export const T_OHEREDOC = 6;
export const T_CHEREDOC = 7;
/** Literal text inside a quoted template (escapes still to decode). */
export const T_QUOTED_LIT = 8;
/** Literal text inside a heredoc (no backslash escapes). */
export const T_STRING_LIT = 9;
/** `${` or `${~`. */
export const T_INTERP = 10;
/** `%{` or `%{~`. */
export const T_CONTROL = 11;
/** The `}` or `~}` closing an interpolation or directive. */
export const T_SEQ_END = 12;
export const T_LBRACE = 13;
export const T_RBRACE = 14;
export const T_LBRACK = 15;
export const T_RBRACK = 16;
export const T_LPAREN = 17;
export const T_RPAREN = 18;
export const T_COMMA = 19;
export const T_DOT = 20;
export const T_ELLIPSIS = 21;
export const T_EQUAL = 22;
export const T_COLON = 23;
export const T_DCOLON = 24;
export const T_QUESTION = 25;
export const T_ARROW = 26;
/** Any binary or unary operator; the parser reads which one from the text. */
export const T_OP = 27;
export const T_STAR = 28;
export const T_INVALID = 29;

const MODE_NORMAL = 0;
const MODE_QUOTED = 1;
const MODE_HEREDOC = 2;

/** The token arrays. Index `count` holds the EOF token. */
export interface Tokens {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly comments: HclComment[];
  readonly diagnostics: HclDiagnostic[];
}

export interface LexOptions {
  /**
   * Recovery mode for files already known to be broken: a line break ends an interpolation inside a quoted
   * string and an unclosed block comment ends at its line, so that a damaged line cannot swallow the rest.
   */
  readonly lenient?: boolean;
  /**
   * Lex only `text[start, end)` as the inside of a string template (for `.tf.json` strings holding `${…}`):
   * the range starts in template mode and ends with a synthetic closing quote.
   */
  readonly templateRange?: { readonly start: number; readonly end: number };
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 127 && isUnicodeIdStart(c));
}
function isIdentPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    (c > 127 && isUnicodeIdPart(c))
  );
}
const ID_START = /\p{ID_Start}/u;
const ID_PART = /\p{ID_Continue}/u;
function isUnicodeIdStart(c: number): boolean {
  return ID_START.test(String.fromCharCode(c));
}
function isUnicodeIdPart(c: number): boolean {
  return ID_PART.test(String.fromCharCode(c));
}
/** Whether `word` is `marker` with one character left out. */
function dropsOne(marker: string, word: string): boolean {
  let i = 0;
  while (i < word.length && word.charCodeAt(i) === marker.charCodeAt(i)) i++;
  return marker.slice(i + 1) === word.slice(i);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Tokenizes `text`. Linear in its length, including the look-ahead for heredoc terminators. */
export function lex(text: string, options: LexOptions = {}): Tokens {
  const lenient = options.lenient === true;
  const range = options.templateRange;
  const len = range ? range.end : text.length;
  let cap = Math.max(64, (len >> 2) + 16);
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  const comments: HclComment[] = [];
  const diagnostics: HclDiagnostic[] = [];

  // The mode stack. For normal frames, `braces` counts open `{` so that the `}` ending an interpolation is
  // told apart from one closing an object; `inQuoted` marks an interpolation inside a quoted string.
  const modes: number[] = [MODE_NORMAL];
  const braces: number[] = [0];
  const markers: string[] = [''];
  // Heredoc markers known to have no terminator at or after a position: keeps the look-ahead linear.
  const missingTerminator = new Map<string, number>();

  const push = (kind: number, start: number, end: number): void => {
    if (n + 1 >= cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }
    kinds[n] = kind;
    starts[n] = start;
    ends[n] = end;
    n++;
  };
  const error = (message: string, start: number, end: number): void => {
    diagnostics.push({ message, span: { start, end } });
  };

  /**
   * The terminator of a heredoc opened with `marker` whose body starts at `from`: `marker` itself, or in
   * lenient mode a lone word that is `marker` with one character dropped (a damaged terminator). Undefined
   * when there is none, so that an unterminated heredoc cannot swallow the file.
   */
  const findTerminator = (marker: string, from: number): string | undefined => {
    const key = `${lenient ? 1 : 0}:${marker}`;
    const known = missingTerminator.get(key);
    if (known !== undefined && known <= from) return undefined;
    let line = from;
    while (line < len) {
      let i = line;
      while (i < len && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      let e = i;
      while (e < len && isIdentPart(text.charCodeAt(e))) e++;
      const c = text.charCodeAt(e);
      if (e > i && (e >= len || c === 10 || c === 13)) {
        const word = text.slice(i, e);
        if (word === marker) return marker;
        // The first damaged terminator wins over a later exact one, which would belong to the next heredoc.
        if (lenient && word.length === marker.length - 1 && dropsOne(marker, word)) return word;
      }
      const nl = text.indexOf('\n', line);
      if (nl < 0) break;
      // An opener of the same marker inside the body: this heredoc's own terminator is evidently misspelt and
      // the one ahead belongs to the next heredoc. Valid HCL, but almost surely not what was meant.
      const eol = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (
        !lenient &&
        text.startsWith(marker, eol - marker.length) &&
        text.lastIndexOf('<<', eol - marker.length) >= Math.max(line, eol - marker.length - 3)
      ) {
        error(`heredoc ${marker} contains another heredoc opener: is its terminator misspelt?`, line, eol);
      }
      line = nl + 1;
    }
    missingTerminator.set(key, from);
    return undefined;
  };

  let pos = 0;
  if (range) {
    pos = range.start;
    modes.push(MODE_QUOTED);
    braces.push(0);
    markers.push('');
  } else if (text.charCodeAt(0) === 0xfeff) pos = 1;

  while (pos < len) {
    const mode = modes[modes.length - 1] as number;

    if (mode === MODE_QUOTED) {
      const start = pos;
      while (pos < len) {
        const c = text.charCodeAt(pos);
        if (c === 34 /* " */ || c === 10 || c === 13) break;
        if (c === 92 /* \ */) {
          const d = text.charCodeAt(pos + 1);
          pos += d === 10 || d === 13 || pos + 1 >= len ? 1 : 2;
          continue;
        }
        if ((c === 36 /* $ */ || c === 37) /* % */ && text.charCodeAt(pos + 1) === 123) break;
        if ((c === 36 || c === 37) && text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3; // `$${` and `%%{` are escapes for a literal `${` / `%{`
          continue;
        }
        pos++;
      }
      if (pos > start) push(T_QUOTED_LIT, start, pos);
      if (pos >= len && range) {
        push(T_CQUOTE, pos, pos); // the end of a `.tf.json` string's content
        modes.pop();
        braces.pop();
        markers.pop();
      } else if (pos >= len || text.charCodeAt(pos) === 10 || text.charCodeAt(pos) === 13) {
        // A quoted string cannot span lines: close it here so that the next line is read afresh.
        error('unterminated string: a quoted string must end on the line it starts', pos, pos);
        push(T_CQUOTE, pos, pos);
        modes.pop();
        braces.pop();
        markers.pop();
      } else if (text.charCodeAt(pos) === 34) {
        push(T_CQUOTE, pos, pos + 1);
        pos++;
        modes.pop();
        braces.pop();
        markers.pop();
      } else {
        pushTemplateOpen();
      }
      continue;
    }

    if (mode === MODE_HEREDOC) {
      const marker = markers[markers.length - 1] as string;
      const lineStart = pos === 0 || text.charCodeAt(pos - 1) === 10;
      if (lineStart) {
        let i = pos;
        while (i < len && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
        if (text.startsWith(marker, i)) {
          const after = i + marker.length;
          const c = text.charCodeAt(after);
          if (after >= len || c === 10 || c === 13) {
            push(T_CHEREDOC, i, after);
            pos = after;
            modes.pop();
            braces.pop();
            markers.pop();
            continue;
          }
        }
      }
      const start = pos;
      let opensSequence = false;
      while (pos < len) {
        const c = text.charCodeAt(pos);
        if (c === 10) {
          pos++;
          break;
        }
        if ((c === 36 || c === 37) && text.charCodeAt(pos + 1) === 123) {
          opensSequence = true;
          break;
        }
        if ((c === 36 || c === 37) && text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3;
          continue;
        }
        pos++;
      }
      if (pos > start) push(T_STRING_LIT, start, pos);
      if (opensSequence) pushTemplateOpen();
      continue;
    }

    // Normal (expression) mode.
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9) {
      pos++;
      continue;
    }
    if (c === 10 || c === 13) {
      const start = pos;
      pos += c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
      if (lenient && modes.length > 1 && modes[modes.length - 2] === MODE_QUOTED) {
        // Recovery: an interpolation left open inside a quoted string ends with its line, and so does the string.
        error('unclosed interpolation', start, start);
        push(T_SEQ_END, start, start);
        push(T_CQUOTE, start, start);
        for (let k = 0; k < 2; k++) {
          modes.pop();
          braces.pop();
          markers.pop();
        }
      }
      push(T_NEWLINE, start, pos);
      continue;
    }
    if (c === 35 /* # */ || (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47)) {
      const start = pos;
      while (pos < len && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
      comments.push({ span: { start, end: pos }, text: text.slice(start, pos) });
      continue;
    }
    if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
      const start = pos;
      const close = text.indexOf('*/', pos + 2);
      if (close >= 0) {
        pos = close + 2;
      } else {
        error('unterminated block comment', start, start + 2);
        if (lenient) {
          while (pos < len && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
        } else {
          pos = len;
        }
      }
      comments.push({ span: { start, end: pos }, text: text.slice(start, pos) });
      continue;
    }
    if (isIdentStart(c)) {
      const start = pos++;
      while (pos < len && isIdentPart(text.charCodeAt(pos))) pos++;
      push(T_IDENT, start, pos);
      continue;
    }
    if (isDigit(c)) {
      const start = pos++;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) {
        pos += 2;
        while (isDigit(text.charCodeAt(pos))) pos++;
      }
      const e = text.charCodeAt(pos);
      if (e === 101 || e === 69) {
        const sign = text.charCodeAt(pos + 1);
        const digitAt = sign === 43 || sign === 45 ? pos + 2 : pos + 1;
        if (isDigit(text.charCodeAt(digitAt))) {
          pos = digitAt + 1;
          while (isDigit(text.charCodeAt(pos))) pos++;
        }
      }
      push(T_NUMBER, start, pos);
      continue;
    }
    const start = pos;
    switch (c) {
      case 34: // "
        push(T_OQUOTE, pos, ++pos);
        modes.push(MODE_QUOTED);
        braces.push(0);
        markers.push('');
        continue;
      case 123: // {
        braces[braces.length - 1] = (braces[braces.length - 1] as number) + 1;
        push(T_LBRACE, pos, ++pos);
        continue;
      case 125: // }
        if (closesTemplateSequence()) push(T_SEQ_END, pos, ++pos);
        else {
          braces[braces.length - 1] = (braces[braces.length - 1] as number) - 1;
          push(T_RBRACE, pos, ++pos);
        }
        continue;
      case 126: // ~
        if (text.charCodeAt(pos + 1) === 125 && (braces[braces.length - 1] as number) <= 0 && modes.length > 1) {
          pos += 2;
          closesTemplateSequence();
          push(T_SEQ_END, start, pos);
        } else {
          error('unexpected character', pos, pos + 1);
          push(T_INVALID, pos, ++pos);
        }
        continue;
      case 60: // <
        if (text.charCodeAt(pos + 1) === 60 && tryHeredoc()) continue;
        pos += text.charCodeAt(pos + 1) === 61 ? 2 : 1;
        push(T_OP, start, pos);
        continue;
      case 62: // >
      case 33: // !
        pos += text.charCodeAt(pos + 1) === 61 ? 2 : 1;
        push(T_OP, start, pos);
        continue;
      case 61: // =
        if (text.charCodeAt(pos + 1) === 61) push(T_OP, pos, (pos += 2));
        else if (text.charCodeAt(pos + 1) === 62) push(T_ARROW, pos, (pos += 2));
        else push(T_EQUAL, pos, ++pos);
        continue;
      case 38: // &
      case 124: // |
        if (text.charCodeAt(pos + 1) === c) push(T_OP, pos, (pos += 2));
        else {
          error('unexpected character', pos, pos + 1);
          push(T_INVALID, pos, ++pos);
        }
        continue;
      case 43: // +
      case 45: // -
      case 47: // /
      case 37: // %
        push(T_OP, pos, ++pos);
        continue;
      case 42: // *
        push(T_STAR, pos, ++pos);
        continue;
      case 91:
        push(T_LBRACK, pos, ++pos);
        continue;
      case 93:
        push(T_RBRACK, pos, ++pos);
        continue;
      case 40:
        push(T_LPAREN, pos, ++pos);
        continue;
      case 41:
        push(T_RPAREN, pos, ++pos);
        continue;
      case 44:
        push(T_COMMA, pos, ++pos);
        continue;
      case 63:
        push(T_QUESTION, pos, ++pos);
        continue;
      case 58: // :
        if (text.charCodeAt(pos + 1) === 58) push(T_DCOLON, pos, (pos += 2));
        else push(T_COLON, pos, ++pos);
        continue;
      case 46: // .
        if (text.charCodeAt(pos + 1) === 46 && text.charCodeAt(pos + 2) === 46) push(T_ELLIPSIS, pos, (pos += 3));
        else push(T_DOT, pos, ++pos);
        continue;
      default: {
        // Coalesce a run of unexpected characters into one token and one diagnostic.
        pos++;
        while (pos < len && isStray(text.charCodeAt(pos))) pos++;
        error('unexpected character', start, pos);
        push(T_INVALID, start, pos);
        continue;
      }
    }
  }
  // Close whatever is still open so that the parser sees balanced template tokens.
  while (modes.length > 1) {
    const mode = modes.pop();
    braces.pop();
    const marker = markers.pop();
    if (mode === MODE_QUOTED) {
      push(T_CQUOTE, len, len);
    } else if (mode === MODE_HEREDOC) {
      error(`heredoc is missing its terminator ${marker ?? ''}`, len, len);
      push(T_CHEREDOC, len, len);
    } else {
      error('unclosed interpolation', len, len);
      push(T_SEQ_END, len, len);
    }
  }
  kinds[n] = T_EOF;
  starts[n] = len;
  ends[n] = len;
  return { count: n, kinds, starts, ends, comments, diagnostics };

  function isStray(ch: number): boolean {
    return !(
      ch <= 32 ||
      isIdentStart(ch) ||
      isDigit(ch) ||
      '"{}[]()=<>!&|+-*/%,.:?~#$'.includes(String.fromCharCode(ch))
    );
  }

  /** At `${`/`%{` (pos on `$`/`%`): emit the opener and enter expression mode. */
  function pushTemplateOpen(): void {
    const start = pos;
    const control = text.charCodeAt(pos) === 37;
    pos += 2;
    if (text.charCodeAt(pos) === 126 /* ~ */) pos++;
    push(control ? T_CONTROL : T_INTERP, start, pos);
    modes.push(MODE_NORMAL);
    braces.push(0);
    markers.push('');
  }

  /** At a `}` with no open `{` inside an interpolation: leave expression mode. */
  function closesTemplateSequence(): boolean {
    if (modes.length <= 1 || (braces[braces.length - 1] as number) > 0) return false;
    modes.pop();
    braces.pop();
    markers.pop();
    return true;
  }

  /** At `<<`: a heredoc opener is `<<ID` or `<<-ID` followed by a line break, with a terminator further on. */
  function tryHeredoc(): boolean {
    let i = pos + 2;
    if (text.charCodeAt(i) === 45) i++;
    if (!isIdentStart(text.charCodeAt(i))) return false;
    const idStart = i;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    const marker = text.slice(idStart, i);
    let eol = i;
    if (text.charCodeAt(eol) === 13) eol++;
    if (text.charCodeAt(eol) !== 10) return false;
    const bodyStart = eol + 1;
    const terminator = findTerminator(marker, bodyStart);
    if (terminator === undefined) {
      // Without a terminator the heredoc would swallow the file: report it and read on as if it were absent.
      error(`heredoc is missing its terminator ${marker}`, pos, i);
      push(T_INVALID, pos, i);
      pos = i;
      return true;
    }
    if (terminator !== marker) error(`heredoc terminator ${marker} is misspelt`, pos, i);
    push(T_OHEREDOC, pos, i);
    pos = bodyStart;
    modes.push(MODE_HEREDOC);
    braces.push(0);
    markers.push(terminator);
    return true;
  }
}
