/**
 * The Bicep syntax tree. Every node carries its exact span (UTF-16 offsets into the text as given, BOM and
 * CRLF included). Nodes the parser could not read are `error` nodes holding what was skipped, so that a
 * half-typed line costs that line only.
 */
import type { Span } from '../../core/span';
import type { Comment } from './tokens';

export interface Diagnostic {
  readonly message: string;
  readonly span: Span;
}

interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export interface Identifier extends NodeBase {
  readonly kind: 'identifier';
  readonly name: string;
}
/**
 * A string: `segments.length === expressions.length + 1`; the value is the segments interleaved with the
 * expressions' values. `'''` strings have `multiline` set and raw (unescaped) segments.
 */
export interface StringLiteral extends NodeBase {
  readonly kind: 'string';
  readonly segments: readonly string[];
  readonly expressions: readonly Expression[];
  readonly multiline?: boolean;
}
export interface IntegerLiteral extends NodeBase {
  readonly kind: 'integer';
  readonly value: number;
  readonly text: string;
}
export interface BooleanLiteral extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}
export interface NullLiteral extends NodeBase {
  readonly kind: 'null';
}
export interface ObjectProperty extends NodeBase {
  readonly kind: 'property';
  /** Identifier key, string key (possibly interpolated), or an error node for a key that could not be read. */
  readonly key: Identifier | StringLiteral | ErrorNode;
  /** The key's text when it is an identifier or a string without interpolation. */
  readonly name: string | undefined;
  readonly value: Expression;
}
export interface SpreadElement extends NodeBase {
  readonly kind: 'spread';
  readonly expression: Expression;
}
export interface ObjectLiteral extends NodeBase {
  readonly kind: 'object';
  /** Nested resources appear here in resource bodies, in source order. */
  readonly members: readonly (ObjectProperty | SpreadElement | ResourceDeclaration | ErrorNode)[];
}
export interface ArrayLiteral extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly (Expression | SpreadElement)[];
}
export type UnaryOperator = '!' | '-' | '+';
export interface UnaryExpression extends NodeBase {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}
export type BinaryOperator =
  '??' | '||' | '&&' | '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';
export interface BinaryExpression extends NodeBase {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}
export interface TernaryExpression extends NodeBase {
  readonly kind: 'ternary';
  readonly condition: Expression;
  readonly whenTrue: Expression;
  readonly whenFalse: Expression;
}
/** `f(x)` (no `target`), `az.f(x)` or `x.f()` (with `target`). */
export interface CallExpression extends NodeBase {
  readonly kind: 'call';
  readonly target?: Expression;
  readonly name: Identifier;
  readonly args: readonly Expression[];
}
/** `a.b` and `a.?b`. */
export interface PropertyAccess extends NodeBase {
  readonly kind: 'member';
  readonly object: Expression;
  readonly name: Identifier | ErrorNode;
  readonly safe: boolean;
}
/** `a[i]`, `a[?i]`, `a[^i]`, `a[?^i]`. */
export interface IndexAccess extends NodeBase {
  readonly kind: 'index';
  readonly object: Expression;
  readonly index: Expression;
  readonly safe: boolean;
  readonly fromEnd: boolean;
}
/** `parent::child`. */
export interface ResourceAccess extends NodeBase {
  readonly kind: 'resourceAccess';
  readonly object: Expression;
  readonly name: Identifier | ErrorNode;
}
/** Postfix `x!`. */
export interface NonNullAssertion extends NodeBase {
  readonly kind: 'nonNull';
  readonly expression: Expression;
}
export interface Parenthesized extends NodeBase {
  readonly kind: 'paren';
  readonly expression: Expression;
}
export interface LambdaParameter extends NodeBase {
  readonly kind: 'lambdaParameter';
  readonly name: Identifier;
  /** Present in `func` declarations. */
  readonly type?: TypeExpression;
}
export interface Lambda extends NodeBase {
  readonly kind: 'lambda';
  readonly parameters: readonly LambdaParameter[];
  /** The return type of a `func` declaration. */
  readonly returnType?: TypeExpression;
  readonly body: Expression;
}
/** `[for item in list: body]` and `[for (item, i) in list: body]`. */
export interface ForExpression extends NodeBase {
  readonly kind: 'for';
  readonly item: Identifier | undefined;
  readonly index: Identifier | undefined;
  readonly iterable: Expression;
  readonly body: Expression;
}
/** `if (condition) { … }`: the value of a resource or module declared conditionally. */
export interface IfExpression extends NodeBase {
  readonly kind: 'if';
  readonly condition: Expression;
  readonly body: Expression;
}
/** What the parser skipped; `message` when this node is where the diagnostic was raised. */
export interface ErrorNode extends NodeBase {
  readonly kind: 'error';
  /** Nodes it could still read inside the damaged region (e.g. an object after a mangled declaration). */
  readonly children?: readonly Node[];
}

export type Expression =
  | Identifier
  | StringLiteral
  | IntegerLiteral
  | BooleanLiteral
  | NullLiteral
  | ObjectLiteral
  | ArrayLiteral
  | UnaryExpression
  | BinaryExpression
  | TernaryExpression
  | CallExpression
  | PropertyAccess
  | IndexAccess
  | ResourceAccess
  | NonNullAssertion
  | Parenthesized
  | Lambda
  | ForExpression
  | IfExpression
  | ErrorNode;

// ---------------------------------------------------------------- types

/** `string`, `int`, `myType`, `resourceInput<'T@v'>`, `sys.string`. */
export interface TypeReference extends NodeBase {
  readonly kind: 'typeRef';
  readonly name: Identifier;
  readonly namespace?: Identifier;
  readonly args?: readonly TypeExpression[];
}
/** `T.prop`, `T.*`, `T[*]`, `T[0]` on a type. */
export interface TypeAccess extends NodeBase {
  readonly kind: 'typeAccess';
  readonly object: TypeExpression;
  /** A property name, `*` for `.*` or `[*]`, or an index expression. */
  readonly member: Identifier | '*' | Expression;
}
export interface ObjectTypeProperty extends NodeBase {
  readonly kind: 'objectTypeProperty';
  readonly decorators: readonly Decorator[];
  /** `*` for the additional-properties member `*: T`. */
  readonly key: Identifier | StringLiteral | '*' | ErrorNode;
  readonly value: TypeExpression;
}
export interface ObjectType extends NodeBase {
  readonly kind: 'objectType';
  readonly members: readonly (ObjectTypeProperty | ErrorNode)[];
}
export interface TupleTypeItem extends NodeBase {
  readonly kind: 'tupleItem';
  readonly decorators: readonly Decorator[];
  readonly value: TypeExpression;
}
export interface TupleType extends NodeBase {
  readonly kind: 'tupleType';
  readonly items: readonly (TupleTypeItem | ErrorNode)[];
}
/** `T[]`. */
export interface ArrayType extends NodeBase {
  readonly kind: 'arrayType';
  readonly element: TypeExpression;
}
export interface UnionType extends NodeBase {
  readonly kind: 'unionType';
  readonly members: readonly TypeExpression[];
}
/** `T?` (nullable) and `T!` (non-null). */
export interface NullabilityType extends NodeBase {
  readonly kind: 'nullableType' | 'nonNullableType';
  readonly type: TypeExpression;
}
export interface ParenthesizedType extends NodeBase {
  readonly kind: 'parenType';
  readonly type: TypeExpression;
}
/** `resource 'Microsoft.X/y@2024-01-01'` as the type of a parameter or output (type string optional on outputs). */
export interface ResourceType extends NodeBase {
  readonly kind: 'resourceType';
  readonly type?: StringLiteral | ErrorNode;
}

export type TypeExpression =
  | TypeReference
  | TypeAccess
  | ObjectType
  | TupleType
  | ArrayType
  | UnionType
  | NullabilityType
  | ParenthesizedType
  | ResourceType
  | StringLiteral
  | IntegerLiteral
  | BooleanLiteral
  | NullLiteral
  | UnaryExpression
  | ErrorNode;

// ---------------------------------------------------------------- declarations

export interface Decorator extends NodeBase {
  readonly kind: 'decorator';
  /** A call (`@secure()`, `@sys.description('…')`) or a bare name when the parentheses are missing. */
  readonly expression: Expression;
}

interface DeclarationBase extends NodeBase {
  readonly decorators: readonly Decorator[];
}
export interface TargetScopeDeclaration extends DeclarationBase {
  readonly kind: 'targetScope';
  readonly value: Expression;
}
export interface MetadataDeclaration extends DeclarationBase {
  readonly kind: 'metadata';
  readonly name: Identifier | ErrorNode;
  readonly value: Expression;
}
/** `param x string = 'd'` in a template, `param x = 'v'` in a `.bicepparam` file. */
export interface ParameterDeclaration extends DeclarationBase {
  readonly kind: 'param';
  readonly name: Identifier | ErrorNode;
  readonly type?: TypeExpression;
  /** The default value (template) or the assigned value (parameters file). */
  readonly value?: Expression;
}
export interface VariableDeclaration extends DeclarationBase {
  readonly kind: 'var';
  readonly name: Identifier | ErrorNode;
  readonly type?: TypeExpression;
  readonly value: Expression;
}
export interface TypeDeclaration extends DeclarationBase {
  readonly kind: 'type';
  readonly name: Identifier | ErrorNode;
  readonly value: TypeExpression;
}
export interface FunctionDeclaration extends DeclarationBase {
  readonly kind: 'func';
  readonly name: Identifier | ErrorNode;
  readonly lambda: Lambda | ErrorNode;
}
export interface ResourceDeclaration extends DeclarationBase {
  readonly kind: 'resource';
  readonly name: Identifier | ErrorNode;
  /** `'Microsoft.Storage/storageAccounts@2023-05-01'` (or `'child@v'` / `'child'` for nested resources). */
  readonly type: StringLiteral | ErrorNode;
  readonly existing: boolean;
  /** An object, `if (…) { … }`, or `[for … : { … }]`. */
  readonly value: Expression;
}
export interface ModuleDeclaration extends DeclarationBase {
  readonly kind: 'module';
  readonly name: Identifier | ErrorNode;
  readonly path: StringLiteral | ErrorNode;
  readonly value: Expression;
}
export interface TestDeclaration extends DeclarationBase {
  readonly kind: 'test';
  readonly name: Identifier | ErrorNode;
  readonly path: StringLiteral | ErrorNode;
  readonly value: Expression;
}
export interface OutputDeclaration extends DeclarationBase {
  readonly kind: 'output';
  readonly name: Identifier | ErrorNode;
  readonly type: TypeExpression;
  readonly value: Expression;
}
export interface AssertDeclaration extends DeclarationBase {
  readonly kind: 'assert';
  readonly name: Identifier | ErrorNode;
  readonly value: Expression;
}
export interface ImportedSymbol extends NodeBase {
  readonly kind: 'importedSymbol';
  /** Identifier or string name of the exported symbol. */
  readonly name: Identifier | StringLiteral | ErrorNode;
  readonly alias?: Identifier | ErrorNode;
}
/**
 * `import { a, b as c } from './x.bicep'`, `import * as ns from './x.bicep'`, and the older extension form
 * `import 'az@1.0.0' [with { … }] [as alias]`.
 */
export interface ImportDeclaration extends DeclarationBase {
  readonly kind: 'import';
  readonly symbols?: readonly (ImportedSymbol | ErrorNode)[];
  /** The namespace alias of a wildcard import (`* as ns`). */
  readonly wildcardAlias?: Identifier | ErrorNode;
  readonly from?: StringLiteral | ErrorNode;
  /** The extension specification of the older form. */
  readonly specification?: Expression;
  readonly config?: Expression;
  readonly alias?: Identifier | ErrorNode;
}
/** `extension az`, `extension 'br:…@1.0' with { … } as k8s`. */
export interface ExtensionDeclaration extends DeclarationBase {
  readonly kind: 'extension';
  readonly specification: Expression;
  readonly config?: Expression;
  readonly alias?: Identifier | ErrorNode;
}
/** `.bicepparam`: `extensionConfig name with { … }`. */
export interface ExtensionConfigAssignment extends DeclarationBase {
  readonly kind: 'extensionConfig';
  readonly name: Identifier | ErrorNode;
  readonly config?: Expression;
}
/** `.bicepparam`: `using './main.bicep'`, `using none`, `using './main.bicep' with { … }`. */
export interface UsingDeclaration extends DeclarationBase {
  readonly kind: 'using';
  /** A string path, or the identifier `none`. */
  readonly path: Expression;
  readonly config?: Expression;
}
/** `.bicepparam`: `extends './shared.bicepparam'`. */
export interface ExtendsDeclaration extends DeclarationBase {
  readonly kind: 'extends';
  readonly path: Expression;
}

export type Declaration =
  | TargetScopeDeclaration
  | MetadataDeclaration
  | ParameterDeclaration
  | VariableDeclaration
  | TypeDeclaration
  | FunctionDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | TestDeclaration
  | OutputDeclaration
  | AssertDeclaration
  | ImportDeclaration
  | ExtensionDeclaration
  | ExtensionConfigAssignment
  | UsingDeclaration
  | ExtendsDeclaration;

export type Statement = Declaration | ErrorNode;

export interface Program extends NodeBase {
  readonly kind: 'program';
  readonly statements: readonly Statement[];
  /** Comments and `#disable-next-line` directives in source order. */
  readonly comments: readonly Comment[];
}

export type Node =
  | Program
  | Statement
  | Expression
  | TypeExpression
  | Decorator
  | ObjectProperty
  | SpreadElement
  | LambdaParameter
  | ObjectTypeProperty
  | TupleTypeItem
  | ImportedSymbol;
