/**
 * Bicep templates with their modules: the resources of a file, then those of each local module it calls
 * (`module m './x.bicep'` or an ARM `./x.json`), read through the host, with the call's `params` bound (values
 * keep their origin; an unknown one stays unknown), the call's loop and condition carried to its resources.
 * Registry (`br:`) and template-spec (`ts:`) modules are noted, not fetched. Cycles are errors naming the chain.
 */
import { parseTree, type ParseError } from 'jsonc-parser';
import type { AnalysisError } from '../../core/finding';
import { basename, dirname, joinPath, normalise } from '../../core/paths';
import type { Span } from '../../core/span';
import type { Origin, Value } from '../../core/value';
import { asBoolean, atUseSite, unknown } from '../../eval/values';
import type { AnalysisNote, FileHost } from '../../model/document';
import type { Resource } from '../../model/resource';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../arm/guard';
import { walkTemplate } from '../arm/resources';
import { argumentsKey, type ModuleExpansions } from '../module-expansion';
import { TemplateScope } from '../arm/template-scope';
import { ArmWriter } from '../arm/writer';
import { collectResources } from './resources';
import { FileScope, type SuppliedValue } from './scope';
import type { Expression, ModuleDeclaration, ObjectLiteral, Program } from './syntax';
import { BicepWriter, type FilesWriter } from './writer';
import { parseBicepCached } from './parse-cache';

/** Modules are followed at most this deep; a deeper call is noted. */
export const MAX_MODULE_DEPTH = 8;

/** What one analysis collects across the files it reads. */
export interface Collector {
  readonly host?: FileHost;
  readonly errors: AnalysisError[];
  readonly notes: AnalysisNote[];
  readonly dependencies: string[];
  readonly writer: FilesWriter;
  /** Memoised module results and the cap on module instances, for the whole scan of one file. */
  readonly expansions: ModuleExpansions;
}

export interface TemplateFile {
  readonly file: string;
  readonly text: string;
  readonly program: Program;
  readonly scope: FileScope;
  /** Normalised paths of the templates that led here, the scanned one first (cycle guard). */
  readonly chain: readonly string[];
}

/** The resources of `t` and of the local modules it calls, recursively. */
export function templateResources(t: TemplateFile, c: Collector): Resource[] {
  const out = collectResources({ file: t.file, text: t.text, program: t.program, scope: t.scope });
  for (const s of t.program.statements) if (s.kind === 'module') out.push(...moduleResources(s, t, c));
  return out;
}

function registryKind(ref: string): string | undefined {
  if (/^br[:/]/i.test(ref)) return 'a registry module';
  if (/^ts[:/]/i.test(ref)) return 'a template spec';
  return undefined;
}

function moduleResources(decl: ModuleDeclaration, t: TemplateFile, c: Collector): Resource[] {
  if (decl.name.kind !== 'identifier' || decl.path.kind !== 'string' || decl.path.expressions.length > 0) return [];
  const symbol = decl.name.name;
  const ref = decl.path.segments[0] ?? '';
  const note = (message: string): Resource[] => {
    c.notes.push({ file: t.file, span: decl.path.span, message });
    return [];
  };
  const registry = registryKind(ref);
  if (registry) return note(`module '${symbol}' is ${registry} ('${ref}'): the scan did not look inside it`);
  const path = normalise(joinPath(dirname(t.file), ref));
  if (t.chain.includes(path)) {
    const chain = [...t.chain, path].map((p) => basename(p)).join(' → ');
    c.errors.push({ file: t.file, span: decl.path.span, message: `module '${symbol}' includes itself: ${chain}` });
    return [];
  }
  if (t.chain.length > MAX_MODULE_DEPTH)
    return note(`module '${symbol}' is nested more than ${MAX_MODULE_DEPTH} deep: the scan did not look inside it`);
  const text = c.host?.readFile(path);
  if (text === undefined)
    return note(`module '${symbol}' ('${ref}') could not be read: the scan did not look inside it`);
  c.dependencies.push(path);

  const scope = t.scope;
  let value: Expression = decl.value;
  let loop = false;
  let condition: Value | undefined;
  const bound: string[] = [];
  if (value.kind === 'for') {
    loop = true;
    for (const v of [value.item, value.index]) {
      if (!v) continue;
      scope.locals.set(v.name, unknown(v.span, `loop variable '${v.name}' takes each value in turn`));
      bound.push(v.name);
    }
    value = value.body;
  }
  try {
    if (value.kind === 'if') {
      condition = scope.evaluator.evaluate(value.condition);
      value = value.body;
    }
    // As for resources: a literal `false` is never deployed; one that depends on a parameter may be.
    if (condition && asBoolean(condition) === false && condition.origin?.kind !== 'parameter') return [];
    const params = value.kind === 'object' ? paramsOf(value, scope, t.file) : undefined;
    const key = `${t.chain.join('\0')}\0${t.file}\0${path}\0${argumentsKey(params)}`;
    const inner = c.expansions.expand(key, () =>
      /\.json$/i.test(path) ? armModule(path, text, params, c) : bicepModule(path, text, params, t, c),
    );
    if (inner === undefined) return c.expansions.noteOnce() ? note(c.expansions.capNote(symbol)) : [];
    return inner.map((r) => qualify(r, symbol, loop, condition !== undefined));
  } finally {
    for (const b of bound) scope.locals.delete(b);
  }
}

/** The call's `params`, evaluated in the caller's scope; `unknown` when the whole object is not known. */
function paramsOf(body: ObjectLiteral, scope: FileScope, callerFile: string): Map<string, SuppliedValue> | Value {
  const prop = body.members.find((m) => m.kind === 'property' && m.name === 'params');
  if (prop?.kind !== 'property') return new Map();
  const v = scope.evaluator.evaluate(prop.value);
  if (v.kind !== 'object') return v.kind === 'unknown' ? v : unknown(v.span, "the module's params are not an object");
  // Literals written in the call get their origin here, so that the ARM side (which knows no module calls) keeps it.
  return new Map(
    v.properties.map((p) => {
      // A null passed on (`x: settings.?x`, AVM's pattern) leaves a parameter with a default to its default at
      // deployment: not the null read here. Which of the two applies is not judged.
      if (p.value.kind === 'null') {
        return [
          p.key,
          {
            value: unknown(p.value.span, `null passed to module parameter '${p.key}', whose default may apply`),
            file: callerFile,
            fromModule: true,
          },
        ];
      }
      const origin = (span: Span): Origin => ({
        kind: 'parameter',
        name: p.key,
        source: 'module',
        span,
        file: callerFile,
      });
      return [
        p.key,
        { value: atUseSite(withFile(p.value, callerFile), p.value.span, origin), file: callerFile, fromModule: true },
      ];
    }),
  );
}

/** Names `file` on origins that do not name one, so that fixes and related locations find the caller's text. */
function withFile(v: Value, file: string): Value {
  const o = v.origin;
  const origin = o && (o.kind === 'parameter' || o.kind === 'variable') && !o.file ? { ...o, file } : o;
  const base = origin === o ? v : { ...v, origin };
  if (v.kind === 'object')
    return { ...base, kind: 'object', properties: v.properties.map((p) => ({ ...p, value: withFile(p.value, file) })) };
  if (v.kind === 'array') return { ...base, kind: 'array', items: v.items.map((i) => withFile(i, file)) };
  return base;
}

function bicepModule(
  path: string,
  text: string,
  params: Map<string, SuppliedValue> | Value | undefined,
  t: TemplateFile,
  c: Collector,
): Resource[] {
  const { program, diagnostics } = parseBicepCached(text);
  if (diagnostics.length > 0)
    c.notes.push({
      file: path,
      message: `module ${basename(path)} has syntax errors; its readable resources were scanned`,
    });
  let supplied = params instanceof Map ? params : new Map<string, SuppliedValue>();
  if (params && !(params instanceof Map)) {
    // `params: someObject()`: every parameter of the module depends on it.
    supplied = new Map();
    for (const s of program.statements)
      if (s.kind === 'param' && s.name.kind === 'identifier')
        supplied.set(s.name.name, { value: params, file: t.file, fromModule: true });
  }
  c.writer.add(path, new BicepWriter(text, path));
  const scope = new FileScope(program, supplied, { originFile: path, file: path, ...(c.host ? { host: c.host } : {}) });
  return templateResources({ file: path, text, program, scope, chain: [...t.chain, path] }, c);
}

/** An ARM JSON template used as a module, walked by the ARM adapter with the call's params bound. */
function armModule(
  path: string,
  text: string,
  params: Map<string, SuppliedValue> | Value | undefined,
  c: Collector,
): Resource[] {
  const parseErrors: ParseError[] = [];
  // jsonc-parser recurses once per level: JSON deeper than ARM's guard is refused before it is parsed.
  const root =
    jsonNestingDepth(text) > MAX_JSON_DEPTH
      ? undefined
      : parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object' || parseErrors.length > 0) {
    c.notes.push({
      file: path,
      message: `module ${basename(path)} is not a readable ARM template: the scan did not look inside it`,
    });
    return [];
  }
  const supplied = new Map<string, SuppliedValue>();
  if (params instanceof Map) for (const [k, v] of params) supplied.set(k.toLowerCase(), v);
  c.writer.add(path, new ArmWriter(text, path));
  const resources: Resource[] = [];
  walkTemplate(root, new TemplateScope(root, supplied), { file: path, resources, errors: c.errors }, '', 0);
  return resources;
}

/** A module's resource as seen from the caller: symbols qualified by the call, its loop and condition added. */
function qualify(r: Resource, module: string, loop: boolean, conditional: boolean): Resource {
  const q = (s: string): string => `${module}.${s}`;
  return {
    ...r,
    symbol: q(r.symbol),
    ...(r.parentSymbol ? { parentSymbol: q(r.parentSymbol) } : {}),
    ...(r.references ? { references: r.references.map(q) } : {}),
    ...(r.scopeSymbol ? { scopeSymbol: q(r.scopeSymbol) } : {}),
    ...(loop ? { loop: true } : {}),
    ...(conditional ? { conditional: true } : {}),
  };
}
