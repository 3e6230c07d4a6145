/**
 * Static evaluation of Bicep expressions into the shared value tree, with the function library the ARM
 * side uses (same semantics). What depends on the deployment (resourceGroup(), a resource's properties,
 * a parameter without a value, a loop item) becomes an unknown value saying why.
 */
import type { Span } from '../../core/span';
import { getProperty, throughExpression, type Origin, type PropertyEntry, type Value } from '../../core/value';
import { callFunction } from '../../eval/functions';
import { describeListCall } from '../../eval/secrets';
import { asBoolean, atUseSite, callResult, mergeUnknown, unknown, valuesEqual } from '../../eval/values';
import type { Expression, ObjectLiteral } from './syntax';

/** Where names resolve: parameters, variables, resources and locals (loop items, lambda parameters). */
export interface BicepScope {
  /** The value of a parameter or variable (already re-homed at `useSpan`), or undefined when not declared. */
  lookup(name: string, useSpan: Span): Value | undefined;
  /**
   * A call of a user-defined (or imported) `func`: `namespace` is the alias of a wildcard import (`ns.f()`).
   * Undefined when no such function is declared, so that the built-in library is tried.
   */
  callUser?(name: string, namespace: string | undefined, args: readonly Value[], span: Span): Value | undefined;
  /** `symbol.name` of a resource of the file, when known before deployment; undefined otherwise. */
  resourceName?(symbol: string, span: Span): Value | undefined;
  /** Evaluates `body` with loop names bound (shadowing, then restored); absent scopes leave loops unknown. */
  withLocals?(bindings: ReadonlyMap<string, Value>, body: () => Value): Value;
}

/** Loops over longer lists are not expanded: the value is unknown rather than slow to compute. */
const MAX_LOOP_ITEMS = 1000;

/** Deployment-time functions: they exist, but their value is only known when deploying. */
const DEPLOYMENT_FUNCTIONS = new Set([
  'resourcegroup',
  'subscription',
  'managementgroup',
  'tenant',
  'deployment',
  'environment',
  'uniquestring',
  'resourceid',
  'subscriptionresourceid',
  'tenantresourceid',
  'extensionresourceid',
  'managementgroupresourceid',
  'reference',
  'listkeys',
  'listsecrets',
  'listaccountsas',
  'listservicesas',
  'utcnow',
  'newguid',
  'guid',
  'pickzones',
  'providers',
  'getsecret',
  'readenvironmentvariable',
  'externalinput',
]);

const MAX_DEPTH = 100;

/** Expressions whose result may be a literal written elsewhere in them (`a ?? 'x'`, `first(['x'])`, `{ a: 'x' }.a`). */
const PASSES_ON = new Set<Expression['kind']>(['ternary', 'binary', 'call', 'member', 'index']);

const COMPARISONS = new Set(['==', '!=', '=~', '!~', '<', '<=', '>', '>=', '&&', '||']);

export class Evaluator {
  private depth = 0;
  constructor(private readonly scope: BicepScope) {}

  evaluate(e: Expression): Value {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return unknown(e.span, 'expression nested too deeply to evaluate');
    }
    try {
      const v = this.eval(e);
      return PASSES_ON.has(e.kind) ? throughExpression(v) : v;
    } finally {
      this.depth--;
    }
  }

  /** An object literal, skipping nested resource declarations (they are resources of their own). */
  object(o: ObjectLiteral): Value {
    const properties: PropertyEntry[] = [];
    for (const m of o.members) {
      if (m.kind === 'property') {
        if (m.name === undefined) continue;
        properties.push({ key: m.name, keySpan: m.key.span, span: m.span, value: this.evaluate(m.value) });
      } else if (m.kind === 'spread') {
        const v = this.evaluate(m.expression);
        if (v.kind === 'object') properties.push(...v.properties);
        else
          return unknown(
            o.span,
            v.kind === 'unknown' ? v.reason : 'spread of a value that is not an object',
            v.kind === 'unknown' ? v.dependsOn : undefined,
          );
      }
    }
    return { kind: 'object', span: o.span, properties };
  }

  private eval(e: Expression): Value {
    const span = e.span;
    switch (e.kind) {
      case 'string': {
        if (e.expressions.length === 0) return { kind: 'string', value: e.segments[0] ?? '', span };
        const parts = e.expressions.map((x) => this.evaluate(x));
        const pending = parts.filter((p) => p.kind === 'unknown');
        if (pending.length > 0) return mergeUnknown(span, pending, 'interpolation of an unknown value');
        let s = e.segments[0] ?? '';
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i] as Value;
          if (p.kind !== 'string' && p.kind !== 'number' && p.kind !== 'boolean')
            return unknown(span, 'interpolation of a value that is not a string');
          s += String(p.value) + (e.segments[i + 1] ?? '');
        }
        return { kind: 'string', value: s, span, origin: { kind: 'computed' } };
      }
      case 'integer':
        return { kind: 'number', value: e.value, span };
      case 'boolean':
        return { kind: 'boolean', value: e.value, span };
      case 'null':
        return { kind: 'null', span };
      case 'object':
        return this.object(e);
      case 'array': {
        const items: Value[] = [];
        for (const item of e.items) {
          if (item.kind !== 'spread') {
            items.push(this.evaluate(item));
            continue;
          }
          const v = this.evaluate(item.expression);
          if (v.kind !== 'array')
            return v.kind === 'unknown' ? { ...v, span } : unknown(span, 'spread of a value that is not an array');
          items.push(...v.items);
        }
        return { kind: 'array', span, items };
      }
      case 'identifier':
        return this.scope.lookup(e.name, span) ?? unknown(span, `'${e.name}' is not a value known before deployment`);
      case 'paren':
        return this.evaluate(e.expression);
      case 'nonNull':
        return this.evaluate(e.expression);
      case 'unary': {
        const v = this.evaluate(e.operand);
        // `!secret` is a boolean that reveals nothing of the secret.
        if (v.kind === 'unknown') return e.operator === '!' ? callResult('not', { ...v, span }) : { ...v, span };
        if (e.operator === '!') {
          const b = asBoolean(v);
          return b === undefined
            ? unknown(span, "'!' of a value that is not a boolean")
            : { kind: 'boolean', value: !b, span, origin: { kind: 'computed' } };
        }
        if (v.kind !== 'number') return unknown(span, `'${e.operator}' of a value that is not a number`);
        return {
          kind: 'number',
          value: e.operator === '-' ? -v.value : v.value,
          span,
          ...(v.origin ? { origin: v.origin } : {}),
        };
      }
      case 'binary': {
        const v = this.binary(e.operator, e.left, e.right, span);
        // A comparison or logical result is a boolean: it reveals nothing of a secure operand.
        return v.kind === 'unknown' && COMPARISONS.has(e.operator) ? callResult('equals', v) : v;
      }
      case 'ternary': {
        const c = this.evaluate(e.condition);
        const b = asBoolean(c);
        // The result is one of the branches: the condition's own inputs (a secure parameter tested) do not flow into it.
        if (b === undefined) return callResult('if', mergeUnknown(span, [c], 'condition only known at deployment'));
        return throughExpression(this.evaluate(b ? e.whenTrue : e.whenFalse), b);
      }
      case 'call': {
        const ns = e.target?.kind === 'identifier' ? e.target.name : undefined;
        const builtinNs = ns === 'az' || ns === 'sys';
        if (e.target && !ns) return unknown(span, `${e.name.name}() of a value is not evaluated`);
        const name = e.name.name;
        const args = e.args.map((a) => this.evaluate(a));
        if (!builtinNs) {
          const user = this.scope.callUser?.(name, ns, args, span);
          if (user) return user;
          if (ns)
            return {
              ...unknown(span, `${ns}.${name}() is not evaluated`),
              ...(/^list/i.test(name) ? { secret: `${ns}.${name}()` } : {}),
            };
        }
        const result = callFunction(name, args, span);
        if (result) return result.kind === 'unknown' ? callResult(name, result) : result;
        const deps = args.filter((a) => a.kind === 'unknown');
        // Every list*() function (listKeys, listCredentials, listAdminKeys, …) reads something at deployment.
        const list = /^list/i.test(name);
        if (!DEPLOYMENT_FUNCTIONS.has(name.toLowerCase()) && !list)
          return callResult(name, mergeUnknown(span, deps, `${name}() is not evaluated`));
        const call = { name, args: args.map((a) => (a.kind === 'string' ? a.value : undefined)) };
        const merged = callResult(name, mergeUnknown(span, deps, `${name}() is only known at deployment`));
        if (!list) return { ...merged, call };
        // listKeys(st.id, …) reads from resource `st`, as st.listKeys() does.
        const first = e.args[0];
        const symbol =
          first?.kind === 'member' &&
          first.object.kind === 'identifier' &&
          first.name.kind === 'identifier' &&
          first.name.name === 'id'
            ? first.object.name
            : undefined;
        return { ...merged, call, secret: symbol ? `${symbol}.${name}()` : describeListCall(name, args[0]) };
      }
      case 'member': {
        const name = e.name.kind === 'identifier' ? e.name.name : '';
        if (name === 'name' && e.object.kind === 'identifier') {
          const declared = this.scope.resourceName?.(e.object.name, span);
          if (declared) return declared;
        }
        const target = this.evaluate(e.object);
        if (target.kind === 'object') return getProperty(target, name)?.value ?? { kind: 'null', span };
        if (target.kind === 'null' && e.safe) return { kind: 'null', span };
        return target.kind === 'unknown'
          ? { ...target, span }
          : unknown(span, `'.${name}' of a value that is not an object`);
      }
      case 'index': {
        const target = this.evaluate(e.object);
        const index = this.evaluate(e.index);
        if (target.kind === 'array' && index.kind === 'number') {
          const at = e.fromEnd ? target.items.length - index.value : index.value;
          return target.items[at] ?? (e.safe ? { kind: 'null', span } : unknown(span, 'index out of range'));
        }
        if (target.kind === 'object' && index.kind === 'string')
          return getProperty(target, index.value)?.value ?? { kind: 'null', span };
        return mergeUnknown(span, [target, index], 'index into a value only known at deployment');
      }
      case 'resourceAccess':
        return unknown(span, 'a resource is only known at deployment');
      case 'lambda':
        return unknown(span, 'a lambda is not a value');
      case 'for':
        return this.loop(e, span);
      case 'if':
        return unknown(span, 'conditional value');
      case 'error':
        return unknown(span, 'the expression could not be read');
    }
  }

  /**
   * `[for item in list: body]` and `[for (item, i) in list: body]` over a list known before deployment (a
   * variable, a parameter default, `range()`): one value per item, so that settings built by a loop are judged.
   * An unknown list, a filter (`if` in the body) or a body that depends on the deployment stays unknown.
   */
  private loop(e: Extract<Expression, { kind: 'for' }>, span: Span): Value {
    const source = this.evaluate(e.iterable);
    if (
      !this.scope.withLocals ||
      source.kind !== 'array' ||
      source.items.length > MAX_LOOP_ITEMS ||
      e.body.kind === 'if'
    ) {
      return source.kind === 'unknown'
        ? mergeUnknown(span, [source], 'computed by a loop over a value only known at deployment')
        : unknown(span, 'computed by a loop');
    }
    const items: Value[] = [];
    for (const [i, item] of source.items.entries()) {
      const bindings = new Map<string, Value>();
      if (e.item) bindings.set(e.item.name, item);
      if (e.index)
        bindings.set(e.index.name, { kind: 'number', value: i, span: e.index.span, origin: { kind: 'computed' } });
      items.push(this.scope.withLocals(bindings, () => this.evaluate(e.body)));
    }
    return { kind: 'array', span, origin: { kind: 'computed' }, items };
  }

  private binary(op: string, l: Expression, r: Expression, span: Span): Value {
    const left = this.evaluate(l);
    if (op === '??')
      return left.kind === 'null'
        ? this.evaluate(r)
        : left.kind === 'unknown'
          ? mergeUnknown(span, [left], 'coalesce of an unknown value')
          : left;
    const right = this.evaluate(r);
    const computed: Origin = { kind: 'computed' };
    const bool = (value: boolean): Value => ({ kind: 'boolean', value, span, origin: computed });
    if (op === '&&' || op === '||') {
      const a = asBoolean(left);
      const b = asBoolean(right);
      // A known operand can decide alone: `false && x` and `true || x`.
      if (op === '&&' && (a === false || b === false)) return bool(false);
      if (op === '||' && (a === true || b === true)) return bool(true);
      if (a === undefined || b === undefined)
        return mergeUnknown(span, [left, right], `'${op}' of a value only known at deployment`);
      return bool(op === '&&' ? a && b : a || b);
    }
    if (left.kind === 'unknown' || right.kind === 'unknown')
      return mergeUnknown(span, [left, right], `'${op}' of a value only known at deployment`);
    switch (op) {
      case '==':
      case '!=': {
        const eq = valuesEqual(left, right);
        return eq === undefined ? unknown(span, 'comparison of unknown values') : bool(op === '==' ? eq : !eq);
      }
      case '=~':
      case '!~': {
        if (left.kind !== 'string' || right.kind !== 'string')
          return unknown(span, `'${op}' of values that are not strings`);
        const eq = left.value.toLowerCase() === right.value.toLowerCase();
        return bool(op === '=~' ? eq : !eq);
      }
      default: {
        const fn = {
          '<': 'less',
          '<=': 'lessOrEquals',
          '>': 'greater',
          '>=': 'greaterOrEquals',
          '+': 'add',
          '-': 'sub',
          '*': 'mul',
          '/': 'div',
          '%': 'mod',
        }[op];
        const result = fn ? callFunction(fn, [left, right], span) : undefined;
        return result ?? unknown(span, `'${op}' is not evaluated`);
      }
    }
  }
}

/** Re-homes a parameter or variable value at its use site, remembering where its literal is written. */
export function rehome(value: Value, useSpan: Span, origin: (literal: Span) => Origin): Value {
  if (value.kind === 'unknown') return { ...value, span: useSpan };
  return atUseSite(value, useSpan, origin);
}
