/**
 * ARM template expressions (`"[concat(parameters('a'), 'b')]"`): a small parser and a static evaluator.
 * Anything that depends on the deployment (resourceGroup(), reference(), uniqueString(), …) evaluates to an
 * unknown value with the reason, never to a guess.
 */
import { detach } from '../../core/detach';
import type { Span } from '../../core/span';
import { getProperty, throughExpression, type Value } from '../../core/value';
import { callFunction } from '../../eval/functions';
import { describeListCall } from '../../eval/secrets';
import { asBoolean, callResult, mergeUnknown, unknown } from '../../eval/values';

type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'member'; target: Expr; name: string }
  | { kind: 'index'; target: Expr; index: Expr };

export interface ArmScope {
  parameter(name: string, useSpan: Span): Value;
  variable(name: string, useSpan: Span): Value;
}

/** True when a JSON string is an ARM expression (starts with `[`, ends with `]`, and is not a `[[` escape). */
export function isExpression(s: string): boolean {
  return s.length >= 2 && s.startsWith('[') && !s.startsWith('[[') && s.trimEnd().endsWith(']');
}

/** The literal a `[[…` string stands for. */
export function unescapeLiteral(s: string): string {
  return s.startsWith('[[') ? s.slice(1) : s;
}

class ExpressionSyntaxError extends Error {}

/** Levels of nesting (calls, members, indexes) an expression may have; the parsers' limit elsewhere too. */
const MAX_EXPRESSION_DEPTH = 200;

const NUMBER = /-?\d+(\.\d+)?/y;

/** White space as `\s` matches it in the ASCII range, plus no-break space and the BOM (a regex per character was slow). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  parseAll(): Expr {
    const e = this.expr();
    this.ws();
    if (this.pos < this.src.length) throw new ExpressionSyntaxError(`unexpected '${this.src[this.pos] ?? ''}'`);
    return e;
  }

  private ws(): void {
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  /**
   * Counts one level of the tree being built; the evaluator recurses once per level, so a chain of 5,000
   * `[0]` or `.a` (each a level, though the parser reads them in a loop) must hit the guard as nesting does.
   */
  private deeper(): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH)
      throw new ExpressionSyntaxError(`expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
  }

  private expr(): Expr {
    const outer = this.depth;
    this.deeper();
    let e = this.primary();
    for (;;) {
      this.ws();
      const c = this.src[this.pos];
      if (c === '.') {
        this.pos++;
        this.ws();
        this.deeper();
        e = { kind: 'member', target: e, name: this.ident() };
      } else if (c === '[') {
        this.pos++;
        this.deeper();
        const index = this.expr();
        this.expect(']');
        e = { kind: 'index', target: e, index };
      } else break;
    }
    this.depth = outer;
    return e;
  }

  private primary(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (c === "'") return this.string();
    if (c !== undefined && /[-\d]/.test(c)) {
      // Sticky, at the position: slicing the rest of the source for every number was quadratic in long calls.
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.src);
      if (!m) throw new ExpressionSyntaxError('bad number');
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]) };
    }
    let name = this.ident();
    // User-defined functions are namespaced: `ns.fn(...)`.
    if (this.src[this.pos] === '.' && /[A-Za-z_]/.test(this.src[this.pos + 1] ?? '')) {
      const save = this.pos;
      this.pos++;
      const rest = this.ident();
      this.ws();
      if (this.src[this.pos] === '(') name = `${name}.${rest}`;
      else this.pos = save;
    }
    this.ws();
    this.expect('(');
    const args: Expr[] = [];
    this.ws();
    if (this.src[this.pos] !== ')') {
      for (;;) {
        args.push(this.expr());
        this.ws();
        if (this.src[this.pos] === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    return { kind: 'call', name, args };
  }

  private string(): Expr {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ExpressionSyntaxError('unterminated string');
      this.pos++;
      if (c === "'") {
        if (this.src[this.pos] === "'") {
          out += "'";
          this.pos++;
          continue;
        }
        return { kind: 'string', value: out };
      }
      out += c;
    }
  }

  private ident(): string {
    const m = /^[A-Za-z_$][\w$]*/.exec(this.src.slice(this.pos, this.pos + 200));
    if (!m) throw new ExpressionSyntaxError(`expected a name at '${this.src.slice(this.pos, this.pos + 10)}'`);
    this.pos += m[0].length;
    return m[0];
  }

  private expect(ch: string): void {
    this.ws();
    if (this.src[this.pos] !== ch) throw new ExpressionSyntaxError(`expected '${ch}'`);
    this.pos++;
  }
}

/** Deployment-time functions: known to exist, not known statically. */
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
  'list',
  'listkeys',
  'listsecrets',
  'listaccountsas',
  'listservicesas',
  'listconnectionstrings',
  'copyindex',
  'utcnow',
  'newguid',
  'guid',
  'pickzones',
  'providers',
  'dateTimeAdd',
  'datetimeadd',
  'base64',
  'base64tostring',
  'uri',
  'uricomponent',
  'uricomponenttostring',
  'datauri',
  'datauritostring',
  'items',
  'range',
  'skip',
  'take',
  'intersection',
  'min',
  'max',
  'padleft',
  'indexof',
  'lastindexof',
  'filter',
  'map',
  'reduce',
  'sort',
  'tojson',
  'objectkeys',
  'shallowmerge',
  'tryget',
  'lambda',
  'lambdavariables',
  'flatten',
  'mapvalues',
  'groupby',
  'toobject',
  'cidrhost',
  'cidrsubnet',
  'parsecidr',
  'datetimefromepoch',
  'datetimetoepoch',
  'externalinputs',
  'loadtextcontent',
]);

/**
 * Parsed expressions by source text, or the reason one could not be read. Templates repeat the same expressions
 * (`[parameters('location')]` on every resource) and trees carry no positions, so one parse serves every use.
 */
const parsed = new Map<string, Expr | string>();
const PARSED_KEPT = 4096;

function parseExpression(source: string): Expr | string {
  let hit = parsed.get(source);
  if (hit !== undefined) return hit;
  // A copy, so that neither the key nor the tree's strings (slices of it) keep the template's text alive.
  const own = detach(source);
  try {
    hit = new Parser(own.trim().slice(1, -1)).parseAll();
  } catch (e) {
    hit = e instanceof ExpressionSyntaxError ? e.message : 'unreadable';
  }
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  parsed.set(own, hit);
  return hit;
}

/** Evaluates an expression string (with its brackets). The result's span is `span` (the JSON string). */
export function evaluateExpression(source: string, span: Span, scope: ArmScope): Value {
  const ast = parseExpression(source);
  if (typeof ast === 'string') return unknown(span, `expression could not be read (${ast})`);
  return evaluate(ast, span, scope);
}

function evaluate(e: Expr, span: Span, scope: ArmScope): Value {
  switch (e.kind) {
    case 'string':
      return { kind: 'string', value: e.value, span, origin: { kind: 'literal' } };
    case 'number':
      return { kind: 'number', value: e.value, span, origin: { kind: 'literal' } };
    case 'member': {
      const target = evaluate(e.target, span, scope);
      if (target.kind === 'object') {
        const p = getProperty(target, e.name);
        return p ? p.value : { kind: 'null', span };
      }
      return target.kind === 'unknown' ? target : unknown(span, `'.${e.name}' of a value that is not an object`);
    }
    case 'index': {
      const target = evaluate(e.target, span, scope);
      const index = evaluate(e.index, span, scope);
      if (target.kind === 'array' && index.kind === 'number')
        return target.items[index.value] ?? unknown(span, 'index out of range');
      if (target.kind === 'object' && index.kind === 'string') {
        return getProperty(target, index.value)?.value ?? { kind: 'null', span };
      }
      return mergeUnknown(span, [target, index], 'index into an unknown value');
    }
    case 'call': {
      const lname = e.name.toLowerCase();
      if (lname === 'parameters' || lname === 'variables') {
        const arg = e.args[0] ? evaluate(e.args[0], span, scope) : undefined;
        if (arg?.kind !== 'string') return mergeUnknown(span, arg ? [arg] : [], `${e.name}() with a computed name`);
        return lname === 'parameters' ? scope.parameter(arg.value, span) : scope.variable(arg.value, span);
      }
      if (e.name.includes('.')) return unknown(span, `user-defined function ${e.name}() is not evaluated`);
      const args = e.args.map((a) => evaluate(a, span, scope));
      const result = callFunction(e.name, args, span);
      // `if()` chose a branch: say which, for a fix that would rewrite it.
      if (result && lname === 'if' && args[0]) return throughExpression(result, asBoolean(args[0]));
      if (result) return result.kind === 'unknown' ? callResult(e.name, result) : result;
      const deps = args.filter((a) => a.kind === 'unknown');
      // Every list*() function (listKeys, listCredentials, listAdminKeys, …) reads something at deployment.
      const list = /^list/i.test(e.name);
      if (DEPLOYMENT_FUNCTIONS.has(lname) || list) {
        const call = { name: e.name, args: args.map((a) => (a.kind === 'string' ? a.value : undefined)) };
        const merged = callResult(e.name, mergeUnknown(span, deps, `${e.name}() is only known at deployment`));
        return { ...merged, call, ...(list ? { secret: describeListCall(e.name, args[0]) } : {}) };
      }
      return callResult(e.name, mergeUnknown(span, deps, `${e.name}() is not evaluated`));
    }
  }
}
