/** Helpers to build and compare values during evaluation. */
import type { Span } from '../core/span';
import type { Origin, UnknownValue, Value } from '../core/value';

export function unknown(span: Span, reason: string, dependsOn?: readonly string[]): UnknownValue {
  return dependsOn && dependsOn.length > 0
    ? { kind: 'unknown', span, reason, dependsOn }
    : { kind: 'unknown', span, reason };
}

/** The union of the `dependsOn` lists of several unknowns, for a result that depends on all of them. */
/** Functions whose result reveals nothing of a secret argument: a hash, a length, a comparison, what a resource returns. */
const NON_REVEALING = new Set([
  'uniquestring',
  'guid',
  'length',
  'empty',
  'equals',
  'contains',
  'startswith',
  'endswith',
  'indexof',
  'lastindexof',
  'less',
  'lessorequals',
  'greater',
  'greaterorequals',
  'not',
  'and',
  'or',
  'bool',
  'reference',
  'if',
]);

/** The unknown result of calling `name`: no longer "the secure parameter" when the function reveals nothing of it. */
export function callResult(name: string, result: UnknownValue): UnknownValue {
  if (!result.secureInput || !NON_REVEALING.has(name.toLowerCase())) return result;
  const { secureInput: _dropped, ...rest } = result;
  return rest;
}

export function mergeUnknown(span: Span, parts: readonly Value[], fallbackReason: string): UnknownValue {
  const deps = new Set<string>();
  let reason: string | undefined;
  let secret: string | undefined;
  let secureInput: string | undefined;
  for (const p of parts) {
    // A known array or object beside the unknown one may hold a key (concat(settings, [{ value: listKeys()… }])).
    if (p.kind !== 'unknown') {
      secret ??= secretWithin(p, { budget: 200 });
      continue;
    }
    reason ??= p.reason;
    secret ??= p.secret;
    secureInput ??= p.secureInput;
    for (const d of p.dependsOn ?? []) deps.add(d);
  }
  const u = unknown(span, reason ?? fallbackReason, [...deps]);
  return secret || secureInput ? { ...u, ...(secret ? { secret } : {}), ...(secureInput ? { secureInput } : {}) } : u;
}

/** The first credential marked in any of these values or inside them (bounded), for a result built from them. */
export function secretIn(values: readonly Value[]): string | undefined {
  const limit = { budget: 200 };
  for (const v of values) {
    const found = secretWithin(v, limit);
    if (found) return found;
  }
  return undefined;
}

/** The first credential marked anywhere inside a value, looking at no more than `budget` nodes. */
function secretWithin(value: Value, limit: { budget: number }): string | undefined {
  if (--limit.budget < 0) return undefined;
  if (value.kind === 'unknown') return value.secret;
  // Read a re-homed value's source: its own children are built on first read, and a big variable used many
  // times must not be copied at each use just to be searched.
  let v: Value = value;
  for (let src = REHOMED_FROM.get(v); src; src = REHOMED_FROM.get(v)) v = src;
  const children = v.kind === 'array' ? v.items : v.kind === 'object' ? v.properties.map((p) => p.value) : [];
  for (const c of children) {
    const found = secretWithin(c, limit);
    if (found) return found;
  }
  return undefined;
}

export function fromJs(v: unknown, span: Span, origin?: Origin): Value {
  const o = origin ? { origin } : {};
  if (v === null || v === undefined) return { kind: 'null', span, ...o };
  if (typeof v === 'string') return { kind: 'string', value: v, span, ...o };
  if (typeof v === 'number') return { kind: 'number', value: v, span, ...o };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, span, ...o };
  if (Array.isArray(v)) return { kind: 'array', items: v.map((x) => fromJs(x, span, origin)), span, ...o };
  if (typeof v === 'object') {
    return {
      kind: 'object',
      span,
      ...o,
      properties: Object.entries(v as Record<string, unknown>).map(([key, val]) => ({
        key,
        keySpan: span,
        span,
        value: fromJs(val, span, origin),
      })),
    };
  }
  return unknown(span, 'unsupported value');
}

/** A plain JS rendering of a fully known value, or undefined when any part is unknown. */
export function toJs(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null':
      return null;
    case 'unknown':
      return undefined;
    case 'array': {
      const out: unknown[] = [];
      for (const item of v.items) {
        const js = toJs(item);
        if (js === undefined) return undefined;
        out.push(js);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of v.properties) {
        const js = toJs(p.value);
        if (js === undefined) return undefined;
        out[p.key] = js;
      }
      return out;
    }
  }
}

/** Deep equality as ARM's `equals`: strings compare case-sensitively, objects by keys case-insensitively. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'null') return true;
  if (a.kind === 'array' && b.kind === 'array') {
    if (a.items.length !== b.items.length) return false;
    let allKnown = true;
    for (let i = 0; i < a.items.length; i++) {
      const eq = valuesEqual(a.items[i] as Value, b.items[i] as Value);
      if (eq === false) return false;
      if (eq === undefined) allKnown = false;
    }
    return allKnown ? true : undefined;
  }
  if (a.kind === 'object' && b.kind === 'object') {
    if (a.properties.length !== b.properties.length) return false;
    let allKnown = true;
    for (const p of a.properties) {
      const q = b.properties.find((x) => x.key.toLowerCase() === p.key.toLowerCase());
      if (!q) return false;
      const eq = valuesEqual(p.value, q.value);
      if (eq === false) return false;
      if (eq === undefined) allKnown = false;
    }
    return allKnown ? true : undefined;
  }
  return (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/** Truthiness for conditions: only booleans (and the strings 'true'/'false') are decidable. */
export function asBoolean(v: Value): boolean | undefined {
  if (v.kind === 'boolean') return v.value;
  if (v.kind === 'string' && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === 'true';
  return undefined;
}

/**
 * Defines `key` on `target` as computed on first read, then stored as a plain property: readers (spread,
 * JSON.stringify, deep equality) see an ordinary value.
 */
/** The value a re-homed array or object was made from (the same subtree, its children not yet copied). */
const REHOMED_FROM = new WeakMap<Value, Value>();

function lazily<T extends object>(target: T, key: string, compute: () => unknown): T {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
  return target;
}

/**
 * Re-homes a value (and its subtree) at a use site, remembering where each literal is written. Children are
 * re-homed when first read: a large variable used many times (`variables('alerts')[copyIndex()].name`) would
 * otherwise be copied whole at every use, which made such templates quadratic.
 */
export function atUseSite(v: Value, useSpan: Span, makeOrigin: (literalSpan: Span) => Origin): Value {
  const origin = v.origin && v.origin.kind !== 'literal' ? v.origin : makeOrigin(v.span);
  switch (v.kind) {
    case 'object': {
      const out = lazily({ ...v, span: useSpan, origin }, 'properties', () =>
        v.properties.map((p) => ({
          ...p,
          keySpan: useSpan,
          span: useSpan,
          value: atUseSite(p.value, useSpan, makeOrigin),
        })),
      );
      REHOMED_FROM.set(out, v);
      return out;
    }
    case 'array': {
      const out = lazily({ ...v, span: useSpan, origin }, 'items', () =>
        v.items.map((i) => atUseSite(i, useSpan, makeOrigin)),
      );
      REHOMED_FROM.set(out, v);
      return out;
    }
    default:
      return { ...v, span: useSpan, origin };
  }
}
