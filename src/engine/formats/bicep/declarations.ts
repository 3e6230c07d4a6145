/**
 * Declarations of `.bicep` and `.bicepparam` files. Both kinds share one parser: a keyword the file kind
 * does not allow is the compiler's business, not ours, and accepting it keeps the tree whole.
 */
import type {
  Decorator,
  ErrorNode,
  Expression,
  Identifier,
  ImportDeclaration,
  ImportedSymbol,
  Lambda,
  LambdaParameter,
  Program,
  ResourceDeclaration,
  Statement,
  StringLiteral,
} from './syntax';
import { T, type Comment } from './tokens';
import { TypeParser } from './types';
import { MEMBER_TERMINATORS } from './expressions';

const LINE: readonly T[] = [T.NewLine];

export class BicepParser extends TypeParser {
  program(comments: readonly Comment[]): Program {
    const statements: Statement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === T.EndOfFile) break;
      if (t.kind === T.NewLine) {
        this.advance();
        continue;
      }
      const before = this.pos;
      statements.push(this.statement());
      if (!this.check(T.NewLine) && !this.check(T.EndOfFile)) {
        this.report('Expected a line break after the declaration.', { start: this.peekStart(), end: this.peekEnd() });
        this.skipTo(this.pos, LINE);
      }
      if (this.pos === before) this.read();
    }
    return { kind: 'program', span: { start: 0, end: this.text.length }, statements, comments };
  }

  private statement(): Statement {
    const t = this.peek();
    if (this.memberStartsAt(0) && this.columnOf(t.start) > 0) {
      // An indented `name: value` at the top: the header of the declaration that owns it was damaged.
      // Read the indented block as that declaration's body so that its properties are not lost.
      this.report('Expected a declaration; this looks like the body of a damaged declaration above.', {
        start: t.start,
        end: t.start,
      });
      const { items, end } = this.implicitList(T.RightBrace, () => this.objectMember(), 0);
      const body: Expression = { kind: 'object', span: { start: t.start, end }, members: items };
      return { kind: 'error', span: body.span, children: [body] };
    }
    // A line that cannot start a declaration (a stray `,`): reported and skipped as the throw below would be.
    if (t.kind !== T.Identifier && t.kind !== T.At) {
      this.expectedHere('a declaration');
      return this.skipTo(this.pos, LINE);
    }
    return this.withRecovery(() => this.declaration(), LINE);
  }

  private declaration(): Statement {
    const decorators = this.decorators();
    const t = this.peek();
    const start = decorators[0]?.span.start ?? t.start;
    if (t.kind !== T.Identifier) {
      if (decorators.length > 0) {
        this.report('Expected a declaration after the decorators.', { start: t.start, end: t.start });
        return { kind: 'error', span: { start, end: this.previousEnd() }, children: decorators };
      }
      throw this.expected('a declaration');
    }
    const end = (): { start: number; end: number } => ({ start, end: this.previousEnd() });
    switch (t.value) {
      case 'targetScope': {
        this.advance();
        const value = this.assignedValue();
        return { kind: 'targetScope', span: end(), decorators, value };
      }
      case 'metadata': {
        this.advance();
        const name = this.name([T.Assignment, T.NewLine]);
        const value = this.assignedValue();
        return { kind: 'metadata', span: end(), decorators, name, value };
      }
      case 'param': {
        this.advance();
        const name = this.name([T.Identifier, T.Assignment, T.NewLine]);
        if (this.check(T.Assignment)) {
          const value = this.assignedValue();
          return { kind: 'param', span: end(), decorators, name, value };
        }
        const type = this.withRecovery(() => this.type(true), [T.Assignment, T.NewLine]);
        if (!this.check(T.Assignment)) return { kind: 'param', span: end(), decorators, name, type };
        const value = this.assignedValue();
        return { kind: 'param', span: end(), decorators, name, type, value };
      }
      case 'var': {
        this.advance();
        const name = this.name([T.Identifier, T.Assignment, T.NewLine]);
        const type =
          this.check(T.Assignment) || this.check(T.NewLine)
            ? undefined
            : this.withRecovery(() => this.type(false), [T.Assignment, T.NewLine]);
        const value = this.assignedValue();
        return type
          ? { kind: 'var', span: end(), decorators, name, type, value }
          : { kind: 'var', span: end(), decorators, name, value };
      }
      case 'type': {
        this.advance();
        const name = this.name([T.Assignment, T.NewLine]);
        this.assignment();
        const value = this.withRecovery(() => this.type(false), LINE);
        return { kind: 'type', span: end(), decorators, name, value };
      }
      case 'func': {
        this.advance();
        const name = this.name([T.LeftParen, T.NewLine]);
        const lambda = this.withRecovery(() => this.typedLambda(), LINE);
        return { kind: 'func', span: end(), decorators, name, lambda };
      }
      case 'resource':
        this.advance();
        return this.resource(start, decorators);
      case 'module':
      case 'test': {
        this.advance();
        const name = this.name([T.StringComplete, T.StringLeftPiece, T.NewLine]);
        const path = this.stringPart([T.Assignment, T.NewLine]);
        const value = this.bodyAfterAssignment();
        return { kind: t.value, span: end(), decorators, name, path, value };
      }
      case 'output': {
        this.advance();
        const name = this.name([T.Identifier, T.NewLine]);
        const type = this.withRecovery(() => this.type(true, true), [T.Assignment, T.NewLine]);
        const value = this.assignedValue();
        return { kind: 'output', span: end(), decorators, name, type, value };
      }
      case 'assert': {
        this.advance();
        const name = this.name([T.Assignment, T.NewLine]);
        const value = this.assignedValue();
        return { kind: 'assert', span: end(), decorators, name, value };
      }
      case 'import':
        this.advance();
        return this.importDeclaration(start, decorators);
      case 'extension': {
        this.advance();
        const specification = this.withRecovery(() => this.specification(), [T.Identifier, T.NewLine]);
        const config = this.withClause();
        const alias = this.asClause();
        return {
          kind: 'extension',
          span: end(),
          decorators,
          specification,
          ...(config && { config }),
          ...(alias && { alias }),
        };
      }
      case 'extensionConfig': {
        this.advance();
        const name = this.name([T.Identifier, T.NewLine]);
        const config = this.withClause();
        return { kind: 'extensionConfig', span: end(), decorators, name, ...(config && { config }) };
      }
      case 'using': {
        this.advance();
        const path = this.withRecovery(() => this.specification(), [T.Identifier, T.NewLine]);
        const config = this.withClause();
        return { kind: 'using', span: end(), decorators, path, ...(config && { config }) };
      }
      case 'extends': {
        this.advance();
        const path = this.stringPart(LINE);
        return { kind: 'extends', span: end(), decorators, path };
      }
      default:
        if (this.kindAt(this.pos + 1) === T.Identifier) return this.unknownDeclaration(start, decorators);
        throw this.expected('a declaration keyword');
    }
  }

  private resource(start: number, decorators: Decorator[]): ResourceDeclaration {
    const name = this.name([T.StringComplete, T.StringLeftPiece, T.NewLine]);
    const type = this.stringPart([T.Assignment, T.Identifier, T.NewLine]);
    const existing = this.checkKeyword('existing') && !!this.read();
    const value = this.bodyAfterAssignment();
    return { kind: 'resource', span: { start, end: this.previousEnd() }, decorators, name, type, existing, value };
  }

  /** Nested resources in resource bodies: `@decorators` then `resource child 'type' = { … }`. */
  protected override nestedResource(): ResourceDeclaration | ErrorNode {
    const from = this.pos;
    return this.withRecovery(() => {
      const decorators = this.decorators();
      const start = decorators[0]?.span.start ?? this.peekStart();
      if (!this.checkKeyword('resource')) {
        this.report("Expected a nested 'resource' after the decorators.", {
          start: this.peekStart(),
          end: this.peekStart(),
        });
        return this.skipTo(from, MEMBER_TERMINATORS, decorators);
      }
      this.advance();
      return this.resource(start, decorators);
    }, MEMBER_TERMINATORS);
  }

  /** `= value`; the `=` may be missing (reported), in which case a value on the same line is still read. */
  private assignedValue(): Expression {
    this.assignment();
    if (this.check(T.NewLine) || this.check(T.EndOfFile)) return this.missing('Expected a value.');
    return this.withRecovery(() => this.expression(), LINE);
  }

  private assignment(): void {
    if (this.check(T.Assignment)) this.read();
    else this.report("Expected '='.", { start: this.peekStart(), end: this.peekStart() });
  }

  /** `= { … }`, `= if (…) { … }` or `= [for …]`, with line breaks allowed before `if`. */
  private bodyAfterAssignment(): Expression {
    if (this.check(T.Assignment)) this.read();
    else {
      const e = this.expected("'='");
      this.report(e.message, e.at);
      this.skipTo(this.pos, [T.LeftBrace, T.LeftSquare, T.NewLine]);
    }
    if (this.check(T.NewLine) && this.checkKeyword('if', this.peekAt(1))) this.read();
    return this.withRecovery(() => this.resourceBody(false), LINE);
  }

  private name(terminators: readonly T[]): Identifier | ErrorNode {
    if (this.check(T.Identifier)) return this.identifierNode(this.read());
    const e = this.expected('a name');
    this.report(e.message, e.at);
    return this.skipTo(this.pos, terminators);
  }

  private stringPart(terminators: readonly T[]): StringLiteral | ErrorNode {
    const k = this.peekKind();
    if (k === T.StringComplete || k === T.StringLeftPiece || k === T.MultilineString || k === T.MultilineLeftPiece)
      return this.string();
    const e = this.expected('a string');
    this.report(e.message, e.at);
    return this.skipTo(this.pos, terminators);
  }

  /** An identifier (`az`, `none`) or a string (`'br:…@1.0'`, `'./main.bicep'`). */
  private specification(): Expression {
    if (this.check(T.Identifier)) return this.identifierNode(this.read());
    return this.stringPart(LINE);
  }

  private withClause(): Expression | undefined {
    if (!this.checkKeyword('with')) return undefined;
    this.advance();
    return this.withRecovery(() => this.object(), [T.Identifier, T.NewLine]);
  }

  private asClause(): Identifier | ErrorNode | undefined {
    if (!this.checkKeyword('as')) return undefined;
    this.advance();
    return this.name(LINE);
  }

  private importDeclaration(start: number, decorators: Decorator[]): ImportDeclaration {
    const span = (): { start: number; end: number } => ({ start, end: this.previousEnd() });
    const t = this.peek();
    if (t.kind === T.LeftBrace) {
      this.advance();
      const { items } = this.list(t.start, T.RightBrace, () => this.importedSymbol());
      const from = this.fromClause();
      return { kind: 'import', span: span(), decorators, symbols: items, from };
    }
    if (t.kind === T.Asterisk) {
      this.advance();
      const wildcardAlias = this.asClause() ?? this.missing("Expected 'as' and a namespace name.");
      const from = this.fromClause();
      return { kind: 'import', span: span(), decorators, wildcardAlias, from };
    }
    const specification = this.withRecovery(() => this.specification(), LINE);
    const config = this.withClause();
    const alias = this.asClause();
    return {
      kind: 'import',
      span: span(),
      decorators,
      specification,
      ...(config && { config }),
      ...(alias && { alias }),
    };
  }

  private importedSymbol(): ImportedSymbol | ErrorNode {
    return this.withRecovery((): ImportedSymbol => {
      const t = this.peek();
      const name =
        t.kind === T.Identifier
          ? this.identifierNode(this.read())
          : t.kind === T.StringComplete
            ? this.string()
            : undefined;
      if (!name) throw this.expected('an exported symbol name');
      const alias = this.asClause();
      return {
        kind: 'importedSymbol',
        span: { start: t.start, end: this.previousEnd() },
        name,
        ...(alias && { alias }),
      };
    }, MEMBER_TERMINATORS);
  }

  private fromClause(): StringLiteral | ErrorNode {
    if (this.checkKeyword('from')) {
      this.advance();
      return this.stringPart(LINE);
    }
    return this.missing("Expected 'from' and a path.");
  }

  /** `func name(a string, b int) string => body`. */
  private typedLambda(): Lambda {
    const open = this.expect(T.LeftParen);
    this.skipNewLines();
    const parameters: LambdaParameter[] = [];
    while (!this.check(T.RightParen)) {
      const name = this.identifierNode(this.expect(T.Identifier, 'a parameter name'));
      const type = this.withRecovery(() => this.type(false), [T.Comma, T.RightParen, T.NewLine]);
      parameters.push({ kind: 'lambdaParameter', span: { start: name.span.start, end: type.span.end }, name, type });
      this.skipNewLines();
      if (!this.check(T.Comma)) break;
      this.advance();
      this.skipNewLines();
    }
    this.expectKind(T.RightParen);
    const returnType = this.withRecovery(() => this.type(false), [T.Arrow, T.NewLine]);
    return this.lambdaBody(parameters, open.start, returnType);
  }

  /**
   * `resourc x 'T' = { … }`: a misspelt keyword before a name. The value is still read so that a typo in
   * the keyword does not cost the whole body.
   */
  private unknownDeclaration(start: number, decorators: Decorator[]): ErrorNode {
    const keyword = this.read();
    this.report(`Unknown declaration keyword '${keyword.value ?? ''}'.`, { start: keyword.start, end: keyword.end });
    this.skipTo(this.pos, [T.Assignment, T.NewLine]);
    const children: (Decorator | Expression)[] = [...decorators];
    if (this.check(T.Assignment)) {
      this.advance();
      const k = this.peekKind();
      children.push(
        this.withRecovery(
          () => (k === T.LeftBrace || this.checkKeyword('if') ? this.resourceBody(false) : this.expression()),
          LINE,
        ),
      );
    }
    return { kind: 'error', span: { start, end: this.previousEnd() }, children };
  }
}
