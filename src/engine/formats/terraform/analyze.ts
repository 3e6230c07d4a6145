/**
 * Terraform end to end: parse the file, read its module (variables, locals, tfvars, provider version), turn
 * its azurerm and azapi blocks into resources, and follow local module calls with their inputs bound.
 */
import type { AnalysisError } from '../../core/finding';
import { basename, dirname, joinPath, normalise } from '../../core/paths';
import type {
  AnalysisNote,
  AnalyzeOptions,
  AnalyzedDocument,
  FileHost,
  OutputInfo,
  ParameterInfo,
} from '../../model/document';
import { argumentsKey, ModuleExpansions, uniqueNotes } from '../module-expansion';
import type { Resource } from '../../model/resource';
import { linkConfiguring } from './configuring';
import { Evaluator, type EvalScope, type VariableBinding } from './evaluate';
import { azurermMajor, readModuleScope } from './module-scope';
import { readResource } from './resources';
import { templateLiteral, type Attribute, type Block, type HclFile } from './syntax';
import { HclWriter } from './writer';
import { resolveNameLinks } from '../../model/links';

/** Module calls followed at most this deep (and never in a cycle). */
const MAX_MODULE_DEPTH = 4;

/** Analyses a `.tf` or `.tf.json` file. A `.tfvars` file yields a document without resources. */
export function analyzeTerraform(text: string, file: string, options: AnalyzeOptions): AnalyzedDocument {
  const errors: AnalysisError[] = [];
  const { scope, files } = readModuleScope(file, text, options.host);
  const syntax = (files[0] as { syntax: HclFile }).syntax;
  // The writer finds blocks in the tree already read (HCL only: a `.tf.json` tree is not the writer's syntax).
  const writer = new HclWriter(text, file, /\.json$/i.test(file) ? undefined : syntax);
  for (const d of syntax.diagnostics.slice(0, 50)) errors.push({ file, message: d.message, span: d.span });
  const evalScope: EvalScope = { file, variables: scope.variables, locals: scope.locals };
  const dependencies = [...scope.dependencies];
  const notes: AnalysisNote[] = [];
  const calls: ModuleCalls = { host: options.host, dependencies, notes, expansions: new ModuleExpansions() };
  const own: Resource[] = [];
  const fromModules: Resource[] = [];
  const isTfvars = /\.tfvars(\.json)?$/i.test(file);
  if (!isTfvars) {
    for (const item of syntax.body.items) {
      if (item.kind !== 'block') continue;
      const resource = readResource(item, { file, text, comments: syntax.comments, scope: evalScope });
      if (resource) own.push(resource);
      if (item.type === 'module' && options.host) {
        fromModules.push(
          ...moduleResources(item, evalScope, file, { ...calls, host: options.host }, [normalise(dirname(file))]),
        );
      }
    }
  }
  // Configuring resources may sit in any file of the module (network.tf beside main.tf).
  // azapi resources link by ARM names and scopes as ARM's do (azurerm ones by references only).
  const resources = resolveNameLinks([...linkConfiguring(own, files), ...fromModules]);
  const parameters: ParameterInfo[] = [];
  for (const decl of scope.declarations.values()) {
    if (decl.file !== file) continue;
    const ev = new Evaluator(evalScope);
    const label = decl.block.labels[0];
    parameters.push({
      name: decl.name,
      span: label?.span ?? decl.block.span,
      value: ev.eval({
        kind: 'getAttr',
        target: { kind: 'variable', name: 'var', span: decl.block.span },
        name: decl.name,
        nameSpan: decl.block.span,
        span: decl.block.span,
      }),
      ...(decl.defaultExpr
        ? { defaultValue: new Evaluator({ file, variables: new Map(), locals: new Map() }).eval(decl.defaultExpr) }
        : {}),
      secure: decl.sensitive,
    });
  }
  const outputs: OutputInfo[] = [];
  for (const item of isTfvars ? [] : syntax.body.items) {
    if (item.kind !== 'block' || item.type !== 'output') continue;
    const label = item.labels[0];
    const value = item.body.items.find((a): a is Attribute => a.kind === 'attribute' && a.name === 'value');
    if (!label || !value) continue;
    const sensitive = item.body.items.find((a): a is Attribute => a.kind === 'attribute' && a.name === 'sensitive');
    outputs.push({
      name: label.value,
      span: label.span,
      value: new Evaluator(evalScope).eval(value.expr),
      sensitive: sensitive?.expr.kind === 'literal' && sensitive.expr.value === true,
    });
  }
  return {
    file,
    format: 'terraform',
    resources,
    parameters,
    outputs,
    errors,
    writer,
    dependencies,
    ...(notes.length > 0 ? { notes: uniqueNotes(notes) } : {}),
    azurerm: azurermMajor(scope.azurermConstraint),
  };
}

/** What following module calls from one scanned file shares: the host, what was read, notes and the bound. */
interface ModuleCalls {
  readonly host: FileHost | undefined;
  readonly dependencies: string[];
  readonly notes: AnalysisNote[];
  readonly expansions: ModuleExpansions;
}

/** The module's own resources (configuring links made) and those of the modules it calls, before qualifying. */
interface ModuleContent {
  readonly own: readonly Resource[];
  readonly nested: readonly Resource[];
}

/**
 * Resources of a local module (`source = "./x"`), with the call's arguments bound to the module's variables
 * (evaluated in the caller's scope). Registry and git sources are not followed; nor is a call back into a folder
 * already being read (a module calling itself with `source = "./"` reported every finding three times).
 */
function moduleResources(
  call: Block,
  callerScope: EvalScope,
  callerFile: string,
  c: ModuleCalls & { readonly host: FileHost },
  visited: readonly string[],
): Resource[] {
  const source = call.body.items.find((a): a is Attribute => a.kind === 'attribute' && a.name === 'source');
  const path = source ? templateLiteral(source.expr) : undefined;
  if (!path || !/^\.\.?\//.test(path) || visited.length > MAX_MODULE_DEPTH) return [];
  const dir = joinPath(dirname(callerFile), path);
  const name = call.labels[0]?.value ?? '?';
  if (visited.includes(dir)) {
    const what =
      dir === visited[visited.length - 1]
        ? 'calls its own folder'
        : `calls a folder that calls it (${[...visited.slice(visited.indexOf(dir)), dir].map(basename).join(' → ')})`;
    c.notes.push({
      file: callerFile,
      span: source?.expr.span ?? call.span,
      message: `module '${name}' ${what}: the scan did not follow it again`,
    });
    return [];
  }
  const inputs = new Map<string, VariableBinding>();
  for (const item of call.body.items) {
    if (
      item.kind === 'attribute' &&
      !['source', 'version', 'count', 'for_each', 'providers', 'depends_on'].includes(item.name)
    ) {
      inputs.set(item.name, {
        name: item.name,
        expr: item.expr,
        file: callerFile,
        source: 'module',
        scope: callerScope,
      });
    }
  }
  // The values passed decide what the module's resources hold: calls passing the same ones share one analysis.
  const values = [...inputs].map(([k, b]) => [k, b.expr ? new Evaluator(callerScope).eval(b.expr) : null]);
  const key = `${visited.join('\0')}\0${callerFile}\0${dir}\0${argumentsKey(values)}`;
  const content = c.expansions.expand(key, () => moduleContent(dir, inputs, c, visited));
  if (content === undefined) {
    if (c.expansions.noteOnce())
      c.notes.push({ file: callerFile, span: call.span, message: c.expansions.capNote(name) });
    return [];
  }
  const repeated = call.body.items.some((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
  // Symbols are qualified by the call so that they stay unique within the scanned file.
  const prefix = `module.${name}.`;
  const out: Resource[] = [];
  for (const r of content.own) {
    out.push({
      ...r,
      symbol: prefix + r.symbol,
      ...(repeated ? { loop: true, conditional: true } : {}),
      ...(r.configuredBy
        ? { configuredBy: Object.fromEntries(Object.entries(r.configuredBy).map(([k, v]) => [k, prefix + v])) }
        : {}),
    });
  }
  for (const r of content.nested)
    out.push({ ...r, symbol: prefix + r.symbol, ...(repeated ? { loop: true, conditional: true } : {}) });
  return out;
}

/** Reads the module in `dir` with `inputs` bound, and follows its own module calls. */
function moduleContent(
  dir: string,
  inputs: Map<string, VariableBinding>,
  c: ModuleCalls & { readonly host: FileHost },
  visited: readonly string[],
): ModuleContent {
  const names = (c.host.listDirectory?.(dir) ?? []).filter((n) => /\.tf$/i.test(n)).sort();
  const first = names[0];
  if (first === undefined) return { own: [], nested: [] };
  const firstPath = joinPath(dir, first);
  const firstText = c.host.readFile(firstPath);
  if (firstText === undefined) return { own: [], nested: [] };
  const { scope, files } = readModuleScope(firstPath, firstText, c.host, inputs);
  c.dependencies.push(firstPath, ...scope.dependencies);
  const own: Resource[] = [];
  const nested: Resource[] = [];
  for (const { path: modFile, syntax } of files) {
    if (!/\.tf$/i.test(modFile)) continue;
    const text = modFile === firstPath ? firstText : (c.host.readFile(modFile) ?? '');
    const modScope: EvalScope = { file: modFile, variables: scope.variables, locals: scope.locals };
    for (const item of syntax.body.items) {
      if (item.kind !== 'block') continue;
      const resource = readResource(item, { file: modFile, text, comments: syntax.comments, scope: modScope });
      if (resource) own.push(resource);
      if (item.type === 'module') nested.push(...moduleResources(item, modScope, modFile, c, [...visited, dir]));
    }
  }
  return { own: linkConfiguring(own, files), nested };
}

/** Whether a path is a Terraform file this format reads. */
export function isTerraformFile(file: string): boolean {
  return /\.(tf|tf\.json|tfvars)$/i.test(basename(file));
}
