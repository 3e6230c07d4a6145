/**
 * Expressions: precedence climbing over Bicep's operator table (`??` lowest, then `||`, `&&`, equality,
 * comparison, additive, multiplicative), unary and postfix forms, strings with interpolation, objects,
 * arrays, lambdas and `for` expressions.
 */
import { ListParser } from './lists';
import type {
  ArrayLiteral,
  BinaryOperator,
  CallExpression,
  Decorator,
  ErrorNode,
  Expression,
  ForExpression,
  Identifier,
  IfExpression,
  Lambda,
  ObjectLiteral,
  ObjectProperty,
  ResourceDeclaration,
  SpreadElement,
  StringLiteral,
} from './syntax';
import { T, type Token } from './tokens';

/** The empty list shared by every node that has none (frozen: nothing may add to it). */
const NONE: readonly never[] = Object.freeze([]);

const PRECEDENCE: Partial<Record<T, number>> = {
  [T.Modulo]: 100,
  [T.Asterisk]: 100,
  [T.Slash]: 100,
  [T.Plus]: 90,
  [T.Minus]: 90,
  [T.GreaterThan]: 80,
  [T.GreaterThanOrEqual]: 80,
  [T.LessThan]: 80,
  [T.LessThanOrEqual]: 80,
  [T.Equals]: 70,
  [T.NotEquals]: 70,
  [T.EqualsInsensitive]: 70,
  [T.NotEqualsInsensitive]: 70,
  [T.LogicalAnd]: 50,
  [T.LogicalOr]: 40,
  [T.DoubleQuestion]: 30,
};

const CLOSERS: readonly T[] = [
  T.StringRightPiece,
  T.MultilineRightPiece,
  T.RightBrace,
  T.RightParen,
  T.RightSquare,
  T.NewLine,
];
/** Where an object member, array item or argument that cannot be read gives up. */
export const MEMBER_TERMINATORS: readonly T[] = [T.NewLine, T.Comma, T.RightBrace, T.RightSquare, T.RightParen];
const HOLE_END: readonly T[] = [
  T.StringMiddlePiece,
  T.StringRightPiece,
  T.MultilineMiddlePiece,
  T.MultilineRightPiece,
  T.NewLine,
];

export abstract class ExpressionParser extends ListParser {
  /** A resource declared inside a resource body (with its decorators), parsed by the declaration parser. */
  protected abstract nestedResource(): ResourceDeclaration | ErrorNode;

  expression(): Expression {
    this.enter();
    const condition = this.binary(0);
    if (this.check(T.NewLine) && this.kindAt(this.pos + 1) === T.Question) this.read();
    if (!this.check(T.Question)) {
      this.leave();
      return condition;
    }
    this.advance();
    const whenTrue = this.withRecovery(() => this.expression(), [T.Colon, ...CLOSERS]);
    if (this.check(T.NewLine) && this.kindAt(this.pos + 1) === T.Colon) this.read();
    let whenFalse: Expression;
    if (this.check(T.Colon)) {
      this.advance();
      whenFalse = this.withRecovery(() => this.expression(), CLOSERS);
    } else {
      const e = this.expected("':'");
      this.report(e.message, e.at);
      whenFalse = this.skipTo(this.pos, CLOSERS);
    }
    this.leave();
    return {
      kind: 'ternary',
      span: { start: condition.span.start, end: whenFalse.span.end },
      condition,
      whenTrue,
      whenFalse,
    };
  }

  private binary(minimum: number): Expression {
    const outer = this.depth;
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const precedence = PRECEDENCE[op.kind];
      if (precedence === undefined || precedence <= minimum) {
        this.depth = outer;
        return left;
      }
      // `a + a + …` is read in this loop but nests one level per operator, and every walker of the tree recurses.
      this.enter();
      this.advance();
      const right = this.withRecovery(() => this.binary(precedence), CLOSERS);
      const operator = this.text.slice(op.start, op.end) as BinaryOperator;
      left = { kind: 'binary', span: { start: left.span.start, end: right.span.end }, operator, left, right };
    }
  }

  private unary(): Expression {
    const op = this.peek();
    if (op.kind !== T.Exclamation && op.kind !== T.Minus && op.kind !== T.Plus) return this.postfix();
    this.advance();
    this.enter();
    const operand = this.withRecovery(() => this.unary(), CLOSERS);
    this.leave();
    const operator = op.kind === T.Exclamation ? '!' : op.kind === T.Minus ? '-' : '+';
    return { kind: 'unary', span: { start: op.start, end: operand.span.end }, operator, operand };
  }

  /** Member access, indexing, `::`, instance calls and `!` after a primary expression. */
  protected postfix(): Expression {
    const outer = this.depth;
    let current = this.primary();
    for (;;) {
      const k = this.peekKind();
      // Each link of a chain (`v[0][0]…`, `a.b.c…`) nests the tree one level deeper: guarded like brackets.
      if (k === T.LeftSquare || k === T.Dot || k === T.DoubleColon || k === T.Exclamation) this.enter();
      if (k === T.LeftSquare) {
        this.advance();
        const safe = this.check(T.Question) && !!this.read();
        const fromEnd = this.check(T.Hat) && !!this.read();
        const index = this.check(T.RightSquare) ? this.missing('Expected an index expression.') : this.expression();
        const close = this.expect(T.RightSquare);
        current = {
          kind: 'index',
          span: { start: current.span.start, end: close.end },
          object: current,
          index,
          safe,
          fromEnd,
        };
      } else if (k === T.Dot) {
        this.advance();
        const safe = this.check(T.Question) && !!this.read();
        const name = this.check(T.Identifier)
          ? this.identifierNode(this.read())
          : this.missing('Expected a property or function name.');
        if (name.kind === 'identifier' && this.check(T.LeftParen)) {
          current = this.call(name, current);
        } else {
          current = {
            kind: 'member',
            span: { start: current.span.start, end: name.span.end },
            object: current,
            name,
            safe,
          };
        }
      } else if (k === T.DoubleColon) {
        this.advance();
        const name = this.check(T.Identifier)
          ? this.identifierNode(this.read())
          : this.missing('Expected a resource name.');
        current = {
          kind: 'resourceAccess',
          span: { start: current.span.start, end: name.span.end },
          object: current,
          name,
        };
      } else if (k === T.Exclamation) {
        const bang = this.read();
        current = { kind: 'nonNull', span: { start: current.span.start, end: bang.end }, expression: current };
      } else {
        this.depth = outer;
        return current;
      }
    }
  }

  private primary(): Expression {
    const t = this.peek();
    switch (t.kind) {
      case T.Integer:
        this.advance();
        return { kind: 'integer', span: { start: t.start, end: t.end }, value: Number(t.value), text: t.value ?? '' };
      case T.StringComplete:
      case T.StringLeftPiece:
      case T.MultilineString:
      case T.MultilineLeftPiece:
        return this.string();
      case T.LeftBrace:
        return this.object();
      case T.LeftSquare:
        return this.checkKeyword('for', this.peekAt(this.kindAt(this.pos + 1) === T.NewLine ? 2 : 1))
          ? this.forExpression(false)
          : this.array();
      case T.LeftParen:
        return this.parenthesizedOrLambda();
      case T.Identifier: {
        this.advance();
        if (t.value === 'true' || t.value === 'false')
          return { kind: 'boolean', span: { start: t.start, end: t.end }, value: t.value === 'true' };
        if (t.value === 'null') return { kind: 'null', span: { start: t.start, end: t.end } };
        const name = this.identifierNode(t);
        if (this.check(T.LeftParen)) return this.call(name, undefined);
        if (this.check(T.Arrow)) return this.lambdaBody([{ kind: 'lambdaParameter', span: name.span, name }], t.start);
        return name;
      }
      default:
        throw this.expected('an expression');
    }
  }

  protected identifierNode(t: Token): Identifier {
    return {
      kind: 'identifier',
      span: { start: t.start, end: t.end },
      name: t.value ?? this.text.slice(t.start, t.end),
    };
  }

  /** A string of any form; interpolation holes hold expressions. */
  protected string(): StringLiteral {
    const first = this.read();
    const multiline = first.kind === T.MultilineString || first.kind === T.MultilineLeftPiece;
    const segments = [first.value ?? ''];
    // A string without holes (most of them) shares one empty list.
    const expressions: Expression[] =
      first.kind === T.StringLeftPiece || first.kind === T.MultilineLeftPiece ? [] : (NONE as unknown as Expression[]);
    if (first.kind === T.StringLeftPiece || first.kind === T.MultilineLeftPiece) {
      for (;;) {
        const from = this.pos;
        let hole: Expression = this.withRecovery(() => this.expression(), HOLE_END);
        if (!HOLE_END.includes(this.peekKind()) && this.peekKind() !== T.EndOfFile) {
          this.report('Unexpected text in the interpolation.', { start: this.peekStart(), end: this.peekEnd() });
          hole = this.skipTo(from, HOLE_END);
        }
        expressions.push(hole);
        const piece = this.peek();
        if (piece.kind === T.StringMiddlePiece || piece.kind === T.MultilineMiddlePiece) {
          segments.push(this.read().value ?? '');
        } else if (piece.kind === T.StringRightPiece || piece.kind === T.MultilineRightPiece) {
          segments.push(this.read().value ?? '');
          break;
        } else {
          throw this.expected("the end of the string's interpolation");
        }
      }
    }
    const span = { start: first.start, end: this.previousEnd() };
    return multiline
      ? { kind: 'string', span, segments, expressions, multiline }
      : { kind: 'string', span, segments, expressions };
  }

  private call(name: Identifier, target: Expression | undefined): CallExpression {
    const open = this.expect(T.LeftParen);
    const args: Expression[] = [];
    let end = 0;
    if (this.check(T.RightParen)) {
      end = this.readEnd();
    } else {
      this.skipNewLines();
      const openIndent = this.layoutRecovery ? this.indentOf(open.start) : -1;
      const multiLine = this.atLineStart() && this.columnOf(this.peekStart()) > openIndent;
      for (;;) {
        args.push(
          this.check(T.Comma)
            ? this.expectedHere('an expression')
            : this.withRecovery(() => this.expression(), MEMBER_TERMINATORS),
        );
        if (this.check(T.Comma)) {
          this.advance();
          if (this.check(T.NewLine) && multiLine && this.layoutRecovery) {
            const next = this.peekAt(1);
            if (next.kind !== T.RightParen && this.columnOf(next.start) <= openIndent) break;
          }
          this.skipNewLines();
          if (this.check(T.RightParen)) break;
          continue;
        }
        if (this.check(T.NewLine) && this.kindAt(this.pos + 1) === T.RightParen) this.read();
        break;
      }
      if (this.check(T.RightParen)) end = this.readEnd();
      else {
        end = this.previousEnd();
        this.report("Expected ')' to close the argument list.", { start: end, end });
      }
    }
    const start = target ? target.span.start : name.span.start;
    return target
      ? { kind: 'call', span: { start, end }, target, name, args }
      : { kind: 'call', span: { start, end }, name, args };
  }

  private parenthesizedOrLambda(): Expression {
    const open = this.read();
    this.skipNewLines();
    const items: Expression[] = [];
    while (!this.check(T.RightParen)) {
      items.push(this.withRecovery(() => this.expression(), [...CLOSERS, T.Comma]));
      this.skipNewLines();
      if (!this.check(T.Comma)) break;
      this.advance();
      this.skipNewLines();
    }
    const close = this.expect(T.RightParen);
    if (this.check(T.Arrow)) {
      const parameters = items.map((item) => {
        if (item.kind !== 'identifier') {
          this.report('Expected a lambda parameter name.', item.span);
          return {
            kind: 'lambdaParameter' as const,
            span: item.span,
            name: { kind: 'identifier' as const, span: item.span, name: '' },
          };
        }
        return { kind: 'lambdaParameter' as const, span: item.span, name: item };
      });
      return this.lambdaBody(parameters, open.start);
    }
    const span = { start: open.start, end: close.end };
    const inner = items[0];
    if (items.length !== 1 || !inner) {
      this.report('Parentheses must hold exactly one expression.', span);
      return { kind: 'error', span, children: items };
    }
    return { kind: 'paren', span, expression: inner };
  }

  protected lambdaBody(parameters: Lambda['parameters'], start: number, returnType?: Lambda['returnType']): Lambda {
    this.expectKind(T.Arrow);
    if (this.check(T.NewLine)) this.read();
    const body = this.withRecovery(() => this.expression(), [T.NewLine, T.RightParen]);
    const span = { start, end: body.span.end };
    return returnType
      ? { kind: 'lambda', span, parameters, returnType, body }
      : { kind: 'lambda', span, parameters, body };
  }

  protected object(): ObjectLiteral {
    this.enter();
    const open = this.expect(T.LeftBrace);
    const { items, end } = this.list(open.start, T.RightBrace, () => this.objectMember());
    this.leave();
    this.reportDuplicateKeys(items);
    return { kind: 'object', span: { start: open.start, end }, members: items };
  }

  /** A property declared twice in one object is an error in Bicep (BCP025), whatever the values. */
  private reportDuplicateKeys(members: ObjectLiteral['members']): void {
    if (members.length < 2) return;
    const seen = new Set<string>();
    for (const m of members) {
      if (m.kind !== 'property' || m.name === undefined) continue;
      if (seen.has(m.name))
        this.report(`The property '${m.name}' is declared more than once in this object (BCP025).`, m.key.span);
      else seen.add(m.name);
    }
  }

  protected objectMember(): ObjectLiteral['members'][number] {
    const t = this.peek();
    if (t.kind === T.At || (this.checkKeyword('resource') && this.kindAt(this.pos + 1) === T.Identifier))
      return this.nestedResource();
    if (t.kind === T.Ellipsis) return this.spread(T.RightBrace);
    if (t.kind === T.Comma) return this.expectedHere('a property name');
    return this.withRecovery((): ObjectProperty => {
      const key =
        t.kind === T.Identifier
          ? this.identifierNode(this.read())
          : t.kind === T.StringComplete || t.kind === T.StringLeftPiece
            ? this.string()
            : undefined;
      if (!key) throw this.expected('a property name');
      if (this.check(T.Colon)) this.read();
      else {
        // `key value` or a key still being typed: report the colon and read what follows as the value.
        const e = this.expected("':'");
        if (!this.check(T.NewLine) || !this.deeperMembersFollow(t.start)) {
          if (MEMBER_TERMINATORS.includes(this.peekKind()) || this.check(T.EndOfFile)) throw e;
        }
        this.report(e.message, e.at);
      }
      this.layoutOwner = t.start;
      const value = this.check(T.NewLine)
        ? this.missingValue(t.start)
        : this.withRecovery(() => this.expression(), MEMBER_TERMINATORS);
      this.layoutOwner = -1;
      const name = key.kind === 'identifier' ? key.name : key.segments.length === 1 ? key.segments[0] : undefined;
      return { kind: 'property', span: { start: t.start, end: value.span.end }, key, name, value };
    }, MEMBER_TERMINATORS);
  }

  /**
   * `key:` at the end of a line. When the next lines are indented further and look like members or items,
   * the opening bracket is what is missing: read them as the value so that they keep their place.
   */
  private deeperMembersFollow(memberStart: number): boolean {
    const next = this.peekAt(1);
    return (
      next.kind !== T.EndOfFile && this.columnOf(next.start) > this.indentOf(memberStart) && this.memberStartsAt(1)
    );
  }

  private missingValue(memberStart: number): Expression {
    const at = this.peekStart();
    const next = this.peekAt(1);
    const indent = this.indentOf(memberStart);
    const deeper = next.kind !== T.EndOfFile && this.columnOf(next.start) > indent;
    if (deeper && this.memberStartsAt(1)) {
      this.report("Expected a value; reading the indented lines below as an object whose '{' is missing.", {
        start: at,
        end: at,
      });
      this.advance();
      const { items, end } = this.implicitList(T.RightBrace, () => this.objectMember(), indent);
      return { kind: 'object', span: { start: next.start, end }, members: items };
    }
    if (deeper && (next.kind === T.LeftBrace || next.kind === T.LeftSquare || next.kind === T.StringComplete)) {
      this.report("Expected a value; reading the indented lines below as an array whose '[' is missing.", {
        start: at,
        end: at,
      });
      this.advance();
      const { items, end } = this.implicitList(T.RightSquare, () => this.arrayItem(indent), indent);
      return { kind: 'array', span: { start: next.start, end }, items };
    }
    this.report('Expected a value.', { start: at, end: at });
    return { kind: 'error', span: { start: at, end: at } };
  }

  private spread(closer: T): SpreadElement {
    const dots = this.read();
    const expression = this.withRecovery(() => this.expression(), [T.Comma, T.NewLine, closer]);
    return { kind: 'spread', span: { start: dots.start, end: expression.span.end }, expression };
  }

  protected array(): ArrayLiteral {
    this.enter();
    const open = this.expect(T.LeftSquare);
    const indent = this.indentOf(open.start);
    const { items, end } = this.list(open.start, T.RightSquare, () => this.arrayItem(indent));
    this.leave();
    return { kind: 'array', span: { start: open.start, end }, items };
  }

  private arrayItem(ownerIndent: number): Expression | SpreadElement {
    if (this.check(T.Ellipsis)) return this.spread(T.RightSquare);
    if (this.memberStartsAt(0) && this.atLineStart()) {
      // `name: 'x'` as an item: the `{` of an object item was lost (e.g. deleted on its own line).
      const start = this.peekStart();
      this.report("Expected an array item; reading these lines as an object whose '{' is missing.", {
        start,
        end: start,
      });
      const { items, end } = this.implicitList(T.RightBrace, () => this.objectMember(), ownerIndent);
      return { kind: 'object', span: { start, end }, members: items };
    }
    if (this.check(T.Comma)) return this.expectedHere('an expression');
    return this.withRecovery(() => this.expression(), MEMBER_TERMINATORS);
  }

  /** `[for x in xs: body]`; in resource and module values the body is an object or `if (…) { … }`. */
  protected forExpression(resourceBody: boolean): ForExpression {
    this.enter();
    const open = this.expect(T.LeftSquare);
    this.skipNewLines();
    this.expectKeyword('for');
    let item: Identifier | undefined;
    let index: Identifier | undefined;
    if (this.check(T.LeftParen)) {
      this.advance();
      item = this.identifierNode(this.expect(T.Identifier, 'a loop item name'));
      this.expectKind(T.Comma);
      index = this.identifierNode(this.expect(T.Identifier, 'a loop index name'));
      this.expectKind(T.RightParen);
    } else {
      item = this.identifierNode(this.expect(T.Identifier, 'a loop item name'));
    }
    this.expectKeyword('in');
    const iterable = this.withRecovery(() => this.expression(), [T.Colon, T.RightSquare, T.NewLine]);
    this.expectKind(T.Colon);
    this.layoutOwner = open.start;
    const body = this.withRecovery(
      () => (resourceBody ? this.resourceBody(true) : this.expression()),
      [T.RightSquare, T.NewLine],
    );
    this.layoutOwner = -1;
    this.skipNewLines();
    let end = body.span.end;
    if (this.check(T.RightSquare)) end = this.readEnd();
    else this.report("Expected ']' to close the 'for' expression.", { start: end, end });
    this.leave();
    return { kind: 'for', span: { start: open.start, end }, item, index, iterable, body };
  }

  /** The value of a resource or module: `{ … }`, `if (…) { … }` or (outside loops) `[for …]`. */
  protected resourceBody(inLoop: boolean): Expression {
    const t = this.peek();
    if (t.kind === T.LeftBrace) return this.object();
    if (this.checkKeyword('if')) return this.ifExpression();
    if (t.kind === T.LeftSquare && !inLoop) return this.forExpression(true);
    throw this.expected(inLoop ? "'{' or 'if'" : "'{', 'if' or '['");
  }

  private ifExpression(): IfExpression {
    const keyword = this.read();
    const open = this.expect(T.LeftParen);
    this.skipNewLines();
    const condition = this.withRecovery(() => this.expression(), [T.RightParen, T.LeftBrace, T.NewLine]);
    this.skipNewLines();
    if (this.check(T.RightParen)) this.read();
    else this.report("Expected ')' after the condition.", { start: open.start, end: open.end });
    const body = this.withRecovery(() => this.object(), [T.NewLine, T.RightSquare]);
    return { kind: 'if', span: { start: keyword.start, end: body.span.end }, condition, body };
  }

  /**
   * `@name`, `@name(…)`, `@ns.name(…)` followed by the line break every decorator needs. In tuple types
   * the formatter writes `[@discriminator('type'), A | B]` on one line, so a comma may stand for it there.
   */
  protected decorators(commaAllowed = false): Decorator[] {
    // Most declarations and members have none: one shared empty list, not one per member.
    if (!this.check(T.At)) return NONE as unknown as Decorator[];
    const out: Decorator[] = [];
    while (this.check(T.At)) {
      const at = this.read();
      const expression = this.withRecovery(() => this.postfix(), [T.NewLine]);
      out.push({ kind: 'decorator', span: { start: at.start, end: expression.span.end }, expression });
      if (this.check(T.NewLine)) this.read();
      else if (commaAllowed && this.check(T.Comma)) {
        this.advance();
        this.skipNewLines();
      } else if (!this.check(T.EndOfFile)) {
        this.report('Expected a line break after the decorator.', { start: this.peekStart(), end: this.peekStart() });
        this.skipTo(this.pos, [T.NewLine]);
        this.skipNewLines();
      }
    }
    return out;
  }
}
