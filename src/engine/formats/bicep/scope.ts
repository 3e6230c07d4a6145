/**
 * The names of one Bicep file: parameters (value from a `.bicepparam` file or a module call, else the
 * default, else unknown), variables (evaluated lazily, cycles guarded), user-defined functions, symbols
 * imported from other Bicep files, and the symbols whose value only exists at deployment (resources,
 * modules, loop items, lambda parameters).
 */
import { dirname, joinPath, normalise } from '../../core/paths';
import type { Span } from '../../core/span';
import type { Origin, Value } from '../../core/value';
import { mergeUnknown, unknown } from '../../eval/values';
import type { FileHost, OutputInfo, ParameterInfo } from '../../model/document';
import { Evaluator, rehome, type BicepScope } from './evaluate';
import type {
  Decorator,
  Expression,
  ImportDeclaration,
  Lambda,
  ParameterDeclaration,
  Program,
  ResourceDeclaration,
  VariableDeclaration,
} from './syntax';
import { parseBicepCached } from './parse-cache';

/** A value supplied from outside: a `.bicepparam` entry or a module's `params`. */
export interface SuppliedValue {
  readonly value: Value;
  /** The file holding it, when not the template itself. */
  readonly file?: string;
  /** A module call's `params` (default: a parameter file). */
  readonly fromModule?: boolean;
}

/** Where a scope sits: its own file (when not the scanned one) and the host for imports. */
export interface ScopeContext {
  /** Set when this file is not the scanned file (a module, an imported file): origins then name it. */
  readonly originFile?: string;
  /** The file's path, for resolving `import … from './x.bicep'`. */
  readonly file?: string;
  readonly host?: FileHost;
  /** Files being imported along this chain (cycle guard). */
  readonly importChain?: readonly string[];
}

const MAX_IMPORT_DEPTH = 5;
const MAX_CALL_DEPTH = 20;

/** Another file's scope, or why it could not be read (registry import, missing file, cycle). */
interface Loaded {
  readonly scope?: FileScope;
  readonly reason?: string;
}

/** An imported name (an exported `var` or `func`), or `*` for a namespace; the file is read on first use. */
interface Imported {
  readonly name: string;
  readonly load: () => Loaded;
}

export function decoratorName(d: Decorator): string | undefined {
  const e = d.expression;
  if (e.kind === 'call') return e.name.name;
  if (e.kind === 'identifier') return e.name;
  return undefined;
}

function isLiteral(e: Expression): boolean {
  return (
    (e.kind === 'string' && e.expressions.length === 0) ||
    e.kind === 'integer' ||
    e.kind === 'boolean' ||
    e.kind === 'null'
  );
}

export class FileScope implements BicepScope {
  private readonly params = new Map<string, ParameterDeclaration>();
  private readonly vars = new Map<string, VariableDeclaration>();
  private readonly funcs = new Map<string, Lambda>();
  private readonly imports = new Map<string, Imported>();
  private readonly namespaces = new Map<string, Imported>();
  private callDepth = 0;
  /** Resource and module symbols of the file. */
  readonly symbols = new Set<string>();
  /** Top-level resources declared once (not in a loop), whose `name` a `symbol.name` reads. */
  private readonly singleResources = new Map<string, ResourceDeclaration>();
  private readonly cache = new Map<string, Value>();
  private readonly evaluating = new Set<string>();
  /** Names bound inside loops and lambdas while their bodies are evaluated. */
  readonly locals = new Map<string, Value>();
  readonly evaluator = new Evaluator(this);

  constructor(
    program: Program,
    private readonly supplied: ReadonlyMap<string, SuppliedValue>,
    private readonly context: ScopeContext = {},
  ) {
    for (const s of program.statements) {
      if ((s.kind === 'param' || s.kind === 'var') && s.name.kind === 'identifier') {
        if (s.kind === 'param') this.params.set(s.name.name, s);
        else this.vars.set(s.name.name, s);
      } else if (s.kind === 'func' && s.name.kind === 'identifier') {
        if (s.lambda.kind === 'lambda') this.funcs.set(s.name.name, s.lambda);
      } else if ((s.kind === 'resource' || s.kind === 'module') && s.name.kind === 'identifier') {
        this.symbols.add(s.name.name);
        if (s.kind === 'resource' && s.value.kind !== 'for') this.singleResources.set(s.name.name, s);
      } else if (s.kind === 'import' && s.from) {
        this.declareImport(s);
      }
    }
  }

  /** Names from `import { a, b as c } from 'x'` and `import * as ns from 'x'`; the file is read on first use. */
  private declareImport(s: ImportDeclaration): void {
    const from = s.from?.kind === 'string' && s.from.expressions.length === 0 ? s.from.segments[0] : undefined;
    if (from === undefined) return;
    const target = this.importedScope(from);
    for (const sym of s.symbols ?? []) {
      if (sym.kind !== 'importedSymbol') continue;
      const name =
        sym.name.kind === 'identifier' ? sym.name.name : sym.name.kind === 'string' ? sym.name.segments[0] : undefined;
      const local = sym.alias?.kind === 'identifier' ? sym.alias.name : name;
      if (name !== undefined && local !== undefined) this.imports.set(local, { name, load: target });
    }
    if (s.wildcardAlias?.kind === 'identifier') this.namespaces.set(s.wildcardAlias.name, { name: '*', load: target });
  }

  /** A thunk for the scope of an imported file (read and parsed once, on first use). */
  private importedScope(from: string): () => Loaded {
    let cached: Loaded | undefined;
    return () => {
      if (cached) return cached;
      const { host, file, importChain = [] } = this.context;
      if (!/\.bicep$/i.test(from) || /^(br|ts)[:/]/i.test(from))
        cached = { reason: `a registry module ('${from}') the scan does not read` };
      else if (!host || !file) cached = { reason: `'${from}', which could not be read` };
      else {
        const path = joinPath(dirname(file), from);
        const text =
          importChain.includes(path) || importChain.length >= MAX_IMPORT_DEPTH ? undefined : host.readFile(path);
        if (text === undefined) cached = { reason: `'${from}', which could not be read` };
        else {
          const { program } = parseBicepCached(text);
          cached = {
            scope: new FileScope(program, new Map(), {
              originFile: path,
              file: path,
              host,
              importChain: [...importChain, normalise(file)],
            }),
          };
        }
      }
      return cached;
    };
  }

  lookup(name: string, useSpan: Span): Value | undefined {
    const local = this.locals.get(name);
    if (local) return { ...local, span: useSpan };
    if (this.params.has(name)) return this.parameter(name, useSpan);
    if (this.vars.has(name)) return this.variable(name, useSpan);
    if (this.symbols.has(name)) return unknown(useSpan, `'${name}' is only known at deployment`);
    const imp = this.imports.get(name);
    if (imp) {
      const { scope, reason } = imp.load();
      if (!scope) return unknown(useSpan, `'${name}', imported from ${reason ?? 'a file that was not read'}`);
      return scope.exportedValue(imp.name, useSpan) ?? unknown(useSpan, `'${name}' is not an exported variable`);
    }
    const ns = this.namespaces.get(name);
    if (!ns) return undefined;
    const { scope, reason } = ns.load();
    return scope
      ? scope.exportsObject(useSpan)
      : unknown(useSpan, `'${name}', imported from ${reason ?? 'a file that was not read'}`);
  }

  /**
   * `symbol.name` of a resource declared in this file: the `name` it is declared with, which Bicep knows before
   * deployment (unlike `.id` or `.properties`). A module's `existing` server named by a parameter the caller
   * fills with `server.name` is then the caller's server, and companion checks can link the two.
   * Undefined when `symbol` is not such a resource (a loop, a module, a local that hides it).
   */
  resourceName(symbol: string, useSpan: Span): Value | undefined {
    if (this.locals.has(symbol)) return undefined;
    const decl = this.singleResources.get(symbol);
    const body = decl?.value.kind === 'if' ? decl.value.body : decl?.value;
    if (body?.kind !== 'object') return undefined;
    const prop = body.members.find((m) => m.kind === 'property' && m.name === 'name');
    if (prop?.kind !== 'property') return undefined;
    const raw = this.resolve(`r:${symbol}`, useSpan, () => this.evaluator.evaluate(prop.value));
    return { ...raw, span: useSpan };
  }

  withLocals(bindings: ReadonlyMap<string, Value>, body: () => Value): Value {
    const saved = new Map<string, Value | undefined>();
    for (const [name, value] of bindings) {
      saved.set(name, this.locals.get(name));
      this.locals.set(name, value);
    }
    try {
      return body();
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) this.locals.delete(name);
        else this.locals.set(name, value);
      }
    }
  }

  /** The expression a variable is declared with (for reference collection). */
  variableExpression(name: string): Expression | undefined {
    return this.vars.get(name)?.value;
  }

  /** The value of variable `name` of this (imported) file, or undefined when it has none. */
  exportedValue(name: string, useSpan: Span): Value | undefined {
    return this.vars.has(name) ? this.variable(name, useSpan) : undefined;
  }

  /** Every variable of this file as one object, for `import * as ns` (`ns.x`). */
  private exportsObject(useSpan: Span): Value {
    return {
      kind: 'object',
      span: useSpan,
      origin: { kind: 'computed' },
      properties: [...this.vars.keys()].map((key) => ({
        key,
        keySpan: useSpan,
        span: useSpan,
        value: this.variable(key, useSpan),
      })),
    };
  }

  /** A user-defined function, evaluated when its body is a plain expression of known arguments. */
  callUser(name: string, namespace: string | undefined, args: readonly Value[], span: Span): Value | undefined {
    if (namespace !== undefined) {
      const ns = this.namespaces.get(namespace);
      if (!ns) return undefined;
      const { scope, reason } = ns.load();
      return scope
        ? scope.callUser(name, undefined, args, span)
        : unknown(span, `${namespace}.${name}(), imported from ${reason ?? 'a file that was not read'}`);
    }
    const imp = this.imports.get(name);
    if (!this.funcs.has(name) && imp) {
      const { scope, reason } = imp.load();
      return scope
        ? scope.callUser(imp.name, undefined, args, span)
        : unknown(span, `${name}(), imported from ${reason ?? 'a file that was not read'}`);
    }
    const fn = this.funcs.get(name);
    if (!fn) return undefined;
    const pending = args.filter((a) => a.kind === 'unknown');
    if (pending.length > 0) return mergeUnknown(span, pending, `${name}() of a value only known at deployment`);
    if (this.callDepth >= MAX_CALL_DEPTH) return unknown(span, `${name}() calls itself too deeply to evaluate`);
    // A func body sees its own parameters only (and other funcs): bind them, hide the caller's locals.
    const saved = new Map(this.locals);
    this.locals.clear();
    fn.parameters.forEach((p, i) => {
      const a = args[i];
      if (a) this.locals.set(p.name.name, a);
    });
    this.callDepth++;
    try {
      const v = this.evaluator.evaluate(fn.body);
      return v.kind === 'unknown'
        ? { ...v, span, reason: `${name}(): ${v.reason}` }
        : { ...v, span, origin: v.origin ?? { kind: 'computed' } };
    } finally {
      this.callDepth--;
      this.locals.clear();
      for (const [k, v] of saved) this.locals.set(k, v);
    }
  }

  parameter(name: string, useSpan: Span): Value {
    const raw = this.resolve(`p:${name}`, useSpan, () => {
      const supplied = this.supplied.get(name);
      if (supplied) return supplied.value;
      const decl = this.params.get(name);
      if (!decl?.value) return unknown(useSpan, `parameter '${name}' has no default value`, [name]);
      return this.evaluator.evaluate(decl.value);
    });
    if (raw.kind === 'unknown') {
      const secure = this.params.get(name)?.decorators.some((d) => decoratorName(d)?.toLowerCase() === 'secure');
      return { ...raw, span: useSpan, dependsOn: raw.dependsOn ?? [name], ...(secure ? { secureInput: name } : {}) };
    }
    const supplied = this.supplied.get(name);
    const file = supplied ? supplied.file : this.context.originFile;
    return rehome(raw, useSpan, (span) => ({
      kind: 'parameter',
      name,
      source: supplied ? (supplied.fromModule ? 'module' : 'parameterFile') : 'default',
      span,
      ...(file ? { file } : {}),
    }));
  }

  private variable(name: string, useSpan: Span): Value {
    const raw = this.resolve(`v:${name}`, useSpan, () => {
      const decl = this.vars.get(name);
      return decl ? this.evaluator.evaluate(decl.value) : unknown(useSpan, `variable '${name}' is not declared`);
    });
    const file = this.context.originFile;
    return rehome(raw, useSpan, (span): Origin => ({ kind: 'variable', name, span, ...(file ? { file } : {}) }));
  }

  private resolve(key: string, useSpan: Span, compute: () => Value): Value {
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.evaluating.has(key)) return unknown(useSpan, `'${key.slice(2)}' refers to itself`);
    this.evaluating.add(key);
    // A declaration sees no loop or lambda names of the place it is used from (and its value is cached).
    const hidden = this.locals.size > 0 ? new Map(this.locals) : undefined;
    this.locals.clear();
    let value: Value;
    try {
      value = compute();
    } finally {
      if (hidden) for (const [k, v] of hidden) this.locals.set(k, v);
    }
    this.evaluating.delete(key);
    this.cache.set(key, value);
    return value;
  }

  /** The file's outputs, evaluated, for SEC-OUTPUT. */
  outputInfos(program: Program): OutputInfo[] {
    const out: OutputInfo[] = [];
    for (const s of program.statements) {
      if (s.kind !== 'output' || s.name.kind !== 'identifier') continue;
      const sensitive = s.decorators.some((d) => decoratorName(d)?.toLowerCase() === 'secure');
      out.push({ name: s.name.name, span: s.name.span, value: this.evaluator.evaluate(s.value), sensitive });
    }
    return out;
  }

  /** Declared parameters with resolved values, for hovers, reports and SEC-PARAM-DEFAULT. */
  parameterInfos(): ParameterInfo[] {
    const out: ParameterInfo[] = [];
    for (const [name, decl] of this.params) {
      const span = decl.name.span;
      const secure = decl.decorators.some((d) => decoratorName(d)?.toLowerCase() === 'secure');
      const value = this.supplied.has(name) || decl.value ? this.parameter(name, span) : undefined;
      // Only a literal written in the file is a default "value"; an expression computes it.
      const defaultValue = decl.value
        ? isLiteral(decl.value)
          ? this.evaluator.evaluate(decl.value)
          : { ...this.evaluator.evaluate(decl.value), origin: { kind: 'computed' as const } }
        : undefined;
      const t = decl.type;
      const structured =
        t !== undefined &&
        !(t.kind === 'typeRef' && !t.namespace && ['string', 'int', 'bool'].includes(t.name.name.toLowerCase()));
      out.push({
        name,
        span,
        secure,
        ...(structured ? { structured } : {}),
        ...(value ? { value } : {}),
        ...(defaultValue ? { defaultValue } : {}),
      });
    }
    return out;
  }
}
