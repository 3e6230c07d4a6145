/**
 * A Terraform module is a directory: variables, locals and `required_providers` may sit in any of its `.tf`
 * files, and values come from `terraform.tfvars` and `*.auto.tfvars` beside them. This reads them through the
 * FileHost (never the file system) and binds each variable to its value: tfvars (later files win, as in
 * Terraform), else the default.
 */
import { basename, dirname, joinPath } from '../../core/paths';
import type { FileHost } from '../../model/document';
import type { LocalBinding, VariableBinding } from './evaluate';
import { parseTerraformCached } from './parse-cache';
import { templateLiteral, type Attribute, type Block, type Expr, type HclFile } from './syntax';

/** The newest azurerm major this engine knows; assumed when no constraint says otherwise. */
export const NEWEST_AZURERM_MAJOR = 5;

export interface VariableDecl {
  readonly name: string;
  readonly file: string;
  readonly block: Block;
  readonly defaultExpr?: Expr;
  readonly sensitive: boolean;
}

export interface ModuleScope {
  readonly variables: Map<string, VariableBinding>;
  readonly declarations: Map<string, VariableDecl>;
  readonly locals: Map<string, LocalBinding>;
  /** The azurerm version constraint as written, if any. */
  readonly azurermConstraint?: string;
  /** Files read besides the scanned one. */
  readonly dependencies: string[];
}

/** Parses a file of either syntax (trees shared by (path, text): a module's files are read once per scan). */
export const parseTerraform = parseTerraformCached;

function attribute(block: Block, name: string): Attribute | undefined {
  return block.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
}

/** The configuration files of the module holding `file`, the scanned one first; `.tf` and `.tf.json`. */
function moduleFiles(file: string, text: string, host: FileHost | undefined): Array<{ path: string; syntax: HclFile }> {
  const out = [{ path: file, syntax: parseTerraform(text, file) }];
  const dir = dirname(file);
  const names = host?.listDirectory?.(dir) ?? [];
  for (const name of [...names].sort()) {
    if (!/\.tf(\.json)?$/i.test(name) || name === basename(file)) continue;
    const path = joinPath(dir, name);
    const content = host?.readFile(path);
    if (content !== undefined) out.push({ path, syntax: parseTerraform(content, path) });
  }
  return out;
}

/**
 * `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order,
 * as Terraform loads them (a later file wins).
 */
function tfvarsFiles(dir: string, host: FileHost | undefined): string[] {
  const names = host?.listDirectory?.(dir) ?? [];
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/i.test(n)).sort();
  const main = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  return [...main, ...auto].map((n) => joinPath(dir, n));
}

/**
 * Reads the module around `file`. `inputs` (for a module call) replace tfvars: a called module sees only
 * what its caller passes, and its defaults.
 */
export function readModuleScope(
  file: string,
  text: string,
  host: FileHost | undefined,
  inputs?: Map<string, VariableBinding>,
): { scope: ModuleScope; files: Array<{ path: string; syntax: HclFile }> } {
  const files = moduleFiles(file, text, host);
  const declarations = new Map<string, VariableDecl>();
  const locals = new Map<string, LocalBinding>();
  const dependencies: string[] = files.slice(1).map((f) => f.path);
  let azurermConstraint: string | undefined;
  for (const { path, syntax } of files) {
    for (const item of syntax.body.items) {
      if (item.kind !== 'block') continue;
      // Names are unique in a valid module; when they are not (a folder of alternative files), the scanned
      // file, read first, wins.
      if (item.type === 'variable' && item.labels[0]) {
        const name = item.labels[0].value;
        if (declarations.has(name)) continue;
        const def = attribute(item, 'default');
        const sensitive = attribute(item, 'sensitive');
        declarations.set(name, {
          name,
          file: path,
          block: item,
          ...(def ? { defaultExpr: def.expr } : {}),
          sensitive: sensitive?.expr.kind === 'literal' && sensitive.expr.value === true,
        });
      } else if (item.type === 'locals') {
        for (const a of item.body.items)
          if (a.kind === 'attribute' && !locals.has(a.name))
            locals.set(a.name, { name: a.name, expr: a.expr, file: path });
      } else if (item.type === 'terraform') {
        azurermConstraint = readAzurermConstraint(item) ?? azurermConstraint;
      }
    }
  }
  const variables = new Map<string, VariableBinding>();
  for (const d of declarations.values()) {
    if (d.defaultExpr) variables.set(d.name, { name: d.name, expr: d.defaultExpr, file: d.file, source: 'default' });
    else variables.set(d.name, { name: d.name, file: d.file, source: 'default' });
  }
  if (inputs) {
    for (const [name, binding] of inputs) if (declarations.has(name)) variables.set(name, binding);
  } else {
    for (const path of tfvarsFiles(dirname(file), host)) {
      const content = host?.readFile(path);
      if (content === undefined) continue;
      dependencies.push(path);
      for (const item of parseTerraform(content, path).body.items) {
        if (item.kind === 'attribute')
          variables.set(item.name, { name: item.name, expr: item.expr, file: path, source: 'parameterFile' });
      }
    }
  }
  return {
    scope: { variables, declarations, locals, ...(azurermConstraint ? { azurermConstraint } : {}), dependencies },
    files,
  };
}

/** `required_providers { azurerm = { version = "~> 4.0" } }` (or the legacy `azurerm = "~> 2.0"`). */
function readAzurermConstraint(terraform: Block): string | undefined {
  for (const item of terraform.body.items) {
    if (item.kind !== 'block' || item.type !== 'required_providers') {
      // `.tf.json` writes the nested block as an attribute holding an object.
      if (item.kind === 'attribute' && item.name === 'required_providers' && item.expr.kind === 'object') {
        const found = constraintIn(item.expr);
        if (found) return found;
      }
      continue;
    }
    const provider = attribute(item, 'azurerm');
    if (!provider) continue;
    const legacy = templateLiteral(provider.expr);
    if (legacy !== undefined) return legacy;
    if (provider.expr.kind === 'object') {
      const version = provider.expr.items.find((i) => i.key.kind === 'variable' && i.key.name === 'version');
      const text = version ? templateLiteral(version.value) : undefined;
      if (text) return text;
    }
  }
  return undefined;
}

function constraintIn(obj: Extract<Expr, { kind: 'object' }>): string | undefined {
  for (const item of obj.items) {
    if (templateLiteral(item.key) !== 'azurerm') continue;
    if (item.value.kind !== 'object') return templateLiteral(item.value);
    const version = item.value.items.find((i) => templateLiteral(i.key) === 'version');
    return version ? templateLiteral(version.value) : undefined;
  }
  return undefined;
}

/**
 * The highest azurerm major a constraint allows (Terraform installs the newest matching release):
 * `~> 3.0` and `~> 3.1.0` → 3, `>= 3.0, < 4.0` → 3, `= 3.117.1` → 3, `>= 3.0` → the newest known major.
 */
export function azurermMajor(constraint: string | undefined): { major: number; assumed: boolean } {
  if (!constraint) return { major: NEWEST_AZURERM_MAJOR, assumed: true };
  let cap = NEWEST_AZURERM_MAJOR;
  let found = false;
  for (const part of constraint.split(',')) {
    // Trimmed first: a leading `\s*` before the optional operator and another after it split a long run of
    // blanks every possible way (200,000 tabs: over two minutes).
    const m = /^(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(part.trim());
    if (!m) continue;
    found = true;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    const rest = Number(m[3] ?? 0) + Number(m[4] ?? 0);
    if (op === '~>' || op === '=' || op === '<=') cap = Math.min(cap, major);
    else if (op === '<') cap = Math.min(cap, rest === 0 ? major - 1 : major);
  }
  return found ? { major: Math.max(cap, 0), assumed: false } : { major: NEWEST_AZURERM_MAJOR, assumed: true };
}
