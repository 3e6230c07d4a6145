/** Tokens of the Bicep lexer. Newlines are tokens (Bicep is line-sensitive); comments and spaces are trivia. */

/** Token kinds. A plain enum: numeric compares keep the parser's hot loops cheap. */
export enum T {
  EndOfFile,
  /** One or more line breaks (with any comments between them), merged so that look-ahead stays O(1). */
  NewLine,
  Identifier,
  Integer,
  /** `'abc'` with no interpolation. */
  StringComplete,
  /** `'abc${` */
  StringLeftPiece,
  /** `}abc${` */
  StringMiddlePiece,
  /** `}abc'` */
  StringRightPiece,
  /** `'''…'''` without interpolation. */
  MultilineString,
  /** `$'''…${`: the opening piece of an interpolated multi-line string. */
  MultilineLeftPiece,
  MultilineMiddlePiece,
  MultilineRightPiece,
  LeftBrace,
  RightBrace,
  LeftSquare,
  RightSquare,
  LeftParen,
  RightParen,
  Comma,
  Dot,
  Ellipsis,
  Colon,
  DoubleColon,
  Semicolon,
  Question,
  DoubleQuestion,
  Assignment,
  Equals,
  NotEquals,
  EqualsInsensitive,
  NotEqualsInsensitive,
  LessThan,
  LessThanOrEqual,
  GreaterThan,
  GreaterThanOrEqual,
  Plus,
  Minus,
  Asterisk,
  Slash,
  Modulo,
  Exclamation,
  LogicalAnd,
  LogicalOr,
  Arrow,
  At,
  Pipe,
  Hat,
  /** Anything the lexer could not read (a stray `"`, `#`, `&`); reported once by the lexer. */
  Unrecognized,
}

export interface Token {
  readonly kind: T;
  readonly start: number;
  readonly end: number;
  /**
   * String pieces: the decoded text between the delimiters (escapes applied for `'…'`, raw for `'''…'''`).
   * Identifiers and integers: their text.
   */
  readonly value: string | undefined;
  /** A string piece that ended at a line break or the end of the file instead of its closing delimiter. */
  readonly unterminated: boolean;
}

/**
 * The lexer's output: parallel typed arrays rather than one object per token, so that a large file's
 * tokens cost no garbage-collector work (objects that live through the whole parse get copied between
 * generations; typed arrays do not). The parser materialises short-lived `Token` objects on demand.
 */
export class TokenStore {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Values of identifiers, integers and string pieces, by token index (holes elsewhere). */
  readonly values: (string | undefined)[] = [];
  readonly unterminated = new Set<number>();

  /** `capacity`: the expected number of tokens; a good guess saves copying the arrays as they grow. */
  constructor(capacity = 1024) {
    const size = Math.max(16, capacity);
    this.kinds = new Uint8Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  push(kind: T, start: number, end: number, value: string | undefined, unterminated: boolean): void {
    const i = this.count;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    if (value !== undefined) this.values[i] = value;
    if (unterminated) this.unterminated.add(i);
    this.count = i + 1;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }

  /** Token `i`, clamped to the final end-of-file token. */
  at(i: number): Token {
    const j = i < this.count ? i : this.count - 1;
    return {
      kind: this.kinds[j] as T,
      start: this.starts[j] as number,
      end: this.ends[j] as number,
      value: this.values[j],
      unterminated: this.unterminated.has(j),
    };
  }
}

/** A comment or a `#disable-next-line` directive, kept for suppressions and hovers. */
export interface Comment {
  readonly kind: 'line' | 'block' | 'directive';
  readonly span: { readonly start: number; readonly end: number };
  /** The text without its delimiters (`//`, `/* *\/`, `#`). */
  readonly text: string;
}

/** Display text of a token kind for "expected …" messages. */
export const TOKEN_TEXT: Partial<Record<T, string>> = {
  [T.LeftBrace]: '{',
  [T.RightBrace]: '}',
  [T.LeftSquare]: '[',
  [T.RightSquare]: ']',
  [T.LeftParen]: '(',
  [T.RightParen]: ')',
  [T.Comma]: ',',
  [T.Colon]: ':',
  [T.Assignment]: '=',
  [T.Arrow]: '=>',
  [T.GreaterThan]: '>',
};
