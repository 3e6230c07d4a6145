/**
 * HCL expressions: recursive descent with precedence climbing for operators. Each construct parses what it
 * can, reports what is missing and returns a node, so that callers always make progress.
 */
import type { Span } from '../../core/span';
import { Cursor, MAX_DEPTH } from './cursor';
import {
  T_ARROW,
  T_CHEREDOC,
  T_COLON,
  T_COMMA,
  T_CQUOTE,
  T_DCOLON,
  T_DOT,
  T_ELLIPSIS,
  T_EOF,
  T_EQUAL,
  T_IDENT,
  T_LBRACE,
  T_LBRACK,
  T_LPAREN,
  T_NEWLINE,
  T_NUMBER,
  T_OHEREDOC,
  T_OP,
  T_OQUOTE,
  T_QUESTION,
  T_RBRACE,
  T_RBRACK,
  T_RPAREN,
  T_SEQ_END,
  T_STAR,
} from './lexer';
import type { Expr, ObjectItem, Traversal } from './syntax';
import { parseHeredoc, parseQuoted } from './templates';

const sp = (start: number, end: number): Span => ({ start, end });

/** Parses one expression at the cursor. Never consumes a token it cannot use as the start of one. */
export function parseExpr(p: Cursor): Expr {
  if (p.depth >= MAX_DEPTH) return tooDeep(p);
  p.depth++;
  const cond = parseBinary(p, 1);
  let result: Expr = cond;
  if (p.kind() === T_QUESTION) {
    p.advance();
    const then = parseExpr(p);
    let otherwise: Expr;
    if (p.eat(T_COLON)) otherwise = parseExpr(p);
    else {
      p.errorHere("expected ':' in conditional expression");
      otherwise = { kind: 'error', span: sp(p.prevEnd(), p.prevEnd()) };
    }
    result = { kind: 'conditional', cond, then, else: otherwise, span: sp(cond.span.start, otherwise.span.end) };
  }
  p.depth--;
  return result;
}

function tooDeep(p: Cursor): Expr {
  const start = p.start();
  p.error(`expression nested deeper than ${MAX_DEPTH} levels`, sp(start, p.end()));
  p.skipNested();
  return { kind: 'error', span: sp(start, Math.max(start, p.prevEnd())) };
}

/** Binary operator precedence of the current token, 0 when it is not one. */
function precedence(p: Cursor): number {
  const k = p.kind();
  if (k === T_STAR) return 6;
  if (k !== T_OP) return 0;
  switch (p.text.charCodeAt(p.start())) {
    case 124:
      return 1; // ||
    case 38:
      return 2; // &&
    case 61:
      return 3; // ==
    case 33:
      return p.end() - p.start() === 2 ? 3 : 0; // != (a lone ! is unary)
    case 60:
    case 62:
      return 4; // < <= > >=
    case 43:
    case 45:
      return 5; // + -
    default:
      return 6; // / %
  }
}

function parseBinary(p: Cursor, minPrec: number): Expr {
  const outer = p.depth;
  let left = parseUnary(p);
  for (;;) {
    const prec = precedence(p);
    if (prec === 0 || prec < minPrec) {
      p.depth = outer;
      return left;
    }
    // `a + a + …` is read in this loop but nests one level per operator; the evaluator recurses once per level.
    if (p.depth >= MAX_DEPTH) {
      const rest = tooDeep(p);
      p.depth = outer;
      return { kind: 'error', span: sp(left.span.start, rest.span.end) };
    }
    p.depth++;
    const op = p.tokenText();
    p.advance();
    const right = prec < 6 ? parseBinary(p, prec + 1) : parseUnary(p);
    left = { kind: 'binary', op, left, right, span: sp(left.span.start, right.span.end) };
  }
}

function parseUnary(p: Cursor): Expr {
  const k = p.kind();
  if (k === T_OP) {
    const c = p.text.charCodeAt(p.start());
    if ((c === 45 || c === 33) && p.end() - p.start() === 1) {
      if (p.depth >= MAX_DEPTH) return tooDeep(p);
      const start = p.start();
      p.advance();
      p.depth++;
      const operand = parseUnary(p);
      p.depth--;
      return { kind: 'unary', op: c === 45 ? '-' : '!', operand, span: sp(start, operand.span.end) };
    }
  }
  return parsePostfix(p, parsePrimary(p));
}

/** Attribute access, indexes and splats after a primary expression. */
function parsePostfix(p: Cursor, target: Expr): Expr {
  const outer = p.depth;
  try {
    return parseChain(p, target);
  } finally {
    p.depth = outer;
  }
}

function parseChain(p: Cursor, target: Expr): Expr {
  let expr = target;
  for (;;) {
    const k = p.kind();
    // Each link (`[0]`, `.a`) nests the tree one level deeper, though read in this loop: guarded like brackets.
    if (k === T_DOT || k === T_LBRACK) {
      if (p.depth >= MAX_DEPTH) {
        const rest = tooDeep(p);
        return { kind: 'error', span: sp(expr.span.start, rest.span.end) };
      }
      p.depth++;
    }
    if (k === T_DOT) {
      const next = p.kindAt(p.i + 1);
      if (next === T_IDENT || next === T_NUMBER) {
        p.advance();
        const nameSpan = sp(p.start(), p.end());
        const name = p.tokenText();
        p.advance();
        expr =
          next === T_IDENT
            ? { kind: 'getAttr', target: expr, name, nameSpan, span: sp(expr.span.start, nameSpan.end) }
            : {
                kind: 'index',
                target: expr,
                key: { kind: 'literal', value: Number(name), span: nameSpan },
                span: sp(expr.span.start, nameSpan.end),
              };
        continue;
      }
      if (next === T_STAR) {
        p.advance();
        p.advance();
        expr = splat(p, expr, 'attr', p.prevEnd());
        continue;
      }
      p.advance();
      p.error('expected an attribute name after "."', sp(p.prevEnd() - 1, p.prevEnd()));
      return expr;
    }
    if (k === T_LBRACK) {
      if (p.kindAt(p.i + 1) === T_STAR && p.kindAt(p.i + 2) === T_RBRACK) {
        p.advance();
        p.advance();
        p.advance();
        expr = splat(p, expr, 'full', p.prevEnd());
        continue;
      }
      const open = p.start();
      p.advance();
      const key = p.within(T_RBRACK, () => p.withNewlines(true, () => parseExpr(p)));
      let end = key.span.end;
      if (p.kind() === T_RBRACK) {
        end = p.end();
        p.advance();
      } else p.error("expected ']' to close the index", sp(open, open + 1));
      expr = { kind: 'index', target: expr, key, span: sp(expr.span.start, end) };
      continue;
    }
    return expr;
  }
}

/** The traversal after `[*]` (attributes and indexes) or `.*` (attributes only). */
function splat(p: Cursor, target: Expr, style: 'full' | 'attr', end: number): Expr {
  const each: Traversal[] = [];
  let last = end;
  for (;;) {
    const k = p.kind();
    if (k === T_DOT && (p.kindAt(p.i + 1) === T_IDENT || p.kindAt(p.i + 1) === T_NUMBER)) {
      p.advance();
      each.push({ kind: 'attr', name: p.tokenText(), span: sp(p.start(), p.end()) });
      last = p.end();
      p.advance();
    } else if (k === T_LBRACK && style === 'full' && p.kindAt(p.i + 1) !== T_STAR) {
      const open = p.start();
      p.advance();
      const key = p.within(T_RBRACK, () => p.withNewlines(true, () => parseExpr(p)));
      last = key.span.end;
      if (p.kind() === T_RBRACK) {
        last = p.end();
        p.advance();
      } else p.error("expected ']' to close the index", sp(open, open + 1));
      each.push({ kind: 'index', key, span: sp(open, last) });
    } else break;
  }
  return { kind: 'splat', target, style, each, span: sp(target.span.start, last) };
}

function parsePrimary(p: Cursor): Expr {
  const k = p.kind();
  const start = p.start();
  switch (k) {
    case T_NUMBER: {
      const end = p.end();
      p.advance();
      return { kind: 'literal', value: Number(p.text.slice(start, end)), span: sp(start, end) };
    }
    case T_IDENT: {
      const end = p.end();
      const name = p.text.slice(start, end);
      const next = p.kindAt(p.i + 1);
      if (next === T_LPAREN || next === T_DCOLON) return parseCall(p);
      p.advance();
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', span: sp(start, end) };
      if (name === 'null') return { kind: 'literal', value: null, span: sp(start, end) };
      return { kind: 'variable', name, span: sp(start, end) };
    }
    case T_OQUOTE:
      return parseQuoted(p);
    case T_OHEREDOC:
      return parseHeredoc(p);
    case T_LBRACK:
      return isFor(p) ? parseFor(p, false) : parseTuple(p);
    case T_LBRACE:
      return isFor(p) ? parseFor(p, true) : parseObject(p);
    case T_LPAREN: {
      p.advance();
      const inner = p.within(T_RPAREN, () => p.withNewlines(true, () => parseExpr(p)));
      let end = inner.span.end;
      if (p.kind() === T_RPAREN) {
        end = p.end();
        p.advance();
      } else p.error("expected ')'", sp(start, start + 1));
      return { kind: 'parens', expr: inner, span: sp(start, end) };
    }
    default: {
      const at = k === T_NEWLINE || k === T_EOF ? p.prevEnd() : start;
      p.error('expected an expression', k === T_NEWLINE || k === T_EOF ? sp(at, at) : sp(start, p.end()));
      return { kind: 'error', span: sp(at, at) };
    }
  }
}

/** `[for …` / `{for …`: the keyword followed by a variable name. */
function isFor(p: Cursor): boolean {
  let j = p.i + 1;
  while (p.kindAt(j) === T_NEWLINE) j++;
  return p.kindAt(j) === T_IDENT && p.tokenText(j) === 'for' && p.kindAt(j + 1) === T_IDENT;
}

/** Tokens that close an enclosing construct: a list must stop there rather than step over them. */
function isOuterCloser(k: number, own: number): boolean {
  return (
    k !== own &&
    (k === T_RBRACE ||
      k === T_RBRACK ||
      k === T_RPAREN ||
      k === T_SEQ_END ||
      k === T_CQUOTE ||
      k === T_CHEREDOC ||
      k === T_EOF)
  );
}

/**
 * The shared loop of tuples and call arguments: items separated by commas up to `closer`, stopping early
 * (reported) when a line reads as a body item or, in lenient mode, when indentation says the list ended.
 */
function parseList(
  p: Cursor,
  closer: number,
  openIndent: number,
  items: Expr[],
  onEllipsis?: () => void,
): number | undefined {
  return p.within(closer, () =>
    p.withNewlines(true, () => {
      for (;;) {
        if (p.kind() === closer) {
          const end = p.end();
          p.advance();
          return end;
        }
        if (p.isStrayCloser(p.kind())) {
          p.errorHere('unexpected closing bracket');
          p.advance();
          continue;
        }
        if (p.endsEnclosing(openIndent, closer) || isOuterCloser(p.kind(), closer)) return undefined;
        const before = p.i;
        const item = parseExpr(p);
        if (p.i === before) {
          p.advance(); // an unusable token: drop it (the error is reported) and go on
          continue;
        }
        items.push(item);
        if (onEllipsis && p.kind() === T_ELLIPSIS) {
          p.advance();
          onEllipsis();
        }
        if (p.eat(T_COMMA) || p.kind() === closer) continue;
        if (p.endsEnclosing(openIndent, closer) || isOuterCloser(p.kind(), closer)) return undefined;
        p.errorHere(closer === T_RBRACK ? "expected ',' or ']'" : "expected ',' or ')'");
      }
    }),
  );
}

function parseTuple(p: Cursor): Expr {
  const start = p.start();
  const openIndent = p.openIndent(start);
  p.advance();
  const items: Expr[] = [];
  const end = parseList(p, T_RBRACK, openIndent, items);
  if (end === undefined) p.error("unclosed '[': expected ']'", sp(start, start + 1));
  return { kind: 'tuple', items, span: sp(start, end ?? Math.max(start + 1, p.prevEnd())) };
}

function parseCall(p: Cursor): Expr {
  const start = p.start();
  let name = p.tokenText();
  p.advance();
  // Provider-defined functions: `provider::ns::name(…)`.
  while (p.kindAt(p.i) === T_DCOLON && p.kindAt(p.i + 1) === T_IDENT) {
    p.advance();
    name += `::${p.tokenText()}`;
    p.advance();
  }
  const nameSpan = sp(start, p.prevEnd());
  if (p.kindAt(p.i) !== T_LPAREN) {
    p.error(`expected '(' after function name ${name}`, nameSpan);
    return { kind: 'call', name, nameSpan, args: [], expandFinal: false, span: nameSpan };
  }
  const open = p.start();
  p.advance();
  const args: Expr[] = [];
  let expandFinal = false;
  const end = parseList(p, T_RPAREN, p.openIndent(start), args, () => (expandFinal = true));
  if (end === undefined) p.error(`unclosed '(' in call to ${name}`, sp(open, open + 1));
  return { kind: 'call', name, nameSpan, args, expandFinal, span: sp(start, end ?? Math.max(open + 1, p.prevEnd())) };
}

function parseObject(p: Cursor): Expr {
  const start = p.start();
  const openIndent = p.openIndent(start);
  p.advance();
  const items: ObjectItem[] = [];
  let end: number | undefined;
  p.within(T_RBRACE, () =>
    p.withNewlines(false, () => {
      for (;;) {
        while (p.kind() === T_NEWLINE || p.kind() === T_COMMA) p.advance();
        if (p.kind() === T_RBRACE) {
          end = p.end();
          p.advance();
          return;
        }
        if (p.isStrayCloser(p.kind())) {
          p.errorHere('unexpected closing bracket');
          p.advance();
          continue;
        }
        if (p.endsEnclosing(openIndent, T_RBRACE) || isOuterCloser(p.kind(), T_RBRACE)) return;
        const itemColumn = p.column();
        const savedIndent = p.itemIndent;
        p.itemIndent = p.indentOf(p.start());
        const key = parseObjectKey(p);
        if (p.kind() !== T_EQUAL && p.kind() !== T_COLON) {
          p.itemIndent = savedIndent;
          p.errorHere("expected '=' or ':' after the object key");
          p.skipItem(itemColumn);
          continue;
        }
        p.advance();
        const value = parseExpr(p);
        p.itemIndent = savedIndent;
        items.push({ key, value, span: sp(key.span.start, value.span.end) });
        const k = p.kind();
        if (k === T_COMMA || k === T_NEWLINE || k === T_RBRACE || p.firstOnLine()) continue;
        if (p.endsEnclosing(openIndent, T_RBRACE) || isOuterCloser(k, T_RBRACE)) return;
        p.errorHere("expected a line break, ',' or '}' after the object item");
        p.skipItem(itemColumn);
      }
    }),
  );
  if (end === undefined) p.error("unclosed '{': expected '}'", sp(start, start + 1));
  return { kind: 'object', items, span: sp(start, end ?? Math.max(start + 1, p.prevEnd())) };
}

/** A bare identifier before `=`/`:` is a literal key; anything else is an expression. */
function parseObjectKey(p: Cursor): Expr {
  const next = p.kindAt(p.i + 1);
  if (p.kind() === T_IDENT && (next === T_EQUAL || next === T_COLON)) {
    const key: Expr = { kind: 'variable', name: p.tokenText(), span: sp(p.start(), p.end()) };
    p.advance();
    return key;
  }
  return parseExpr(p);
}

function expectIdent(p: Cursor, what: string): string | undefined {
  if (p.kind() !== T_IDENT) {
    p.errorHere(`expected ${what}`);
    return undefined;
  }
  const name = p.tokenText();
  p.advance();
  return name;
}

/** `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value... if cond}`. */
function parseFor(p: Cursor, object: boolean): Expr {
  const start = p.start();
  const closer = object ? T_RBRACE : T_RBRACK;
  const openIndent = p.openIndent(start);
  p.advance();
  return p.within(closer, () =>
    p.withNewlines(true, (): Expr => {
      p.kind(); // past line breaks
      p.advance(); // `for`
      const failed = (): Expr => {
        p.skipNested(openIndent);
        const end = p.kind() === closer ? p.end() : p.prevEnd();
        p.eat(closer);
        return { kind: 'error', span: sp(start, Math.max(start + 1, end)) };
      };
      const first = expectIdent(p, 'a variable name after "for"');
      if (first === undefined) return failed();
      let keyVar: string | undefined;
      let valueVar = first;
      if (p.eat(T_COMMA)) {
        const second = expectIdent(p, 'a second variable name');
        if (second === undefined) return failed();
        keyVar = first;
        valueVar = second;
      }
      if (p.kind() !== T_IDENT || p.tokenText() !== 'in') {
        p.errorHere("expected 'in'");
        return failed();
      }
      p.advance();
      const collection = parseExpr(p);
      if (!p.eat(T_COLON)) {
        p.errorHere("expected ':' in for expression");
        return failed();
      }
      let keyExpr: Expr | undefined;
      if (object) {
        keyExpr = parseExpr(p);
        if (!p.eat(T_ARROW)) {
          p.errorHere("expected '=>' in object for expression");
          return failed();
        }
      }
      const valueExpr = parseExpr(p);
      const grouping = object && p.eat(T_ELLIPSIS);
      let cond: Expr | undefined;
      if (p.kind() === T_IDENT && p.tokenText() === 'if') {
        p.advance();
        cond = parseExpr(p);
      }
      let end: number;
      if (p.kind() === closer) {
        end = p.end();
        p.advance();
      } else {
        p.errorHere(object ? "expected '}' to end the for expression" : "expected ']' to end the for expression");
        p.skipNested(openIndent);
        end = p.kind() === closer ? p.end() : p.prevEnd();
        p.eat(closer);
      }
      return {
        kind: 'for',
        keyVar,
        valueVar,
        collection,
        keyExpr,
        valueExpr,
        cond,
        grouping,
        object,
        span: sp(start, end),
      };
    }),
  );
}
