/**
 * HCL expressions to the shared value tree. Literals, variables (tfvars, then defaults), locals, objects,
 * tuples, conditionals with a known condition and a few pure functions are evaluated; everything Terraform
 * only knows at plan or apply time (resource attributes, `count.index`, `each.value`, data sources) becomes
 * an unknown value that says why and which variables it depends on.
 */
import type { Span } from '../../core/span';
import {
  throughExpression,
  type ObjectValue,
  type Origin,
  type PropertyEntry,
  type UnknownValue,
  type Value,
} from '../../core/value';
import { secretIn, toJs } from '../../eval/values';
import { templateLiteral, type Expr } from './syntax';

/** Exported attributes that hold a credential (storage and Cosmos DB keys and connection strings, …). */
const SECRET_ATTRIBUTE =
  /^(primary|secondary)_\w*(key|connection_string)$|^default_(primary|secondary)_(key|connection_string)$|^(sas|admin_password|connection_strings|api_key|master_key|default_function_key)$/;

/** Functions whose result still holds any credential passed to them (string building, sensitivity marks). */
const CARRIES_SECRET = new Set([
  'format',
  'formatlist',
  'join',
  'replace',
  'trim',
  'trimspace',
  'trimprefix',
  'trimsuffix',
  'sensitive',
  'nonsensitive',
  'base64encode',
  'urlencode',
  'concat',
  'element',
  'one',
]);

/** A Terraform input variable with the value it takes here, if any. */
export interface VariableBinding {
  readonly name: string;
  /** The value expression (tfvars or module input, else the default) and where it is written. */
  readonly expr?: Expr;
  readonly file: string;
  /** `parameterFile` = tfvars, `module` = the argument of a module call. */
  readonly source: 'default' | 'parameterFile' | 'module';
  /** Evaluated in an empty scope (tfvars) or the caller's scope (module inputs). */
  readonly scope?: EvalScope;
}

export interface LocalBinding {
  readonly name: string;
  readonly expr: Expr;
  readonly file: string;
}

/** What names resolve to while evaluating one file's expressions. */
export interface EvalScope {
  /** The file being scanned: values from elsewhere are re-homed onto the place of use. */
  readonly file: string;
  readonly variables: ReadonlyMap<string, VariableBinding>;
  readonly locals: ReadonlyMap<string, LocalBinding>;
  /** Resource symbols (`type.name`, `data.type.name`) referenced by evaluated expressions are added here. */
  references?: Set<string>;
}

/** Deeper than any real local-of-local chain; guards cycles (`a = local.b`, `b = local.a`) too. */
const MAX_EVAL_DEPTH = 64;

/**
 * Expressions whose result, when a literal, is not written in place as the value (`coalesce(…, "x")`,
 * `var.a == "b"`, `{ a = "x" }.a`): rewriting it rewrites the expression.
 */
const PASSES_ON = new Set<Expr['kind']>(['conditional', 'call', 'binary', 'index', 'getAttr', 'splat', 'for']);

const unknown = (span: Span, reason: string, dependsOn?: readonly string[]): UnknownValue => ({
  kind: 'unknown',
  span,
  reason,
  ...(dependsOn && dependsOn.length > 0 ? { dependsOn } : {}),
});

/** Names of the input variables `expr` mentions (`var.x`), for "depends on variable x" reports. */
export function variablesIn(expr: Expr, out: Set<string> = new Set(), depth = 0): string[] {
  if (depth > MAX_EVAL_DEPTH) return [...out];
  visit(
    expr,
    (e) => {
      if (e.kind === 'getAttr' && e.target.kind === 'variable' && e.target.name === 'var') out.add(e.name);
    },
    depth,
  );
  return [...out];
}

/** Calls `f` on every sub-expression (templates included). */
export function visit(expr: Expr, f: (e: Expr) => void, depth = 0): void {
  if (depth > 200) return;
  f(expr);
  const next = (e: Expr | undefined): void => {
    if (e) visit(e, f, depth + 1);
  };
  switch (expr.kind) {
    case 'template':
      for (const part of expr.parts) {
        if (part.kind === 'interp') next(part.expr);
        else if (part.kind === 'if') next(part.cond);
        else if (part.kind === 'for') next(part.collection);
      }
      return;
    case 'getAttr':
      return next(expr.target);
    case 'index':
      next(expr.target);
      return next(expr.key);
    case 'splat':
      return next(expr.target);
    case 'call':
      for (const a of expr.args) next(a);
      return;
    case 'for':
      next(expr.collection);
      next(expr.keyExpr);
      next(expr.valueExpr);
      return next(expr.cond);
    case 'conditional':
      next(expr.cond);
      next(expr.then);
      return next(expr.else);
    case 'binary':
      next(expr.left);
      return next(expr.right);
    case 'unary':
      return next(expr.operand);
    case 'tuple':
      for (const i of expr.items) next(i);
      return;
    case 'object':
      for (const i of expr.items) {
        next(i.key);
        next(i.value);
      }
      return;
    case 'parens':
      return next(expr.expr);
    default:
  }
}

/** Root names that are not resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self']);

/** `azurerm_storage_account.sa.id` → `azurerm_storage_account.sa`; `data.x.y.z` → `data.x.y`. */
export function referencedSymbol(expr: Expr): string | undefined {
  const chain: string[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.kind === 'getAttr') {
      chain.unshift(e.name);
      e = e.target;
    } else if (e.kind === 'index' || e.kind === 'splat') {
      chain.length = 0; // the part after an index is an attribute of one instance: keep only the root
      e = e.target;
    } else break;
  }
  if (e.kind !== 'variable') return undefined;
  if (e.name === 'data') return chain.length >= 2 ? `data.${chain[0]}.${chain[1]}` : undefined;
  if (NOT_RESOURCES.has(e.name) || !e.name.includes('_')) return undefined;
  return chain.length >= 1 ? `${e.name}.${chain[0]}` : undefined;
}

/** Records the resources `expr` references in `scope.references`. */
export function collectReferences(expr: Expr, scope: EvalScope): void {
  if (!scope.references) return;
  const refs = scope.references;
  visit(expr, (e) => {
    if (e.kind === 'getAttr' || e.kind === 'index' || e.kind === 'splat') {
      const symbol = referencedSymbol(e);
      if (symbol) refs.add(symbol);
    }
  });
}

/** Gives a value from another place the span of its use, keeping where it came from in `origin`. */
function rehome(v: Value, span: Span, origin: Origin): Value {
  switch (v.kind) {
    case 'object':
      return {
        ...v,
        span,
        origin,
        properties: v.properties.map((p) => ({ ...p, keySpan: span, span, value: rehome(p.value, span, origin) })),
      };
    case 'array':
      return { ...v, span, origin, items: v.items.map((i) => rehome(i, span, origin)) };
    case 'unknown':
      return { ...v, span };
    default:
      return { ...v, span, origin };
  }
}

export class Evaluator {
  private depth = 0;

  constructor(private readonly scope: EvalScope) {}

  eval(expr: Expr): Value {
    if (this.depth > MAX_EVAL_DEPTH) return unknown(expr.span, 'expression nested too deeply to evaluate');
    this.depth++;
    try {
      const v = this.evalInner(expr);
      return PASSES_ON.has(expr.kind) || (expr.kind === 'unary' && expr.op === '!') ? throughExpression(v) : v;
    } finally {
      this.depth--;
    }
  }

  private evalInner(expr: Expr): Value {
    const span = expr.span;
    switch (expr.kind) {
      case 'literal':
        if (expr.value === null) return { kind: 'null', span };
        return typeof expr.value === 'number'
          ? { kind: 'number', value: expr.value, span }
          : { kind: 'boolean', value: expr.value, span };
      case 'template':
        return this.template(expr);
      case 'parens':
        return this.eval(expr.expr);
      case 'tuple':
        return { kind: 'array', span, items: expr.items.map((i) => this.eval(i)) };
      case 'object': {
        const properties: PropertyEntry[] = [];
        for (const item of expr.items) {
          const key = item.key.kind === 'variable' ? item.key.name : templateLiteral(item.key);
          if (key === undefined) return unknown(span, 'an object key is computed', variablesIn(item.key));
          properties.push({ key, keySpan: item.key.span, value: this.eval(item.value), span: item.span });
        }
        return { kind: 'object', span, properties };
      }
      case 'getAttr':
        return this.traversal(expr);
      case 'conditional': {
        const cond = this.eval(expr.cond);
        if (cond.kind === 'boolean')
          return throughExpression(this.eval(cond.value ? expr.then : expr.else), cond.value);
        const a = this.eval(expr.then);
        const b = this.eval(expr.else);
        // Both branches alike: the condition does not matter.
        if (
          (a.kind === 'string' || a.kind === 'number' || a.kind === 'boolean') &&
          b.kind === a.kind &&
          a.value === b.value
        )
          return { ...a, span };
        return unknown(span, 'the value depends on a condition', variablesIn(expr));
      }
      case 'unary': {
        const v = this.eval(expr.operand);
        if (expr.op === '!' && v.kind === 'boolean') return { kind: 'boolean', value: !v.value, span };
        if (expr.op === '-' && v.kind === 'number') return { kind: 'number', value: -v.value, span };
        return unknown(span, 'computed value', variablesIn(expr));
      }
      case 'binary':
        return this.binary(expr);
      case 'call':
        return this.call(expr);
      case 'variable':
        if (expr.name === 'each' || expr.name === 'count')
          return unknown(span, `depends on ${expr.name === 'each' ? 'for_each' : 'count'}`);
        return unknown(span, `'${expr.name}' is not known before apply`);
      default: {
        collectReferences(expr, this.scope);
        const result = unknown(span, describeUnknown(expr), variablesIn(expr));
        if (expr.kind !== 'index') return result;
        // An element of a list of keys (`connection_strings[0]`) is a key.
        const target = this.eval(expr.target);
        const secret = target.kind === 'unknown' ? target.secret : undefined;
        // `sp.app_role_ids["RoleManagement.ReadWrite.Directory"]`: a literal key says what the value stands for.
        const key = templateLiteral(expr.key);
        return {
          ...result,
          ...(secret ? { secret } : {}),
          ...(key !== undefined ? { call: { name: 'index', args: [key] } } : {}),
        };
      }
    }
  }

  private template(expr: Extract<Expr, { kind: 'template' }>): Value {
    const span = expr.span;
    const literal = templateLiteral(expr);
    if (literal !== undefined) return { kind: 'string', value: literal, span };
    const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
    // "${x}" alone is x itself, not a string conversion.
    if (only?.kind === 'interp') return { ...this.eval(only.expr), span };
    let out = '';
    let failed: UnknownValue | undefined;
    let secret: string | undefined;
    for (const part of expr.parts) {
      if (part.kind === 'literal') out += part.value;
      else if (part.kind === 'interp') {
        const v = this.eval(part.expr);
        if (v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean') out += String(v.value);
        else {
          // Keep reading: a later part may carry a key (a connection string built from a name and a key).
          failed ??= unknown(
            span,
            v.kind === 'unknown' ? v.reason : 'interpolates a value that is not a string',
            variablesIn(expr),
          );
          if (v.kind === 'unknown') secret ??= v.secret;
        }
      } else failed ??= unknown(span, 'template directive', variablesIn(expr));
    }
    // Built from other values, as Bicep's interpolated strings are: not a literal a fix could edit in place.
    if (!failed) return { kind: 'string', value: out, span, origin: { kind: 'computed' } };
    // "${azurerm_storage_account.st.id}/blobServices/default" is an id under that resource: say which.
    const first = expr.parts[0];
    const head = first?.kind === 'interp' ? this.eval(first.expr) : undefined;
    const computedFrom = head?.kind === 'unknown' ? head.computedFrom : undefined;
    return secret || computedFrom
      ? { ...failed, ...(secret ? { secret } : {}), ...(computedFrom ? { under: computedFrom } : {}) }
      : failed;
  }

  private traversal(expr: Extract<Expr, { kind: 'getAttr' }>): Value {
    const span = expr.span;
    const root = expr.target;
    if (root.kind === 'variable' && root.name === 'var') return this.variable(expr.name, span);
    if (root.kind === 'variable' && root.name === 'local') return this.local(expr.name, span);
    if (root.kind === 'variable' && (root.name === 'each' || root.name === 'count')) {
      return unknown(span, `depends on ${root.name === 'each' ? 'for_each' : 'count'} (${root.name}.${expr.name})`);
    }
    // A key of one instance of a resource (`st[0].primary_access_key`).
    const instanceOf = root.kind === 'index' && SECRET_ATTRIBUTE.test(expr.name) ? referencedSymbol(expr) : undefined;
    if (instanceOf) {
      collectReferences(expr, this.scope);
      return {
        ...unknown(span, `computed by Terraform (${instanceOf})`, variablesIn(expr)),
        secret: `${instanceOf}'s ${expr.name}`,
      };
    }
    // An attribute of a known object (`var.settings.tls`).
    if (root.kind === 'getAttr') {
      const base = this.eval(root);
      if (base.kind === 'object') {
        const entry = base.properties.find((p) => p.key === expr.name);
        return entry ? { ...entry.value, span } : { kind: 'null', span };
      }
      if (base.kind === 'unknown') {
        const symbol = base.computedFrom ?? referencedSymbol(expr);
        return {
          ...base,
          span,
          ...(symbol ? { computedFrom: symbol } : {}),
          ...(SECRET_ATTRIBUTE.test(expr.name)
            ? { secret: `${referencedSymbol(expr) ?? 'a resource'}'s ${expr.name}` }
            : {}),
        };
      }
    }
    collectReferences(expr, this.scope);
    const symbol = referencedSymbol(expr);
    const u = unknown(span, symbol ? `computed by Terraform (${symbol})` : describeUnknown(expr), variablesIn(expr));
    return symbol ? { ...u, computedFrom: symbol } : u;
  }

  private variable(name: string, span: Span): Value {
    const binding = this.scope.variables.get(name);
    if (!binding) return unknown(span, `variable '${name}' is not declared`, [name]);
    if (!binding.expr) return unknown(span, `variable '${name}' has no default value`, [name]);
    const value = (binding.scope ? new Evaluator(binding.scope) : new Evaluator(EMPTY_SCOPE(binding.file))).eval(
      binding.expr,
    );
    if (value.kind === 'unknown')
      return { ...value, span, dependsOn: [...new Set([name, ...(value.dependsOn ?? [])])] };
    const origin: Origin = {
      kind: 'parameter',
      name,
      source: binding.source,
      span: binding.expr.span,
      ...(binding.file !== this.scope.file ? { file: binding.file } : {}),
    };
    return rehome(value, span, origin);
  }

  private local(name: string, span: Span): Value {
    const binding = this.scope.locals.get(name);
    if (!binding) return unknown(span, `local '${name}' is not defined`);
    const value = this.eval(binding.expr);
    if (value.kind === 'unknown') return { ...value, span };
    if (value.origin?.kind === 'parameter') return rehome(value, span, value.origin);
    const origin: Origin = {
      kind: 'variable',
      name: `local.${name}`,
      span: binding.expr.span,
      ...(binding.file !== this.scope.file ? { file: binding.file } : {}),
    };
    return rehome(value, span, origin);
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>): Value {
    const span = expr.span;
    const a = this.eval(expr.left);
    const b = this.eval(expr.right);
    const scalar = (v: Value): v is Extract<Value, { kind: 'string' | 'number' | 'boolean' | 'null' }> =>
      v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null';
    if (scalar(a) && scalar(b)) {
      const x = a.kind === 'null' ? null : a.value;
      const y = b.kind === 'null' ? null : b.value;
      switch (expr.op) {
        case '==':
          return { kind: 'boolean', value: x === y, span };
        case '!=':
          return { kind: 'boolean', value: x !== y, span };
        case '&&':
          if (typeof x === 'boolean' && typeof y === 'boolean') return { kind: 'boolean', value: x && y, span };
          break;
        case '||':
          if (typeof x === 'boolean' && typeof y === 'boolean') return { kind: 'boolean', value: x || y, span };
          break;
        default:
      }
    }
    return unknown(span, 'computed value', variablesIn(expr));
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): Value {
    const span = expr.span;
    const args = (): Value[] => expr.args.map((a) => this.eval(a));
    switch (expr.name) {
      case 'tostring':
      case 'tonumber':
      case 'tobool': {
        const [v] = args();
        if (!v || v.kind === 'unknown') return v ? { ...v, span } : unknown(span, 'missing argument');
        if (expr.name === 'tostring' && (v.kind === 'number' || v.kind === 'boolean'))
          return { kind: 'string', value: String(v.value), span, ...(v.origin ? { origin: v.origin } : {}) };
        if (expr.name === 'tobool' && v.kind === 'string' && (v.value === 'true' || v.value === 'false'))
          return { kind: 'boolean', value: v.value === 'true', span };
        if (
          expr.name === 'tonumber' &&
          v.kind === 'string' &&
          v.value.trim() !== '' &&
          Number.isFinite(Number(v.value))
        )
          return { kind: 'number', value: Number(v.value), span };
        return { ...v, span };
      }
      case 'lower':
      case 'upper': {
        const [v] = args();
        if (v?.kind === 'unknown' && v.secret)
          return { ...unknown(span, 'computed value', variablesIn(expr)), secret: v.secret };
        if (v?.kind !== 'string') return unknown(span, 'computed value', variablesIn(expr));
        return { ...v, value: expr.name === 'lower' ? v.value.toLowerCase() : v.value.toUpperCase(), span };
      }
      case 'jsonencode': {
        // The JSON text of a known value (VM extension settings); else unknown, still carrying any key inside.
        collectReferences(expr, this.scope);
        const [v] = args();
        const js = v ? toJs(v) : undefined;
        if (js !== undefined) return { kind: 'string', value: JSON.stringify(js), span, origin: { kind: 'computed' } };
        const secret = v ? secretIn([v]) : undefined;
        const result = unknown(span, 'result of jsonencode()', variablesIn(expr));
        return secret ? { ...result, secret } : result;
      }
      case 'try':
      case 'coalesce': {
        // The first argument that is known (and, for coalesce, not null) decides; an unknown before it blocks.
        for (const v of args()) {
          if (v.kind === 'unknown') return { ...v, span };
          if (expr.name === 'try' || v.kind !== 'null') return { ...v, span };
        }
        return { kind: 'null', span };
      }
      case 'merge': {
        const props = new Map<string, PropertyEntry>();
        const values = args();
        for (const v of values) {
          if (v.kind === 'null') continue;
          if (v.kind !== 'object') {
            // A map merged from an unknown one still holds the keys written beside it.
            const secret = secretIn(values);
            return {
              ...unknown(span, 'merge of values not known before apply', variablesIn(expr)),
              ...(secret ? { secret } : {}),
            };
          }
          for (const p of v.properties) props.set(p.key, p);
        }
        const merged: ObjectValue = { kind: 'object', span, properties: [...props.values()] };
        return merged;
      }
      default: {
        collectReferences(expr, this.scope);
        const result = unknown(span, `result of ${expr.name}()`, variablesIn(expr));
        // A string built from a key is still a key (a connection string put together by format()).
        if (!CARRIES_SECRET.has(expr.name)) return result;
        const secret = args().find((a): a is UnknownValue => a.kind === 'unknown' && a.secret !== undefined)?.secret;
        return secret ? { ...result, secret } : result;
      }
    }
  }
}

function describeUnknown(expr: Expr): string {
  switch (expr.kind) {
    case 'for':
      return 'built by a for expression';
    case 'splat':
      return 'built by a splat expression';
    case 'index':
      return 'an indexed value';
    default:
      return 'computed value';
  }
}

export const EMPTY_SCOPE = (file: string): EvalScope => ({ file, variables: new Map(), locals: new Map() });
