/**
 * The HCL syntax tree: what the native-syntax parser and the `.tf.json` reader both produce. Every node keeps
 * its exact source span (UTF-16 offsets, `[start, end)`), so that findings and fixes point at the text.
 */
import type { Span } from '../../core/span';

/** A parse problem. The parser never throws; it records these and keeps going. */
export interface HclDiagnostic {
  readonly message: string;
  readonly span: Span;
}

/** A comment, kept for suppression comments (`# rlens-disable-next-line …`). */
export interface HclComment {
  readonly span: Span;
  /** The comment text including its `#`, `//` or `/* … *\/` markers. */
  readonly text: string;
}

export interface Attribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: Expr;
  /** From the name to the end of the value. */
  readonly span: Span;
}

export interface BlockLabel {
  readonly value: string;
  readonly span: Span;
  readonly quoted: boolean;
}

export interface Block {
  readonly kind: 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly BlockLabel[];
  readonly body: Body;
  /** The `{`; undefined when it was missing. */
  readonly openBrace?: Span;
  /** The `}`; undefined when the block was left unclosed. */
  readonly closeBrace?: Span;
  /** From the type to the closing brace (or the last item read when unclosed). */
  readonly span: Span;
}

export interface Body {
  readonly items: readonly (Attribute | Block)[];
  /** Between the braces (the whole file for the root body). */
  readonly span: Span;
}

/** A parsed file. */
export interface HclFile {
  readonly body: Body;
  readonly comments: readonly HclComment[];
  readonly diagnostics: readonly HclDiagnostic[];
}

export type TemplatePart =
  | { readonly kind: 'literal'; readonly value: string; readonly span: Span }
  | { readonly kind: 'interp'; readonly expr: Expr; readonly span: Span }
  | {
      readonly kind: 'if';
      readonly cond: Expr;
      readonly then: readonly TemplatePart[];
      readonly else?: readonly TemplatePart[];
      readonly span: Span;
    }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly body: readonly TemplatePart[];
      readonly span: Span;
    };

/** One step after a splat operator: `.name` or `[key]`. */
export type Traversal =
  | { readonly kind: 'attr'; readonly name: string; readonly span: Span }
  | { readonly kind: 'index'; readonly key: Expr; readonly span: Span };

export interface ObjectItem {
  /** A bare identifier key is a `variable` node whose name is the key (HCL reads it literally). */
  readonly key: Expr;
  readonly value: Expr;
  readonly span: Span;
}

export type Expr =
  | { readonly kind: 'literal'; readonly value: number | boolean | null; readonly span: Span }
  | {
      readonly kind: 'template';
      readonly parts: readonly TemplatePart[];
      /** `quoted` for `"…"`, `heredoc` for `<<EOF`, `json` for a `.tf.json` string. */
      readonly style: 'quoted' | 'heredoc' | 'json';
      readonly span: Span;
    }
  | { readonly kind: 'variable'; readonly name: string; readonly span: Span }
  | {
      readonly kind: 'getAttr';
      readonly target: Expr;
      readonly name: string;
      readonly nameSpan: Span;
      readonly span: Span;
    }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr; readonly span: Span }
  | {
      readonly kind: 'splat';
      readonly target: Expr;
      /** `full` = `[*]`, `attr` = the legacy `.*`. */
      readonly style: 'full' | 'attr';
      readonly each: readonly Traversal[];
      readonly span: Span;
    }
  | {
      readonly kind: 'call';
      /** As written, including a `provider::ns::` prefix. */
      readonly name: string;
      readonly nameSpan: Span;
      readonly args: readonly Expr[];
      /** The last argument was followed by `...`. */
      readonly expandFinal: boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      /** Only for object `for`: the expression before `=>`. */
      readonly keyExpr?: Expr;
      readonly valueExpr: Expr;
      readonly cond?: Expr;
      readonly grouping: boolean;
      readonly object: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'conditional'; readonly cond: Expr; readonly then: Expr; readonly else: Expr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: '-' | '!'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'object'; readonly items: readonly ObjectItem[]; readonly span: Span }
  | { readonly kind: 'parens'; readonly expr: Expr; readonly span: Span }
  /** Missing or unreadable; a diagnostic says why. */
  | { readonly kind: 'error'; readonly span: Span };

/** The literal text of a template without interpolations or directives, else undefined. */
export function templateLiteral(expr: Expr): string | undefined {
  if (expr.kind !== 'template') return undefined;
  let out = '';
  for (const part of expr.parts) {
    if (part.kind !== 'literal') return undefined;
    out += part.value;
  }
  return out;
}
