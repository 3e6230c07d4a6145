/**
 * Type expressions: unions (optional leading `|`, members on several lines), nullable `?` and `!`, arrays
 * `T[]`, object types with `*:` members, tuples, literal types, `resourceInput<'T@v'>.properties[*]` and
 * the `resource 'T@v'` type of parameters and outputs.
 */
import { ExpressionParser } from './expressions';
import type {
  ErrorNode,
  Expression,
  Identifier,
  ObjectType,
  ObjectTypeProperty,
  TupleType,
  TupleTypeItem,
  TypeExpression,
} from './syntax';
import { T } from './tokens';

const TYPE_CLOSERS: readonly T[] = [T.NewLine, T.Comma, T.RightBrace, T.RightSquare, T.RightParen, T.GreaterThan];

export abstract class TypeParser extends ExpressionParser {
  /** A type, or with `allowResource` the `resource 'T@v'` form (type string optional on outputs). */
  protected type(allowResource: boolean, resourceTypeOptional = false): TypeExpression {
    const t = this.peek();
    if (allowResource && this.checkKeyword('resource') && this.kindAt(this.pos + 1) !== T.LessThan) {
      this.advance();
      const next = this.peekKind();
      if (resourceTypeOptional && next !== T.StringComplete && next !== T.StringLeftPiece) {
        return { kind: 'resourceType', span: { start: t.start, end: t.end } };
      }
      const type = this.withRecovery(() => {
        if (this.peekKind() !== T.StringComplete && this.peekKind() !== T.StringLeftPiece)
          throw this.expected('a resource type string');
        return this.string();
      }, [T.Assignment, T.NewLine]);
      return { kind: 'resourceType', span: { start: t.start, end: type.span.end }, type };
    }
    return this.typeExpression();
  }

  protected typeExpression(): TypeExpression {
    this.enter();
    const start = this.peekStart();
    const leadingPipe = this.unionSeparatorAhead();
    if (leadingPipe) this.readUnionSeparator();
    const first = this.unaryType();
    if (!leadingPipe && !this.unionSeparatorAhead()) {
      this.leave();
      return first;
    }
    const members: TypeExpression[] = [first];
    while (this.unionSeparatorAhead()) {
      this.readUnionSeparator();
      members.push(
        this.check(T.NewLine)
          ? this.missing('Expected a type after |.')
          : this.withRecovery(() => this.unaryType(), TYPE_CLOSERS),
      );
    }
    this.leave();
    return { kind: 'unionType', span: { start, end: this.previousEnd() }, members };
  }

  private unionSeparatorAhead(): boolean {
    return this.check(T.Pipe) || (this.check(T.NewLine) && this.kindAt(this.pos + 1) === T.Pipe);
  }
  private readUnionSeparator(): void {
    this.skipNewLines();
    this.advance();
  }

  private unaryType(): TypeExpression {
    const op = this.peek();
    let current: TypeExpression;
    if (op.kind === T.Minus || op.kind === T.Plus || op.kind === T.Exclamation) {
      this.advance();
      const operand = this.withRecovery(() => this.memberType(), TYPE_CLOSERS);
      const operator = op.kind === T.Minus ? '-' : op.kind === T.Plus ? '+' : '!';
      current = {
        kind: 'unary',
        span: { start: op.start, end: operand.span.end },
        operator,
        operand: operand as Expression,
      };
    } else {
      current = this.memberType();
    }
    for (;;) {
      if (this.check(T.Question)) {
        const q = this.read();
        current = { kind: 'nullableType', span: { start: current.span.start, end: q.end }, type: current };
      } else if (this.check(T.Exclamation)) {
        const b = this.read();
        current = { kind: 'nonNullableType', span: { start: current.span.start, end: b.end }, type: current };
      } else {
        return current;
      }
    }
  }

  private memberType(): TypeExpression {
    let current = this.primaryType();
    for (;;) {
      if (this.check(T.LeftSquare)) {
        this.advance();
        if (this.check(T.RightSquare)) {
          const close = this.read();
          current = { kind: 'arrayType', span: { start: current.span.start, end: close.end }, element: current };
        } else if (this.check(T.Asterisk)) {
          this.advance();
          const close = this.expect(T.RightSquare);
          current = {
            kind: 'typeAccess',
            span: { start: current.span.start, end: close.end },
            object: current,
            member: '*',
          };
        } else {
          const index = this.expression();
          const close = this.expect(T.RightSquare);
          current = {
            kind: 'typeAccess',
            span: { start: current.span.start, end: close.end },
            object: current,
            member: index,
          };
        }
      } else if (this.check(T.Dot)) {
        this.advance();
        if (this.check(T.Asterisk)) {
          const star = this.read();
          current = {
            kind: 'typeAccess',
            span: { start: current.span.start, end: star.end },
            object: current,
            member: '*',
          };
          continue;
        }
        const name = this.identifierNode(this.expect(T.Identifier, 'a property name'));
        if (this.check(T.LessThan) && current.kind === 'typeRef' && !current.args) {
          // `sys.resourceInput<…>`: a namespaced parameterized type.
          const args = this.typeArguments();
          current = {
            kind: 'typeRef',
            span: { start: current.span.start, end: this.previousEnd() },
            name,
            namespace: current.name,
            args,
          };
        } else {
          current = {
            kind: 'typeAccess',
            span: { start: current.span.start, end: name.span.end },
            object: current,
            member: name,
          };
        }
      } else {
        return current;
      }
    }
  }

  private primaryType(): TypeExpression {
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
        return this.objectType();
      case T.LeftSquare:
        return this.tupleType();
      case T.LeftParen: {
        this.advance();
        const type = this.typeExpression();
        const close = this.expect(T.RightParen);
        return { kind: 'parenType', span: { start: t.start, end: close.end }, type };
      }
      case T.Identifier: {
        this.advance();
        if (t.value === 'true' || t.value === 'false')
          return { kind: 'boolean', span: { start: t.start, end: t.end }, value: t.value === 'true' };
        if (t.value === 'null') return { kind: 'null', span: { start: t.start, end: t.end } };
        const name: Identifier = this.identifierNode(t);
        if (!this.check(T.LessThan)) return { kind: 'typeRef', span: name.span, name };
        const args = this.typeArguments();
        return { kind: 'typeRef', span: { start: t.start, end: this.previousEnd() }, name, args };
      }
      default:
        throw this.expected('a type');
    }
  }

  /** `<A, B>` after a parameterized type name. */
  private typeArguments(): TypeExpression[] {
    this.expectKind(T.LessThan);
    const args: TypeExpression[] = [];
    this.skipNewLines();
    while (!this.check(T.GreaterThan)) {
      args.push(this.withRecovery(() => this.typeExpression(), TYPE_CLOSERS));
      this.skipNewLines();
      if (!this.check(T.Comma)) break;
      this.advance();
      this.skipNewLines();
    }
    this.expectKind(T.GreaterThan);
    return args;
  }

  private objectType(): ObjectType {
    this.enter();
    const open = this.read();
    const { items, end } = this.list(open.start, T.RightBrace, () => this.objectTypeMember());
    this.leave();
    return { kind: 'objectType', span: { start: open.start, end }, members: items };
  }

  private objectTypeMember(): ObjectTypeProperty | ErrorNode {
    const start = this.peekStart();
    return this.withRecovery((): ObjectTypeProperty => {
      const decorators = this.decorators();
      const t = this.peek();
      let key: ObjectTypeProperty['key'];
      if (t.kind === T.Identifier) key = this.identifierNode(this.read());
      else if (t.kind === T.StringComplete || t.kind === T.StringLeftPiece) key = this.string();
      else if (t.kind === T.Asterisk) {
        this.advance();
        key = '*';
      } else throw this.expected('a property name or *');
      this.expectKind(T.Colon);
      const value = this.withRecovery(() => this.typeExpression(), [T.NewLine, T.Comma, T.RightBrace]);
      return { kind: 'objectTypeProperty', span: { start, end: value.span.end }, decorators, key, value };
    }, [T.NewLine, T.Comma, T.RightBrace]);
  }

  private tupleType(): TupleType {
    this.enter();
    const open = this.read();
    const { items, end } = this.list(open.start, T.RightSquare, () =>
      this.withRecovery((): TupleTypeItem => {
        const start = this.peekStart();
        const decorators = this.decorators(true);
        const value = this.typeExpression();
        return { kind: 'tupleItem', span: { start, end: value.span.end }, decorators, value };
      }, [T.NewLine, T.Comma, T.RightSquare]),
    );
    this.leave();
    return { kind: 'tupleType', span: { start: open.start, end }, items };
  }
}
