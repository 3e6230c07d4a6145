/**
 * Bicep resources into the shared model: ARM-shaped bodies, nested and `parent:`-linked children composed
 * to full types and names, loops and conditions marked, `existing` marked, suppressions read from the
 * comments above the declaration (and `#disable-next-line` directives inside it).
 */
import type { Suppression } from '../../core/finding';
import { LineIndex, type Span } from '../../core/span';
import { getProperty, type ObjectValue, type Value } from '../../core/value';
import { asBoolean, unknown } from '../../eval/values';
import type { Resource } from '../../model/resource';
import { parseSuppressionComment } from '../../suppress/comment';
import { referencesOf, scopeSymbolOf } from './references';
import type { FileScope } from './scope';
import type { Expression, ObjectLiteral, Program, ResourceDeclaration } from './syntax';
import type { Comment } from './tokens';

interface Parent {
  readonly type: string;
  readonly apiVersion?: string;
  readonly name: string;
  readonly symbol: string;
}

export interface ResourceContext {
  readonly file: string;
  readonly text: string;
  readonly program: Program;
  readonly scope: FileScope;
}

const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** Every resource declared in the file (top level and nested), in source order. */
export function collectResources(ctx: ResourceContext): Resource[] {
  const out: Resource[] = [];
  const lines = new LineIndex(ctx.text);
  const walker = new Walker(ctx, lines, out);
  for (const s of ctx.program.statements) if (s.kind === 'resource') walker.resource(s, undefined);
  // `parent: sa` children: compose the name with the parent's, now that every parent is known.
  const bySymbol = new Map(out.map((r) => [r.symbol, r]));
  return out.map((r) => {
    if (!r.parentSymbol || r.symbol.includes('::')) return r;
    const parent = bySymbol.get(r.parentSymbol);
    return parent && !r.name.includes('/') ? { ...r, name: `${parent.name}/${r.name}` } : r;
  });
}

class Walker {
  constructor(
    private readonly ctx: ResourceContext,
    private readonly lines: LineIndex,
    private readonly out: Resource[],
  ) {}

  resource(decl: ResourceDeclaration, parent: Parent | undefined): void {
    if (decl.name.kind !== 'identifier' || decl.type.kind !== 'string' || decl.type.expressions.length > 0) return;
    const [rawType = '', version] = (decl.type.segments[0] ?? '').split('@');
    const type = parent && !rawType.includes('.') ? `${parent.type}/${rawType}` : rawType;
    const apiVersion = version ?? parent?.apiVersion;
    const symbol = parent ? `${parent.symbol}::${decl.name.name}` : decl.name.name;
    const scope = this.ctx.scope;

    let value: Expression = decl.value;
    let loop = false;
    let condition: Value | undefined;
    const bound: string[] = [];
    const refRoots: Expression[] = [];
    if (value.kind === 'for') {
      loop = true;
      refRoots.push(value.iterable);
      for (const v of [value.item, value.index]) {
        if (!v) continue;
        scope.locals.set(v.name, unknown(v.span, `loop variable '${v.name}' takes each value in turn`));
        bound.push(v.name);
      }
      value = value.body;
    }
    if (value.kind === 'if') {
      refRoots.push(value.condition);
      condition = scope.evaluator.evaluate(value.condition);
      value = value.body;
    }
    try {
      // A literal `false` condition is never deployed; one that depends on a parameter may be, so it stays.
      if (condition && asBoolean(condition) === false && condition.origin?.kind !== 'parameter') return;
      if (value.kind !== 'object') return;
      // A spread of an unknown value (`...base`) leaves the body unknown: keep the properties written here and
      // judge only them, as for a patch, since the spread may supply what looks absent.
      const evaluated = scope.evaluator.object(value);
      const spreadUnknown = evaluated.kind !== 'object';
      const body: ObjectValue =
        evaluated.kind === 'object'
          ? evaluated
          : {
              kind: 'object',
              span: value.span,
              properties: value.members.flatMap((m) =>
                m.kind === 'property' && m.name !== undefined
                  ? [{ key: m.name, keySpan: m.key.span, span: m.span, value: scope.evaluator.evaluate(m.value) }]
                  : [],
              ),
            };
      const nameValue = getProperty(body, 'name')?.value;
      const ownName = nameValue?.kind === 'string' ? nameValue.value : decl.name.name;
      const name = parent && !ownName.includes('/') ? `${parent.name}/${ownName}` : ownName;
      const parentSymbol = parent?.symbol ?? this.parentOf(value);
      const references = referencesOf([...refRoots, value], scope, decl.name.name);
      const scopeSymbol = scopeSymbolOf(value, scope);
      this.out.push({
        dialect: 'bicep',
        type,
        ...(apiVersion ? { apiVersion } : {}),
        name,
        symbol,
        file: this.ctx.file,
        span: decl.span,
        anchor: decl.type.span,
        body,
        ...(condition ? { conditional: true } : {}),
        ...(loop ? { loop: true } : {}),
        ...(decl.existing ? { existing: true } : {}),
        ...(spreadUnknown ? { partial: true } : {}),
        ...(parentSymbol ? { parentSymbol } : {}),
        ...(scopeSymbol ? { scopeSymbol } : {}),
        suppressions: this.suppressions(decl),
        references,
      });
      const self: Parent = { type, name, symbol, ...(apiVersion ? { apiVersion } : {}) };
      for (const m of value.members) if (m.kind === 'resource') this.resource(m, self);
    } finally {
      for (const b of bound) scope.locals.delete(b);
    }
  }

  /** The symbol named by `parent: x` (or `x::y`, `x[0]`). */
  private parentOf(body: ObjectLiteral): string | undefined {
    const p = body.members.find((m) => m.kind === 'property' && m.name === 'parent');
    if (p?.kind !== 'property') return undefined;
    let e: Expression = p.value;
    const parts: string[] = [];
    while (e.kind === 'index' || e.kind === 'resourceAccess') {
      if (e.kind === 'resourceAccess' && e.name.kind === 'identifier') parts.unshift(e.name.name);
      e = e.object;
    }
    return e.kind === 'identifier' ? [e.name, ...parts].join('::') : undefined;
  }

  /**
   * Suppressions on the comment lines directly above the declaration (and its decorators), and
   * `#disable-next-line` directives anywhere inside it (Bicep users put them above the flagged line).
   */
  private suppressions(decl: ResourceDeclaration): Suppression[] {
    const out: Suppression[] = [];
    const comments = this.ctx.program.comments;
    let line = this.lines.positionAt(decl.span.start).line;
    // Comments are in source order: find the last one before the declaration, then walk upwards.
    let i = lowerBound(comments, decl.span.start) - 1;
    for (; i >= 0; i--) {
      const c = comments[i] as Comment;
      const end = this.lines.positionAt(c.span.end).line;
      if (end !== line - 1 && end !== line) break;
      this.read(c, out);
      line = this.lines.positionAt(c.span.start).line;
    }
    for (let j = lowerBound(comments, decl.span.start); j < comments.length; j++) {
      const c = comments[j] as Comment;
      if (c.span.start >= decl.span.end) break;
      if (c.kind !== 'directive' && !c.text.includes('rlens-disable-next-line')) continue;
      // Before the body (between decorators and the header): the whole resource. Inside it: the next line
      // only, as Bicep reads its own directive.
      this.read(c, out, c.span.start < decl.value.span.start ? undefined : this.nextLine(c));
    }
    return out;
  }

  /** The line after the one a comment ends on. */
  private nextLine(c: Comment): Span {
    const line = this.lines.positionAt(c.span.end).line + 1;
    return { start: this.lines.lineStart(line), end: this.lines.lineStart(line + 1) };
  }

  private read(c: Comment, out: Suppression[], within?: Span): void {
    const only = within ? { within } : {};
    const span: Span = c.span;
    if (c.kind === 'directive') {
      const m = /^disable-next-line\s+(.*)$/.exec(c.text.trim());
      for (const id of m?.[1]?.split(/\s+/) ?? []) {
        // Bicep's own directive carries codes, not reasons: writing it is the reason.
        if (RULE_ID.test(id))
          out.push({ ruleId: id, reason: '#disable-next-line', file: this.ctx.file, span, source: 'inline', ...only });
      }
      return;
    }
    const parsed = parseSuppressionComment(c.text);
    for (const ruleId of parsed?.ruleIds ?? []) {
      out.push({
        ruleId,
        reason: parsed?.reason ?? '',
        ...(parsed?.until ? { expires: parsed.until } : {}),
        file: this.ctx.file,
        span,
        source: 'inline',
        ...only,
      });
    }
  }
}

function lowerBound(comments: readonly Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((comments[mid] as Comment).span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
