/**
 * The token cursor and error recovery shared by the expression and declaration parsers. Recovery follows
 * Bicep's own parser: a construct that cannot be read throws `Expected`, and the nearest `withRecovery`
 * skips to one of its terminators (a line break, a closing bracket) and returns an `error` node, so that
 * the damage stays on that line.
 */
import { lineStartsOf, type Span } from '../../core/span';
import type { Diagnostic, ErrorNode, Node } from './syntax';
import { T, TOKEN_TEXT, type Token, type TokenStore } from './tokens';

/** Deeper nesting than this is reported, not followed: no stack overflow on hostile input. */
export const MAX_DEPTH = 200;

/** Thrown to the nearest `withRecovery`; never escapes the parser. */
export class Expected extends Error {
  constructor(
    message: string,
    readonly at: Span,
  ) {
    super(message);
  }
}

export interface ParserOptions {
  /**
   * Use indentation to end an object or array whose closing bracket is missing (the next line at or left of
   * the opening line's indentation ends it). On by default; the parser retries without it when a file
   * only parses cleanly that way.
   */
  readonly layoutRecovery?: boolean;
}

export class ParserCore {
  protected pos = 0;
  protected depth = 0;
  /**
   * Where the construct owning the next bracket starts (an object key, a `for`, a declaration), or -1. The
   * formatter may put a `{` on a continuation line; layout recovery measures from the owner's line then.
   */
  protected layoutOwner = -1;
  readonly diagnostics: Diagnostic[] = [];
  protected readonly layoutRecovery: boolean;

  constructor(
    protected readonly text: string,
    protected readonly tokens: TokenStore,
    options: ParserOptions,
  ) {
    this.layoutRecovery = options.layoutRecovery ?? true;
  }

  // ------------------------------------------------------------ cursor

  /** The current token, materialised once per position (the parser peeks the same token often). */
  private current: Token | undefined;
  private currentPos = -1;

  protected peek(): Token {
    if (this.currentPos !== this.pos || !this.current) {
      this.current = this.tokens.at(this.pos);
      this.currentPos = this.pos;
    }
    return this.current;
  }
  protected peekKind(): T {
    return this.kindAt(this.pos);
  }
  protected peekAt(offset: number): Token {
    return offset === 0 ? this.peek() : this.tokens.at(this.pos + offset);
  }
  /** Kind of token `i` (the end-of-file token past the end). */
  protected kindAt(i: number): T {
    return i < this.tokens.count ? (this.tokens.kinds[i] as T) : T.EndOfFile;
  }
  /** Is the previous token a line break, i.e. does the current token start a line? */
  protected atLineStart(): boolean {
    return this.pos > 0 && this.kindAt(this.pos - 1) === T.NewLine;
  }
  protected read(): Token {
    const t = this.peek();
    if (t.kind !== T.EndOfFile) this.pos++;
    return t;
  }
  // Token-free forms of the cursor: most reads only step past a token or want one offset, and materialising a
  // `Token` for each was most of the parse's garbage (and so of its collector time).
  /** Steps past the current token (never past the end of the file). */
  protected advance(): void {
    if (this.kindAt(this.pos) !== T.EndOfFile) this.pos++;
  }
  /** Steps past the current token, returning where it ends. */
  protected readEnd(): number {
    const end = this.peekEnd();
    this.advance();
    return end;
  }
  protected peekStart(): number {
    const i = Math.min(this.pos, this.tokens.count - 1);
    return this.tokens.starts[i] as number;
  }
  protected peekEnd(): number {
    const i = Math.min(this.pos, this.tokens.count - 1);
    return this.tokens.ends[i] as number;
  }
  /** `expect` when the token itself is not needed. */
  protected expectKind(kind: T, what?: string): void {
    if (this.kindAt(this.pos) === kind) this.pos++;
    else throw this.expected(what ?? `'${TOKEN_TEXT[kind] ?? T[kind]}'`);
  }
  protected previousEnd(): number {
    return this.pos > 0 ? (this.tokens.ends[this.pos - 1] as number) : 0;
  }
  protected check(kind: T): boolean {
    return this.kindAt(this.pos) === kind;
  }
  protected checkKeyword(word: string, token: Token = this.peek()): boolean {
    return token.kind === T.Identifier && token.value === word;
  }
  protected skipNewLines(): void {
    if (this.kindAt(this.pos) === T.NewLine) this.pos++;
  }

  protected expect(kind: T, what?: string): Token {
    const t = this.peek();
    if (t.kind === kind) {
      this.pos++;
      return t;
    }
    throw this.expected(what ?? `'${TOKEN_TEXT[kind] ?? T[kind]}'`);
  }
  protected expectKeyword(word: string): Token {
    if (this.checkKeyword(word)) return this.read();
    throw this.expected(`'${word}'`);
  }
  protected expected(what: string): Expected {
    const { message, at } = this.expectation(what);
    return new Expected(message, at);
  }
  /** What `expected(what)` says about the current token, and where. */
  private expectation(what: string): { readonly message: string; readonly at: Span } {
    const t = this.peek();
    const found =
      t.kind === T.NewLine
        ? 'a line break'
        : t.kind === T.EndOfFile
          ? 'the end of the file'
          : `'${this.text.slice(t.start, t.end)}'`;
    return {
      message: `Expected ${what} but found ${found}.`,
      at: { start: t.start, end: t.kind === T.NewLine ? t.start : t.end },
    };
  }
  /**
   * What `withRecovery` makes of `throw this.expected(what)` at a token that is one of its terminators (a stray
   * `,`): the same diagnostic and the same empty error node, without the throw. Recovery by exception costs
   * microseconds a token, and a file of stray commas is millions of them (5 MB took over a minute).
   */
  protected expectedHere(what: string): ErrorNode {
    const { message, at } = this.expectation(what);
    this.report(message, at);
    return { kind: 'error', span: { start: at.start, end: at.start } };
  }

  // ------------------------------------------------------------ recovery

  protected report(message: string, at: Span): void {
    // One diagnostic per position: a broken declaration would otherwise stack "expected" errors.
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.span.start === at.start) return;
    this.diagnostics.push({ message, span: at });
  }

  /** Runs `parse`; on `Expected`, reports it, skips to a terminator (not consumed) and returns an error node. */
  protected withRecovery<N extends Node>(parse: () => N, terminators: readonly T[]): N | ErrorNode {
    const start = this.pos;
    const depth = this.depth;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof Expected)) throw e;
      this.depth = depth;
      this.report(e.message, e.at);
      return this.skipTo(start, terminators);
    }
  }

  /** Skips tokens up to (not including) a terminator or the end; the error node spans from token `from`. */
  protected skipTo(from: number, terminators: readonly T[], children?: readonly Node[]): ErrorNode {
    for (;;) {
      const k = this.kindAt(this.pos);
      if (k === T.EndOfFile || terminators.includes(k)) break;
      this.pos++;
    }
    return this.errorFrom(from, children);
  }

  protected errorFrom(from: number, children?: readonly Node[]): ErrorNode {
    const span: Span =
      from < this.pos
        ? { start: this.tokens.starts[from] as number, end: this.previousEnd() }
        : { start: this.peekStart(), end: this.peekStart() };
    return children && children.length > 0 ? { kind: 'error', span, children } : { kind: 'error', span };
  }

  protected missing(message: string): ErrorNode {
    const at = this.peekStart();
    this.report(message, { start: at, end: at });
    return { kind: 'error', span: { start: at, end: at } };
  }

  /** Guards recursion: past `MAX_DEPTH` the construct is reported and skipped as a balanced bracket run. */
  protected enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      const t = this.peek();
      const from = this.pos;
      this.skipBalanced();
      throw new Expected('Nesting is too deep to analyse.', {
        start: t.start,
        end: this.pos > from ? this.previousEnd() : t.end,
      });
    }
  }
  protected leave(): void {
    this.depth--;
  }

  /** Skips one token, or a whole bracketed run when it opens one, without recursion. */
  private skipBalanced(): void {
    let level = 0;
    do {
      const k = this.kindAt(this.pos);
      if (k === T.EndOfFile) return;
      if (k === T.LeftBrace || k === T.LeftSquare || k === T.LeftParen) level++;
      else if (k === T.RightBrace || k === T.RightSquare || k === T.RightParen) level--;
      this.pos++;
    } while (level > 0);
  }

  // ------------------------------------------------------------ layout

  /** Offsets where lines start, built on first use: column queries must not rescan a very long line. */
  private lineStarts: Int32Array | undefined;

  private lineStartOf(offset: number): number {
    if (!this.lineStarts) this.lineStarts = lineStartsOf(this.text);
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] as number;
  }

  /** Column of `offset` on its line. */
  protected columnOf(offset: number): number {
    return offset - this.lineStartOf(offset);
  }

  /** Indentation (leading spaces and tabs) of the line holding `offset`. */
  protected indentOf(offset: number): number {
    const i = this.lineStartOf(offset);
    let j = i;
    while (j < offset) {
      const c = this.text.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 0xfeff) break;
      j++;
    }
    return j - i;
  }
}
