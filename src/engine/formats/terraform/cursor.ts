/**
 * The parser's view of the token arrays: a cursor with HCL's newline rules, the depth guard and the
 * line-aware recovery that keeps a damaged line from swallowing the attributes and blocks after it.
 */
import type { Span } from '../../core/span';
import type { HclDiagnostic } from './syntax';
import {
  T_CHEREDOC,
  T_CONTROL,
  T_CQUOTE,
  T_EOF,
  T_EQUAL,
  T_IDENT,
  T_INTERP,
  T_LBRACE,
  T_LBRACK,
  T_LPAREN,
  T_NEWLINE,
  T_OHEREDOC,
  T_OQUOTE,
  T_QUOTED_LIT,
  T_RBRACE,
  T_RBRACK,
  T_RPAREN,
  T_SEQ_END,
  type Tokens,
} from './lexer';

/**
 * Deeper nesting than any real configuration; past it the parser skips the construct with an error instead
 * of recursing, so that hostile input cannot overflow the stack.
 */
export const MAX_DEPTH = 200;

export class Cursor {
  /** Index of the current token. */
  i = 0;
  /** Inside `(`, `[` and interpolations line breaks are insignificant; in bodies and objects they end items. */
  skipNewlines = false;
  depth = 0;
  /** Indentation of the line where the attribute or object item being read starts. */
  itemIndent = 0;
  /** The closers the constructs being read wait for, innermost last. */
  private readonly closers: number[] = [];

  constructor(
    readonly text: string,
    readonly tokens: Tokens,
    /** Second pass over a file known to be broken: use indentation to find where unclosed constructs end. */
    readonly lenient: boolean,
    readonly diagnostics: HclDiagnostic[],
  ) {}

  /** Kind of the current token (line breaks skipped where insignificant). */
  kind(): number {
    if (this.skipNewlines) while (this.tokens.kinds[this.i] === T_NEWLINE) this.i++;
    return this.tokens.kinds[this.i] as number;
  }

  kindAt(index: number): number {
    return index > this.tokens.count ? T_EOF : (this.tokens.kinds[index] as number);
  }

  start(index = this.i): number {
    return this.tokens.starts[index] as number;
  }

  end(index = this.i): number {
    return this.tokens.ends[index] as number;
  }

  tokenText(index = this.i): string {
    return this.text.slice(this.start(index), this.end(index));
  }

  /** End of the token before the current one: where a construct that stops here ends. */
  prevEnd(): number {
    for (let j = this.i - 1; j >= 0; j--) if (this.tokens.kinds[j] !== T_NEWLINE) return this.end(j);
    return 0;
  }

  advance(): void {
    if (this.i < this.tokens.count) this.i++;
  }

  /** Consumes the current token when it has `kind`. */
  eat(kind: number): boolean {
    if (this.kind() !== kind) return false;
    this.advance();
    return true;
  }

  error(message: string, span: Span): void {
    // Cap the list: a pathological file should not produce a million diagnostics.
    if (this.diagnostics.length < 1000) this.diagnostics.push({ message, span });
  }

  errorHere(message: string): void {
    this.error(message, { start: this.start(), end: this.kind() === T_EOF ? this.start() : this.end() });
  }

  /** Runs `f` with line breaks significant or not, restoring the previous rule afterwards. */
  withNewlines<R>(skip: boolean, f: () => R): R {
    const saved = this.skipNewlines;
    this.skipNewlines = skip;
    try {
      return f();
    } finally {
      this.skipNewlines = saved;
    }
  }

  /** Reads `f` as a construct ended by `closer`, so that a stray closer of another kind can be told apart. */
  within<R>(closer: number, f: () => R): R {
    this.closers.push(closer);
    try {
      return f();
    } finally {
      this.closers.pop();
    }
  }

  /**
   * Lenient: a `}`, `]` or `)` that no construct being read waits for is debris of the damaged line, to be
   * dropped rather than allowed to end the constructs around it.
   */
  isStrayCloser(k: number): boolean {
    return this.lenient && (k === T_RBRACE || k === T_RBRACK || k === T_RPAREN) && !this.closers.includes(k);
  }

  /** Whether the token at `index` is the first on its line. */
  firstOnLine(index = this.i): boolean {
    return index === 0 || this.tokens.kinds[index - 1] === T_NEWLINE;
  }

  /** Line start known for offsets in `[cachedLineStart, cachedUpTo]`: queries mostly move forward. */
  private cachedLineStart = 0;
  private cachedUpTo = 0;

  /**
   * Start offset of the line holding `offset`. Cached so that a very long line with many tokens (hostile
   * input) costs linear time, not quadratic.
   */
  lineStartOf(offset: number): number {
    if (offset >= this.cachedLineStart && offset <= this.cachedUpTo) return this.cachedLineStart;
    if (offset > this.cachedUpTo) {
      let lineStart = this.cachedLineStart;
      for (let i = this.cachedUpTo; i < offset; i++) {
        const c = this.text.charCodeAt(i);
        if (c === 10 || c === 13) lineStart = i + 1;
      }
      this.cachedLineStart = lineStart;
      this.cachedUpTo = offset;
      return lineStart;
    }
    let lineStart = offset;
    while (lineStart > 0) {
      const c = this.text.charCodeAt(lineStart - 1);
      if (c === 10 || c === 13) break;
      lineStart--;
    }
    return lineStart;
  }

  /** The indentation (in characters) of the line holding `offset`. */
  indentOf(offset: number): number {
    const lineStart = this.lineStartOf(offset);
    let i = lineStart;
    while (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9) i++;
    return i - lineStart;
  }

  /**
   * The indentation that a bracket opened at `offset` is closed at: that of its line, but never deeper than
   * the item it belongs to (`terraform fmt` writes `} : {` one level in, closing the second object outside).
   */
  openIndent(offset: number): number {
    return Math.min(this.indentOf(offset), this.itemIndent);
  }

  /** Column of the token at `index`. */
  column(index = this.i): number {
    const start = this.start(index);
    return start - this.lineStartOf(start);
  }

  /**
   * Whether the token at `index` starts a line that reads as a body item: `name =` or a block header
   * `type "label" {` ending its line. Inside brackets such a line is never valid, so it means the bracket
   * was left open and the item belongs to the enclosing body.
   */
  looksLikeBodyItem(index = this.i, headersOnly = false): boolean {
    if (!this.firstOnLine(index) || this.kindAt(index) !== T_IDENT) return false;
    let j = index + 1;
    if (this.kindAt(j) === T_EQUAL) return !headersOnly;
    for (;;) {
      const k = this.kindAt(j);
      if (k === T_IDENT) j++;
      else if (k === T_OQUOTE) {
        j++;
        if (this.kindAt(j) === T_QUOTED_LIT) j++;
        if (this.kindAt(j) !== T_CQUOTE) return false;
        j++;
      } else break;
    }
    if (this.kindAt(j) !== T_LBRACE) return false;
    const after = this.kindAt(j + 1);
    return after === T_NEWLINE || after === T_EOF || (after === T_RBRACE && this.kindAt(j + 2) === T_NEWLINE);
  }

  /**
   * In a bracket or object opened on a line indented `openIndent`: does the current token end it early? Always
   * when a body item starts here; in lenient mode also when a line starts at or left of the opening line
   * (with the matching closer allowed at the same indentation). In an object `name =` is an item of its own,
   * so only a block header ends it.
   */
  endsEnclosing(openIndent: number, closer: number): boolean {
    const k = this.kind();
    if (k === T_EOF) return true;
    if (!this.firstOnLine()) return false;
    if (k !== closer && this.looksLikeBodyItem(this.i, closer === T_RBRACE)) return true;
    if (!this.lenient) return false;
    const col = this.column();
    return col < openIndent || (col === openIndent && k !== closer);
  }

  /**
   * Skips the rest of a damaged item that starts at column `itemColumn`: to the end of its line, and on over
   * lines of brackets it opened, but never past a line indented at or left of the item (unless that line
   * closes what the item opened) nor past a closer of an enclosing construct.
   */
  skipItem(itemColumn: number): void {
    let depth = 0;
    for (;;) {
      const k = this.tokens.kinds[this.i] as number;
      if (k === T_EOF) return;
      if (k === T_NEWLINE) {
        this.i++;
        if (depth <= 0) return;
        while (this.tokens.kinds[this.i] === T_NEWLINE) this.i++;
        const next = this.tokens.kinds[this.i] as number;
        const col = this.column();
        if (col < itemColumn || (col === itemColumn && !isCloser(next))) return;
        continue;
      }
      if (isOpener(k)) depth++;
      else if (isCloser(k) && !(depth === 0 && this.isStrayCloser(k))) {
        if (depth === 0) return;
        depth--;
      }
      this.i++;
    }
  }

  /**
   * Skips to the closer of the construct being read (not consuming it): past the depth guard, or after an
   * error inside a construct opened on a line indented `openIndent`; in lenient mode a line starting at or
   * left of that indentation ends the skip, since the closer is evidently missing.
   */
  skipNested(openIndent = -1): void {
    let depth = 0;
    for (;;) {
      const k = this.tokens.kinds[this.i] as number;
      if (k === T_EOF) return;
      if (
        depth === 0 &&
        this.lenient &&
        openIndent >= 0 &&
        k !== T_NEWLINE &&
        this.firstOnLine() &&
        this.column() <= openIndent
      )
        return;
      if (isOpener(k)) depth++;
      else if (isCloser(k)) {
        if (depth === 0) return;
        depth--;
      }
      this.i++;
    }
  }
}

function isOpener(k: number): boolean {
  return (
    k === T_LBRACE ||
    k === T_LBRACK ||
    k === T_LPAREN ||
    k === T_OQUOTE ||
    k === T_OHEREDOC ||
    k === T_INTERP ||
    k === T_CONTROL
  );
}
function isCloser(k: number): boolean {
  return k === T_RBRACE || k === T_RBRACK || k === T_RPAREN || k === T_CQUOTE || k === T_CHEREDOC || k === T_SEQ_END;
}
