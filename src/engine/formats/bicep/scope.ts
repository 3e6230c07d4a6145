/**
 * The names of one Bicep file: parameters (value from a `.bicepparam` file, else the default, else
 * unknown), variables (evaluated lazily, cycles guarded) and the symbols whose value only exists at
 * deployment (resources, modules, loop items, lambda parameters).
 */
import type { Span } from '../../core/span';
import type { Value } from '../../core/value';
import { unknown } from '../../eval/values';
import type { ParameterInfo } from '../../model/document';
import { Evaluator, rehome, type BicepScope } from './evaluate';
import type { Decorator, Expression, ParameterDeclaration, Program, VariableDeclaration } from './syntax';

/** A value supplied from outside: a `.bicepparam` entry or a module's `params`. */
export interface SuppliedValue {
  readonly value: Value;
  /** The file holding it, when not the template itself. */
  readonly file?: string;
}

export function decoratorName(d: Decorator): string | undefined {
  const e = d.expression;
  if (e.kind === 'call') return e.name.name;
  if (e.kind === 'identifier') return e.name;
  return undefined;
}

function isLiteral(e: Expression): boolean {
  return (e.kind === 'string' && e.expressions.length === 0) || e.kind === 'integer' || e.kind === 'boolean' || e.kind === 'null';
}

export class FileScope implements BicepScope {
  private readonly params = new Map<string, ParameterDeclaration>();
  private readonly vars = new Map<string, VariableDeclaration>();
  private readonly symbols = new Set<string>();
  private readonly cache = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  /** Names bound inside loops and lambdas while their bodies are evaluated. */
  readonly locals = new Map<string, Value>();
  readonly evaluator = new Evaluator(this);

  constructor(
    program: Program,
    private readonly supplied: ReadonlyMap<string, SuppliedValue>,
  ) {
    for (const s of program.statements) {
      if ((s.kind === 'param' || s.kind === 'var') && s.name.kind === 'identifier') {
        if (s.kind === 'param') this.params.set(s.name.name, s);
        else this.vars.set(s.name.name, s);
      } else if ((s.kind === 'resource' || s.kind === 'module' || s.kind === 'func') && s.name.kind === 'identifier') {
        this.symbols.add(s.name.name);
      }
    }
  }

  lookup(name: string, useSpan: Span): Value | undefined {
    const local = this.locals.get(name);
    if (local) return { ...local, span: useSpan };
    if (this.params.has(name)) return this.parameter(name, useSpan);
    if (this.vars.has(name)) return this.variable(name, useSpan);
    if (this.symbols.has(name)) return unknown(useSpan, `'${name}' is only known at deployment`);
    return undefined;
  }

  parameter(name: string, useSpan: Span): Value {
    const raw = this.resolve(`p:${name}`, useSpan, () => {
      const supplied = this.supplied.get(name);
      if (supplied) return supplied.value;
      const decl = this.params.get(name);
      if (!decl?.value) return unknown(useSpan, `parameter '${name}' has no default value`, [name]);
      return this.evaluator.evaluate(decl.value);
    });
    if (raw.kind === 'unknown') return { ...raw, span: useSpan, dependsOn: raw.dependsOn ?? [name] };
    const supplied = this.supplied.get(name);
    const file = supplied?.file;
    return rehome(raw, useSpan, (span) => ({ kind: 'parameter', name, source: supplied ? 'parameterFile' : 'default', span, ...(file ? { file } : {}) }));
  }

  private variable(name: string, useSpan: Span): Value {
    const raw = this.resolve(`v:${name}`, useSpan, () => {
      const decl = this.vars.get(name);
      return decl ? this.evaluator.evaluate(decl.value) : unknown(useSpan, `variable '${name}' is not declared`);
    });
    return rehome(raw, useSpan, (span) => ({ kind: 'variable', name, span }));
  }

  private resolve(key: string, useSpan: Span, compute: () => Value): Value {
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.evaluating.has(key)) return unknown(useSpan, `'${key.slice(2)}' refers to itself`);
    this.evaluating.add(key);
    const value = compute();
    this.evaluating.delete(key);
    this.cache.set(key, value);
    return value;
  }

  /** Declared parameters with resolved values, for hovers, reports and SEC-PARAM-DEFAULT. */
  parameterInfos(): ParameterInfo[] {
    const out: ParameterInfo[] = [];
    for (const [name, decl] of this.params) {
      const span = decl.name.span;
      const secure = decl.decorators.some((d) => decoratorName(d)?.toLowerCase() === 'secure');
      const value = this.supplied.has(name) || decl.value ? this.parameter(name, span) : undefined;
      // Only a literal written in the file is a default "value"; an expression computes it.
      const defaultValue = decl.value ? (isLiteral(decl.value) ? this.evaluator.evaluate(decl.value) : { ...this.evaluator.evaluate(decl.value), origin: { kind: 'computed' as const } }) : undefined;
      out.push({ name, span, secure, ...(value ? { value } : {}), ...(defaultValue ? { defaultValue } : {}) });
    }
    return out;
  }
}
