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
