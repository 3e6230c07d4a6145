/**
 * Which resources a Bicep resource refers to: the resource and module symbols its body names (`kv.id`,
 * `sa::blob`, `m.outputs.x`), directly or through variables, and the target of `scope:` on extension
 * resources (diagnostic settings, role assignments, locks), for cross-resource checks.
 */
import type { Expression, Node, ObjectLiteral } from './syntax';
import { walk } from './walk';

/** What the collector needs to know of the file's names. */
export interface SymbolTable {
  /** Resource and module symbols declared at the top of the file. */
  readonly symbols: ReadonlySet<string>;
  /** The expression of variable `name`, when declared. */
  variableExpression(name: string): Expression | undefined;
}

/** `a`, `a::b`, `a[0]`, `a[0]::b` as a symbol (`a`, `a::b`), when its root names a resource or module. */
export function symbolOf(e: Expression, table: SymbolTable): string | undefined {
  const parts: string[] = [];
  while (e.kind === 'index' || e.kind === 'resourceAccess' || e.kind === 'nonNull' || e.kind === 'paren') {
    if (e.kind === 'resourceAccess') {
      if (e.name.kind !== 'identifier') return undefined;
      parts.unshift(e.name.name);
      e = e.object;
    } else e = e.kind === 'index' ? e.object : e.expression;
  }
  return e.kind === 'identifier' && table.symbols.has(e.name) ? [e.name, ...parts].join('::') : undefined;
}

/** Symbols referred to by `nodes` (a resource body, its loop source, its condition), in first-use order. */
export function referencesOf(nodes: readonly Node[], table: SymbolTable, self: string): string[] {
  const found = new Set<string>();
  const seenVars = new Set<string>();
  const visit = (root: Node): void => {
    walk(root, (n, parents) => {
      // Nested resources are resources of their own, with their own references.
      if (n.kind === 'resource' && n !== root) return false;
      if (n.kind === 'resourceAccess' || n.kind === 'index') {
        const s = symbolOf(n, table);
        if (s) {
          found.add(s);
          return n.kind === 'index' ? undefined : false;
        }
      }
      if (n.kind !== 'identifier' || !isReference(n, parents[parents.length - 1])) return undefined;
      if (table.symbols.has(n.name)) found.add(n.name);
      else if (!seenVars.has(n.name)) {
        const v = table.variableExpression(n.name);
        seenVars.add(n.name);
        if (v) visit(v);
      }
      return undefined;
    });
  };
  for (const n of nodes) visit(n);
  found.delete(self);
  return [...found];
}

/** Identifiers that name something (not a property key, a member name, a called function, a bound variable). */
function isReference(n: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.kind) {
    case 'property':
      return parent.key !== n;
    case 'member':
      return parent.name !== n;
    case 'call':
      return parent.name !== n;
    case 'for':
      return parent.item !== n && parent.index !== n;
    case 'lambdaParameter':
      return false;
    default:
      return true;
  }
}

/** The symbol named by `scope:` in a resource body, when it names a resource of the file. */
export function scopeSymbolOf(body: ObjectLiteral, table: SymbolTable): string | undefined {
  const p = body.members.find((m) => m.kind === 'property' && m.name === 'scope');
  return p?.kind === 'property' ? symbolOf(p.value, table) : undefined;
}
