/**
 * Bracketed lists (objects, arrays, object types, tuples, import lists): members separated by line breaks
 * or commas. Layout recovery lives here: in a list laid out over several lines, a line that starts at or
 * left of the opening line's indentation cannot be a member, so the closing bracket is missing and the list
 * ends there, leaving the rest of the file to its own constructs.
 */
import { ParserCore } from './parser-core';
import type { Node } from './syntax';
import { T, TOKEN_TEXT } from './tokens';

export interface ListResult<E> {
  readonly items: E[];
  readonly end: number;
}

function isCloser(k: T): boolean {
  return k === T.RightBrace || k === T.RightSquare || k === T.RightParen;
}

export class ListParser extends ParserCore {
  /**
   * Parses members up to `closer`, which is consumed. The cursor is just after the opening bracket that
   * starts at `openStart`. A missing closer is reported, never thrown: what was read is kept.
   */
  protected list<E extends Node>(openStart: number, closer: T, element: () => E): ListResult<E> {
    const items: E[] = [];
    const owner = this.layoutOwner;
    this.layoutOwner = -1;
    if (this.check(closer)) return { items, end: this.readEnd() };
    let limit = -1;
    if (this.check(T.NewLine)) {
      if (this.layoutRecovery) {
        const openIndent =
          owner >= 0 ? Math.min(this.indentOf(openStart), this.indentOf(owner)) : this.indentOf(openStart);
        const first = this.peekAt(1);
        // Members laid out no deeper than the opening line: this bracket was just typed and is unclosed.
        if (first.kind !== closer && first.kind !== T.EndOfFile && this.columnOf(first.start) <= openIndent) {
          this.missingCloser(closer);
          return { items, end: this.previousEnd() };
        }
        limit = openIndent;
      }
      this.advance();
    }
    let expectElement = true;
    for (;;) {
      const k = this.peekKind();
      if (k === closer) return { items, end: this.readEnd() };
      if (k === T.EndOfFile) break;
      if (!expectElement) {
        if (k === T.NewLine) {
          const next = this.peekAt(1);
          if (next.kind === T.EndOfFile) {
            this.advance();
            break;
          }
          if (limit >= 0 && next.kind !== closer && this.columnOf(next.start) <= limit) break;
          this.advance();
        } else if (k === T.Comma) {
          this.advance();
          this.skipNewLines();
        } else {
          this.report('Expected a line break or a comma between members.', {
            start: this.peekStart(),
            end: this.peekStart(),
          });
        }
        expectElement = true;
        continue;
      }
      const before = this.pos;
      items.push(element());
      expectElement = false;
      if (this.pos === before) {
        // Nothing could be read here: a closer that starts a line belongs to an enclosing construct;
        // anything else is junk on this line.
        if (isCloser(k) && this.atLineStart()) break;
        this.advance();
      }
    }
    this.missingCloser(closer);
    return { items, end: this.previousEnd() };
  }

  /**
   * Members of an object or array whose opening bracket is missing (`properties:` followed by indented
   * members). The cursor is on the first member. Ends before a line left of the first member; consumes the
   * matching closer when it starts such a line at or right of `ownerIndent`.
   */
  protected implicitList<E extends Node>(closer: T, element: () => E, ownerIndent: number): ListResult<E> {
    const items: E[] = [];
    const limit = this.columnOf(this.peekStart()) - 1;
    let expectElement = true;
    for (;;) {
      const k = this.peekKind();
      if (k === T.EndOfFile || (expectElement && isCloser(k))) break;
      if (!expectElement) {
        if (k === T.NewLine) {
          const next = this.peekAt(1);
          const column = this.columnOf(next.start);
          if (next.kind === T.EndOfFile) break;
          if (column <= limit) {
            if (next.kind === closer && column >= ownerIndent) {
              this.advance();
              return { items, end: this.readEnd() };
            }
            break;
          }
          this.advance();
        } else if (k === T.Comma) {
          this.advance();
        } else {
          break;
        }
        expectElement = true;
        continue;
      }
      const before = this.pos;
      items.push(element());
      expectElement = false;
      if (this.pos === before) this.read();
    }
    return { items, end: this.previousEnd() };
  }

  private missingCloser(closer: T): void {
    const at = this.peekKind() === T.NewLine || this.peekKind() === T.EndOfFile ? this.previousEnd() : this.peekStart();
    const what = closer === T.RightBrace ? 'object' : closer === T.RightSquare ? 'array' : 'list';
    this.report(`Expected '${TOKEN_TEXT[closer] ?? ''}' to close the ${what}.`, { start: at, end: at });
  }

  /** Does the next line (after the current line break) start with `name:` or `'name':`, i.e. an object member? */
  protected memberStartsAt(offset: number): boolean {
    const k = this.kindAt(this.pos + offset);
    return (k === T.Identifier || k === T.StringComplete) && this.kindAt(this.pos + offset + 1) === T.Colon;
  }
}
