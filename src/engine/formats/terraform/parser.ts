/**
 * HCL bodies: attributes and blocks, line by line. A file with errors is parsed a second time in lenient
 * mode, where indentation decides where an unclosed `{`, `[` or `(` ended: well-formed files never depend on
 * indentation, and half-typed ones keep every attribute and block that the damage did not touch.
 */
import type { Span } from '../../core/span';
import { Cursor, MAX_DEPTH } from './cursor';
import { parseExpr } from './expressions';
import { lex, T_EOF, T_EQUAL, T_IDENT, T_LBRACE, T_NEWLINE, T_OQUOTE, T_RBRACE } from './lexer';
import {
  templateLiteral,
  type Attribute,
  type Block,
  type BlockLabel,
  type Body,
  type HclDiagnostic,
  type HclFile,
} from './syntax';
import { parseQuoted } from './templates';

const sp = (start: number, end: number): Span => ({ start, end });

/**
 * Parses HCL native syntax. Never throws; problems are in `diagnostics` and the tree holds everything that
 * could be read. Time is linear in the text length (at most two passes).
 */
export function parseHcl(text: string): HclFile {
  const strict = parsePass(text, false);
  if (strict.diagnostics.length === 0) return strict;
  return parsePass(text, true);
}

function parsePass(text: string, lenient: boolean): HclFile {
  const tokens = lex(text, { lenient });
  const diagnostics: HclDiagnostic[] = [...tokens.diagnostics];
  const p = new Cursor(text, tokens, lenient, diagnostics);
  const items = parseItems(p, undefined);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { body: { items, span: sp(start, text.length) }, comments: tokens.comments, diagnostics };
}

interface OpenBlock {
  /** Indentation of the line holding the block header. */
  readonly indent: number;
  /** Start offset of the line holding the `{`. */
  readonly line: number;
  /** Set by `parseItems` when the closing brace was read. */
  close?: Span;
}

/** Items up to the `}` of `open` (consumed and recorded there) or the end of the file. */
function parseItems(p: Cursor, open: OpenBlock | undefined): (Attribute | Block)[] {
  const items: (Attribute | Block)[] = [];
  for (;;) {
    while (p.kind() === T_NEWLINE) p.advance();
    const k = p.kind();
    if (k === T_EOF) return items;
    if (k === T_RBRACE) {
      if (!open) {
        p.errorHere("unexpected '}'");
        p.advance();
        continue;
      }
      if (p.lenient) {
        // A brace left of the header belongs to an enclosing block: this one was left open.
        if (p.firstOnLine() && p.column() < open.indent) return items;
        // …and one right of it closed some damaged construct inside.
        if (p.firstOnLine() && p.column() > open.indent) {
          p.errorHere("unexpected '}'");
          p.advance();
          continue;
        }
        // Formatted HCL closes a block at the start of a line, or on the line of its `{`: a brace elsewhere is
        // debris of a damaged expression, not the end of this block.
        if (!p.firstOnLine() && p.lineStartOf(p.start()) !== open.line) {
          p.errorHere("unexpected '}'");
          p.advance();
          continue;
        }
      }
      open.close = sp(p.start(), p.end());
      p.advance();
      return items;
    }
    const column = p.column();
    if (open && p.lenient && p.firstOnLine() && column <= open.indent) return items;
    if (k === T_IDENT) {
      const item = parseItem(p, column);
      if (item) items.push(item);
      continue;
    }
    p.errorHere('expected an attribute or a block');
    const before = p.i;
    p.skipItem(column);
    if (p.i === before) p.advance();
  }
}

/** After an item: the line must end (or the one-line block close). */
function expectItemEnd(p: Cursor, column: number): void {
  const k = p.kind();
  // A damaged construct may have stopped at the start of a later line: that line is the next item.
  if (k === T_NEWLINE || k === T_EOF || k === T_RBRACE || p.firstOnLine()) return;
  p.errorHere('unexpected text after the item; expected a line break');
  p.skipItem(column);
}

function parseItem(p: Cursor, column: number): Attribute | Block | undefined {
  const start = p.start();
  const nameEnd = p.end();
  const name = p.tokenText();
  p.advance();
  if (p.kind() === T_EQUAL) {
    p.advance();
    const savedIndent = p.itemIndent;
    p.itemIndent = p.indentOf(start);
    const expr = parseExpr(p);
    p.itemIndent = savedIndent;
    expectItemEnd(p, column);
    return { kind: 'attribute', name, nameSpan: sp(start, nameEnd), expr, span: sp(start, expr.span.end) };
  }
  const labels: BlockLabel[] = [];
  for (;;) {
    const k = p.kind();
    if (k === T_IDENT) {
      labels.push({ value: p.tokenText(), span: sp(p.start(), p.end()), quoted: false });
      p.advance();
    } else if (k === T_OQUOTE) {
      const label = parseQuoted(p);
      const value = templateLiteral(label);
      if (value === undefined) p.error('a block label cannot contain interpolations', label.span);
      labels.push({
        value: value ?? p.text.slice(label.span.start + 1, label.span.end - 1),
        span: label.span,
        quoted: true,
      });
    } else break;
  }
  let openBrace: Span | undefined;
  if (p.kind() === T_LBRACE) {
    openBrace = sp(p.start(), p.end());
    p.advance();
  } else if (!(p.lenient && headerWithoutBrace(p, column))) {
    p.errorHere(labels.length > 0 ? "expected '{' to open the block" : "expected '=' or '{' after the name");
    p.skipItem(column);
    return undefined;
  } else {
    p.error("expected '{' to open the block", sp(p.prevEnd(), p.prevEnd()));
  }
  const block: OpenBlock = { indent: p.indentOf(start), line: p.lineStartOf(openBrace?.start ?? start) };
  const bodyStart = openBrace?.end ?? p.prevEnd();
  let items: (Attribute | Block)[];
  if (p.depth >= MAX_DEPTH) {
    p.error(`blocks nested deeper than ${MAX_DEPTH} levels`, sp(start, bodyStart));
    p.skipNested();
    items = [];
    if (p.kind() === T_RBRACE) {
      block.close = sp(p.start(), p.end());
      p.advance();
    }
  } else {
    p.depth++;
    items = p.within(T_RBRACE, () => parseItems(p, block));
    p.depth--;
  }
  if (!block.close) p.error(`block '${name}' is not closed: expected '}'`, openBrace ?? sp(start, nameEnd));
  const end = block.close?.end ?? Math.max(bodyStart, p.prevEnd());
  const body: Body = { items, span: sp(bodyStart, block.close?.start ?? end) };
  if (block.close) expectItemEnd(p, column);
  return {
    kind: 'block',
    type: name,
    typeSpan: sp(start, nameEnd),
    labels,
    body,
    openBrace,
    closeBrace: block.close,
    span: sp(start, end),
  };
}

/** Lenient: a header line without `{` whose next line is indented deeper reads as a block missing its brace. */
function headerWithoutBrace(p: Cursor, column: number): boolean {
  if (p.kindAt(p.i) !== T_NEWLINE) return false;
  let j = p.i;
  while (p.kindAt(j) === T_NEWLINE) j++;
  return p.kindAt(j) !== T_EOF && p.column(j) > column;
}
