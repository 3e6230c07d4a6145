/**
 * Terraform end to end: parse the file, read its module (variables, locals, tfvars, provider version), turn
 * its azurerm and azapi blocks into resources, and follow local module calls with their inputs bound.
 */
import type { AnalysisError } from '../../core/finding';
import { basename, dirname, joinPath } from '../../core/paths';
import type { AnalyzeOptions, AnalyzedDocument, FileHost, OutputInfo, ParameterInfo } from '../../model/document';
import type { Resource } from '../../model/resource';
import { linkConfiguring } from './configuring';
import { Evaluator, type EvalScope, type VariableBinding } from './evaluate';
import { azurermMajor, readModuleScope } from './module-scope';
import { readResource } from './resources';
import { templateLiteral, type Attribute, type Block, type HclFile } from './syntax';
import { HclWriter } from './writer';

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
  const own: Resource[] = [];
  const fromModules: Resource[] = [];
  const isTfvars = /\.tfvars(\.json)?$/i.test(file);
  if (!isTfvars) {
    for (const item of syntax.body.items) {
      if (item.kind !== 'block') continue;
      const resource = readResource(item, { file, text, comments: syntax.comments, scope: evalScope });
      if (resource) own.push(resource);
      if (item.type === 'module' && options.host) {
        fromModules.push(...moduleResources(item, evalScope, file, options.host, dependencies, [dirname(file)]));
      }
    }
  }
  // Configuring resources may sit in any file of the module (network.tf beside main.tf).
  const resources = [...linkConfiguring(own, files), ...fromModules];
  const parameters: ParameterInfo[] = [];
  for (const decl of scope.declarations.values()) {
    if (decl.file !== file) continue;
    const ev = new Evaluator(evalScope);
    const label = decl.block.labels[0];
    parameters.push({
      name: decl.name,
      span: label?.span ?? decl.block.span,
      value: ev.eval({ kind: 'getAttr', target: { kind: 'variable', name: 'var', span: decl.block.span }, name: decl.name, nameSpan: decl.block.span, span: decl.block.span }),
      ...(decl.defaultExpr ? { defaultValue: new Evaluator({ file, variables: new Map(), locals: new Map() }).eval(decl.defaultExpr) } : {}),
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
      name: label.value, span: label.span, value: new Evaluator(evalScope).eval(value.expr),
      sensitive: sensitive?.expr.kind === 'literal' && sensitive.expr.value === true,
    });
  }
  return {
    file, format: 'terraform', resources, parameters, outputs, errors, writer, dependencies,
    azurerm: azurermMajor(scope.azurermConstraint),
  };
}

/**
 * Resources of a local module (`source = "./x"`), with the call's arguments bound to the module's variables
 * (evaluated in the caller's scope). Registry and git sources are not followed.
 */
function moduleResources(call: Block, callerScope: EvalScope, callerFile: string, host: FileHost, dependencies: string[], visited: string[]): Resource[] {
  const source = call.body.items.find((a): a is Attribute => a.kind === 'attribute' && a.name === 'source');
  const path = source ? templateLiteral(source.expr) : undefined;
  if (!path || !/^\.\.?\//.test(path) || visited.length > MAX_MODULE_DEPTH) return [];
  const dir = joinPath(dirname(callerFile), path);
  if (visited.includes(dir)) return [];
  const names = (host.listDirectory?.(dir) ?? []).filter((n) => /\.tf$/i.test(n)).sort();
  const inputs = new Map<string, VariableBinding>();
  for (const item of call.body.items) {
    if (item.kind === 'attribute' && !['source', 'version', 'count', 'for_each', 'providers', 'depends_on'].includes(item.name)) {
      inputs.set(item.name, { name: item.name, expr: item.expr, file: callerFile, source: 'module', scope: callerScope });
    }
  }
  const out: Resource[] = [];
  const first = names[0];
  if (first === undefined) return out;
  const firstPath = joinPath(dir, first);
  const firstText = host.readFile(firstPath);
  if (firstText === undefined) return out;
  const { scope, files } = readModuleScope(firstPath, firstText, host, inputs);
  dependencies.push(firstPath, ...scope.dependencies);
  const own: Resource[] = [];
  const nested: Resource[] = [];
  for (const { path: modFile, syntax } of files) {
    if (!/\.tf$/i.test(modFile)) continue;
    const text = modFile === firstPath ? firstText : (host.readFile(modFile) ?? '');
    const modScope: EvalScope = { file: modFile, variables: scope.variables, locals: scope.locals };
    for (const item of syntax.body.items) {
      if (item.kind !== 'block') continue;
      const resource = readResource(item, { file: modFile, text, comments: syntax.comments, scope: modScope });
      if (resource) own.push(resource);
      if (item.type === 'module') nested.push(...moduleResources(item, modScope, modFile, host, dependencies, [...visited, dir]));
    }
  }
  const repeated = call.body.items.some((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
  // Symbols are qualified by the call so that they stay unique within the scanned file.
  const prefix = `module.${call.labels[0]?.value ?? '?'}.`;
  for (const r of linkConfiguring(own, files)) {
    out.push({
      ...r, symbol: prefix + r.symbol, ...(repeated ? { loop: true, conditional: true } : {}),
      ...(r.configuredBy ? { configuredBy: Object.fromEntries(Object.entries(r.configuredBy).map(([k, v]) => [k, prefix + v])) } : {}),
    });
  }
  for (const r of nested) out.push({ ...r, symbol: prefix + r.symbol, ...(repeated ? { loop: true, conditional: true } : {}) });
  return out;
}

/** Whether a path is a Terraform file this format reads. */
export function isTerraformFile(file: string): boolean {
  return /\.(tf|tf\.json|tfvars)$/i.test(basename(file));
}
