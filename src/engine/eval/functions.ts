/**
 * The template function library shared by ARM expressions and Bicep: the functions whose result can be known
 * statically. Functions that depend on the deployment (resourceGroup(), uniqueString(), reference(), …) are
 * not here; callers turn them into unknown values with a reason.
 */
import type { Span } from '../core/span';
import type { ObjectValue, PropertyEntry, Value } from '../core/value';
import { asBoolean, fromJs, mergeUnknown, toJs, unknown, valuesEqual } from './values';

type Impl = (args: readonly Value[], span: Span) => Value;

function str(v: Value): string | undefined {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number' || v.kind === 'boolean') return String(v.value);
  return undefined;
}

function needKnown(args: readonly Value[], span: Span, name: string): Value | undefined {
  // Every argument goes to mergeUnknown: a known one may still hold a credential that the result carries.
  return args.some((a) => a.kind === 'unknown') ? mergeUnknown(span, args, `${name}() of an unknown value`) : undefined;
}

function stringFn(fn: (s: string) => Value | string | number | boolean, name: string): Impl {
  return (args, span) => {
    const pending = needKnown(args.slice(0, 1), span, name);
    if (pending) return pending;
    const s = args[0] ? str(args[0]) : undefined;
    if (s === undefined) return unknown(span, `${name}() expects a string`);
    const r = fn(s);
    return typeof r === 'object' ? r : fromJs(r, span, { kind: 'computed' });
  };
}

function compare(op: (a: number | string, b: number | string) => boolean, name: string): Impl {
  return (args, span) => {
    const pending = needKnown(args, span, name);
    if (pending) return pending;
    const [a, b] = args;
    const av = a && (a.kind === 'number' || a.kind === 'string') ? a.value : undefined;
    const bv = b && (b.kind === 'number' || b.kind === 'string') ? b.value : undefined;
    if (av === undefined || bv === undefined) return unknown(span, `${name}() of non-comparable values`);
    return fromJs(op(av, bv), span, { kind: 'computed' });
  };
}

function arithmetic(op: (a: number, b: number) => number | undefined, name: string): Impl {
  return (args, span) => {
    const pending = needKnown(args, span, name);
    if (pending) return pending;
    const [a, b] = args;
    if (a?.kind !== 'number' || b?.kind !== 'number') return unknown(span, `${name}() expects numbers`);
    const r = op(a.value, b.value);
    return r === undefined ? unknown(span, `${name}() is undefined here`) : fromJs(r, span, { kind: 'computed' });
  };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `format('{0}-{1}', a, b)` with .NET-style indexes (`{0,8}` and `{0:N2}` specifiers are read and ignored),
 * `{{` and `}}` for braces. A scan, not a regular expression: `{N,` without a closing brace made one search to
 * the end per placeholder (`0{0,` repeated in an 800 KB file: minutes).
 */
function formatString(template: string, args: readonly string[]): string {
  let out = '';
  let i = 0;
  // The next `}` at or after a specifier: it only moves forward, so all the searches together are one pass.
  let close = -2;
  while (i < template.length) {
    const c = template.charCodeAt(i);
    if (c === 123 /* { */) {
      if (template.charCodeAt(i + 1) === 123) {
        out += '{';
        i += 2;
        continue;
      }
      let j = i + 1;
      while (isDigit(template.charCodeAt(j))) j++;
      if (j > i + 1) {
        const index = Number(template.slice(i + 1, j));
        const after = template.charCodeAt(j);
        let end = -1;
        if (after === 125 /* } */) end = j;
        else if (after === 44 /* , */ || after === 58 /* : */) {
          if (close !== -1 && close < j) close = template.indexOf('}', j);
          end = close;
        }
        if (end >= 0) {
          out += args[index] ?? '';
          i = end + 1;
          continue;
        }
      }
    } else if (c === 125 /* } */ && template.charCodeAt(i + 1) === 125) {
      out += '}';
      i += 2;
      continue;
    }
    out += template[i];
    i++;
  }
  return out;
}

function union(args: readonly Value[], span: Span): Value {
  if (args.every((a) => a.kind === 'object')) {
    const merged = new Map<string, PropertyEntry>();
    for (const a of args as ObjectValue[]) for (const p of a.properties) merged.set(p.key.toLowerCase(), p);
    return { kind: 'object', span, origin: { kind: 'computed' }, properties: [...merged.values()] };
  }
  if (args.every((a) => a.kind === 'array')) {
    const out: Value[] = [];
    for (const a of args) {
      if (a.kind !== 'array') continue;
      for (const item of a.items) if (!out.some((o) => valuesEqual(o, item) === true)) out.push(item);
    }
    return { kind: 'array', span, origin: { kind: 'computed' }, items: out };
  }
  return mergeUnknown(span, args, 'union() of values that are not all objects or all arrays');
}

const FUNCTIONS: Record<string, Impl> = {
  concat: (args, span) => {
    if (args.length > 0 && args.every((a) => a.kind === 'array')) {
      return {
        kind: 'array',
        span,
        origin: { kind: 'computed' },
        items: args.flatMap((a) => (a.kind === 'array' ? a.items : [])),
      };
    }
    const pending = needKnown(args, span, 'concat');
    if (pending) return pending;
    const parts = args.map(str);
    if (parts.some((p) => p === undefined)) return unknown(span, 'concat() of mixed values');
    return fromJs(parts.join(''), span, { kind: 'computed' });
  },
  format: (args, span) => {
    const pending = needKnown(args, span, 'format');
    if (pending) return pending;
    const [t, ...rest] = args.map((a) => str(a) ?? JSON.stringify(toJs(a)));
    return fromJs(formatString(t ?? '', rest), span, { kind: 'computed' });
  },
  if: (args, span) => {
    const [c, a, b] = args;
    if (!c || !a || !b) return unknown(span, 'if() needs three arguments');
    const cond = asBoolean(c);
    if (cond === true) return a;
    if (cond === false) return b;
    if (valuesEqual(a, b) === true) return a;
    return mergeUnknown(span, [c], 'if() with an unknown condition');
  },
  equals: (args, span) => {
    const [a, b] = args;
    if (!a || !b) return unknown(span, 'equals() needs two arguments');
    const eq = valuesEqual(a, b);
    return eq === undefined
      ? mergeUnknown(span, args, 'equals() of unknown values')
      : fromJs(eq, span, { kind: 'computed' });
  },
  not: (args, span) => {
    const b = args[0] ? asBoolean(args[0]) : undefined;
    return b === undefined
      ? mergeUnknown(span, args, 'not() of an unknown value')
      : fromJs(!b, span, { kind: 'computed' });
  },
  and: (args, span) => {
    const bools = args.map(asBoolean);
    if (bools.includes(false)) return fromJs(false, span, { kind: 'computed' });
    if (bools.every((b) => b === true)) return fromJs(true, span, { kind: 'computed' });
    return mergeUnknown(span, args, 'and() of unknown values');
  },
  or: (args, span) => {
    const bools = args.map(asBoolean);
    if (bools.includes(true)) return fromJs(true, span, { kind: 'computed' });
    if (bools.every((b) => b === false)) return fromJs(false, span, { kind: 'computed' });
    return mergeUnknown(span, args, 'or() of unknown values');
  },
  tolower: stringFn((s) => s.toLowerCase(), 'toLower'),
  toupper: stringFn((s) => s.toUpperCase(), 'toUpper'),
  trim: stringFn((s) => s.trim(), 'trim'),
  string: (args, span) => {
    const a = args[0];
    if (!a) return unknown(span, 'string() needs an argument');
    if (a.kind === 'string') return a;
    const js = toJs(a);
    if (js === undefined) return mergeUnknown(span, [a], 'string() of an unknown value');
    return fromJs(typeof js === 'string' ? js : JSON.stringify(js), span, { kind: 'computed' });
  },
  bool: (args, span) => {
    const a = args[0];
    if (a?.kind === 'boolean') return a;
    if (a?.kind === 'number') return fromJs(a.value !== 0, span, { kind: 'computed' });
    const b = a ? asBoolean(a) : undefined;
    return b === undefined
      ? mergeUnknown(span, args, 'bool() of an unknown value')
      : fromJs(b, span, { kind: 'computed' });
  },
  int: (args, span) => {
    const a = args[0];
    if (a?.kind === 'number') return fromJs(Math.trunc(a.value), span, { kind: 'computed' });
    if (a?.kind === 'string' && /^-?\d+$/.test(a.value.trim()))
      return fromJs(parseInt(a.value, 10), span, { kind: 'computed' });
    return mergeUnknown(span, args, 'int() of an unknown value');
  },
  json: (args, span) => {
    const a = args[0];
    if (a?.kind !== 'string') return mergeUnknown(span, args, 'json() of an unknown value');
    try {
      return fromJs(JSON.parse(a.value), span, { kind: 'computed' });
    } catch {
      return unknown(span, 'json() of invalid JSON');
    }
  },
  union,
  createobject: (args, span) => {
    const properties: PropertyEntry[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      const k = args[i] as Value;
      const key = str(k);
      if (key === undefined) return mergeUnknown(span, [k], 'createObject() with an unknown key');
      properties.push({ key, keySpan: k.span, span, value: args[i + 1] as Value });
    }
    return { kind: 'object', span, origin: { kind: 'computed' }, properties };
  },
  createarray: (args, span) => ({ kind: 'array', span, origin: { kind: 'computed' }, items: [...args] }),
  array: (args, span) => {
    const a = args[0];
    if (!a) return unknown(span, 'array() needs an argument');
    return a.kind === 'array' ? a : { kind: 'array', span, origin: { kind: 'computed' }, items: [a] };
  },
  contains: (args, span) => {
    const [container, item] = args;
    if (!container || !item) return unknown(span, 'contains() needs two arguments');
    if (container.kind === 'unknown' || item.kind === 'unknown')
      return mergeUnknown(span, args, 'contains() of unknown values');
    if (container.kind === 'string') {
      const s = str(item);
      return s === undefined
        ? unknown(span, 'contains() of a non-string')
        : fromJs(container.value.includes(s), span, { kind: 'computed' });
    }
    if (container.kind === 'array') {
      const found = container.items.map((i) => valuesEqual(i, item));
      if (found.includes(true)) return fromJs(true, span, { kind: 'computed' });
      return found.includes(undefined)
        ? unknown(span, 'contains() over unknown items')
        : fromJs(false, span, { kind: 'computed' });
    }
    if (container.kind === 'object') {
      const key = str(item)?.toLowerCase();
      return fromJs(
        container.properties.some((p) => p.key.toLowerCase() === key),
        span,
        { kind: 'computed' },
      );
    }
    return unknown(span, 'contains() of an unsupported value');
  },
  empty: (args, span) => {
    const a = args[0];
    if (!a || a.kind === 'unknown') return mergeUnknown(span, args, 'empty() of an unknown value');
    if (a.kind === 'null') return fromJs(true, span, { kind: 'computed' });
    if (a.kind === 'string') return fromJs(a.value.length === 0, span, { kind: 'computed' });
    if (a.kind === 'array') return fromJs(a.items.length === 0, span, { kind: 'computed' });
    if (a.kind === 'object') return fromJs(a.properties.length === 0, span, { kind: 'computed' });
    return fromJs(false, span, { kind: 'computed' });
  },
  length: (args, span) => {
    const a = args[0];
    if (a?.kind === 'string') return fromJs(a.value.length, span, { kind: 'computed' });
    if (a?.kind === 'array') return fromJs(a.items.length, span, { kind: 'computed' });
    if (a?.kind === 'object') return fromJs(a.properties.length, span, { kind: 'computed' });
    return mergeUnknown(span, args, 'length() of an unknown value');
  },
  coalesce: (args, span) => {
    for (const a of args) {
      if (a.kind === 'unknown') return mergeUnknown(span, [a], 'coalesce() of an unknown value');
      if (a.kind !== 'null') return a;
    }
    return { kind: 'null', span };
  },
  first: (args, span) => {
    const a = args[0];
    if (a?.kind === 'array') return a.items[0] ?? { kind: 'null', span };
    if (a?.kind === 'string') return fromJs(a.value.slice(0, 1), span, { kind: 'computed' });
    return mergeUnknown(span, args, 'first() of an unknown value');
  },
  last: (args, span) => {
    const a = args[0];
    if (a?.kind === 'array') return a.items[a.items.length - 1] ?? { kind: 'null', span };
    if (a?.kind === 'string') return fromJs(a.value.slice(-1), span, { kind: 'computed' });
    return mergeUnknown(span, args, 'last() of an unknown value');
  },
  replace: (args, span) => {
    const pending = needKnown(args, span, 'replace');
    if (pending) return pending;
    const [s, a, b] = args.map(str);
    if (s === undefined || a === undefined || b === undefined) return unknown(span, 'replace() expects strings');
    return fromJs(s.split(a).join(b), span, { kind: 'computed' });
  },
  split: (args, span) => {
    const pending = needKnown(args, span, 'split');
    if (pending) return pending;
    const s = args[0] ? str(args[0]) : undefined;
    const d = args[1];
    const delims = d?.kind === 'array' ? d.items.map(str) : [d ? str(d) : undefined];
    if (s === undefined || delims.some((x) => x === undefined)) return unknown(span, 'split() expects strings');
    let parts = [s];
    for (const delim of delims as string[]) parts = parts.flatMap((p) => p.split(delim));
    return fromJs(parts, span, { kind: 'computed' });
  },
  startswith: (args, span) => {
    const [a, b] = args.map((x) => (x.kind === 'string' ? x.value.toLowerCase() : undefined));
    return a === undefined || b === undefined
      ? mergeUnknown(span, args, 'startsWith() of unknown values')
      : fromJs(a.startsWith(b), span, { kind: 'computed' });
  },
  endswith: (args, span) => {
    const [a, b] = args.map((x) => (x.kind === 'string' ? x.value.toLowerCase() : undefined));
    return a === undefined || b === undefined
      ? mergeUnknown(span, args, 'endsWith() of unknown values')
      : fromJs(a.endsWith(b), span, { kind: 'computed' });
  },
  substring: (args, span) => {
    const [s, start, len] = args;
    if (s?.kind !== 'string' || start?.kind !== 'number')
      return mergeUnknown(span, args, 'substring() of unknown values');
    const n = len?.kind === 'number' ? len.value : undefined;
    return fromJs(s.value.substr(start.value, n), span, { kind: 'computed' });
  },
  less: compare((a, b) => a < b, 'less'),
  lessorequals: compare((a, b) => a <= b, 'lessOrEquals'),
  greater: compare((a, b) => a > b, 'greater'),
  greaterorequals: compare((a, b) => a >= b, 'greaterOrEquals'),
  add: arithmetic((a, b) => a + b, 'add'),
  sub: arithmetic((a, b) => a - b, 'sub'),
  mul: arithmetic((a, b) => a * b, 'mul'),
  div: arithmetic((a, b) => (b === 0 ? undefined : Math.trunc(a / b)), 'div'),
  mod: arithmetic((a, b) => (b === 0 ? undefined : a % b), 'mod'),
  true: (_args, span) => fromJs(true, span, { kind: 'computed' }),
  false: (_args, span) => fromJs(false, span, { kind: 'computed' }),
  null: (_args, span) => ({ kind: 'null', span }),
};

/** Calls a library function by name (case-insensitive, as in ARM). `undefined` when the function is not known statically. */
export function callFunction(name: string, args: readonly Value[], span: Span): Value | undefined {
  const impl = FUNCTIONS[name.toLowerCase()];
  return impl ? impl(args, span) : undefined;
}

export function isKnownFunction(name: string): boolean {
  return name.toLowerCase() in FUNCTIONS;
}
