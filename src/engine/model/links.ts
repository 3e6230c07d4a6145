/**
 * Links that ARM-shaped dialects (ARM, Bicep, azapi) spell in names and ids rather than in symbols, resolved once
 * by the adapters into the shared model so that rules compare symbols and never parse a name:
 *
 * - by name: `srv/db/default` of type `Microsoft.Sql/servers/databases/auditingSettings` sits under the database
 *   `srv/db` and the server `srv` (an ARM child written at the top level, or a Bicep child whose name the adapter
 *   composed with its `parent:`'s); the legacy `<type>/providers/<extension type>` form (`srv/Microsoft.Insights/x`)
 *   likewise sits under `srv` → `Resource.ancestorSymbols`;
 * - by scope: an ARM `"scope": "Microsoft.KeyVault/vaults/kv1"` (or a full resource id ending so, or the
 *   interleaved id of a child, `Microsoft.Storage/storageAccounts/st/blobServices/default`) → `Resource.scopeTargets`.
 *
 * Symbol links (`parent:`, `scope:`, references) are the adapters' own: `parentSymbol`, `scopeSymbol`, `references`.
 * azurerm resources link by references only.
 */
import { trimEndOf } from '../core/trim';
import { getProperty } from '../core/value';
import type { Resource } from './resource';

function lower(s: string): string {
  return s.toLowerCase();
}

/** Every prefix of `s` that ends just before a `/`. */
function prefixes(s: string): string[] {
  const out: string[] = [];
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) out.push(s.slice(0, i));
  return out;
}

/** `microsoft.storage/storageaccounts/st/blobservices/default` for type `…/storageAccounts/blobServices`, name `st/default`. */
function relativeId(type: string, name: string): string | undefined {
  const [ns, ...types] = type.split('/');
  const names = name.split('/');
  if (!ns || types.length === 0 || types.length !== names.length) return undefined;
  return [ns, ...types.flatMap((t, i) => [t, names[i] as string])].join('/');
}

interface Keyed {
  readonly resource: Resource;
  readonly type: string;
  readonly name: string;
  readonly relativeId?: string;
}

/** Does an ARM `scope` (lower case, no trailing `/`) name `t`? */
function scopeNames(id: string, t: Keyed): boolean {
  return (
    id.endsWith(`${t.type}/${t.name}`) ||
    (t.relativeId !== undefined && (id === t.relativeId || id.endsWith(`/${t.relativeId}`)))
  );
}

function unique(symbols: readonly string[]): string[] {
  return [...new Set(symbols)];
}

/**
 * The resources with their name and scope links filled in (see the module comment). Recomputed from scratch, so a
 * module's resources merged into a caller are linked against the caller's document as a whole.
 */
export function resolveNameLinks(resources: readonly Resource[]): Resource[] {
  const keyed: Keyed[] = [];
  const byTypeAndName = new Map<string, Resource[]>();
  for (const r of resources) {
    if (r.dialect === 'azurerm') continue;
    const k: Keyed = { resource: r, type: lower(r.type), name: lower(r.name) };
    const id = relativeId(k.type, k.name);
    keyed.push(id === undefined ? k : { ...k, relativeId: id });
    const key = `${k.type}\0${k.name}`;
    const list = byTypeAndName.get(key);
    if (list) list.push(r);
    else byTypeAndName.set(key, [r]);
  }
  const links = new Map<Resource, { ancestors: string[]; scope: string[] }>();
  for (const c of keyed) {
    const ancestors: string[] = [];
    if (c.name.includes('/')) {
      const names = prefixes(c.name);
      for (const type of prefixes(c.type)) {
        for (const name of names) for (const t of byTypeAndName.get(`${type}\0${name}`) ?? []) ancestors.push(t.symbol);
      }
    }
    const scope: string[] = [];
    const v = getProperty(c.resource.body, 'scope')?.value;
    if (v?.kind === 'string') {
      const id = trimEndOf(lower(v.value), '/');
      for (const t of keyed) if (t !== c && scopeNames(id, t)) scope.push(t.resource.symbol);
    }
    if (ancestors.length > 0 || scope.length > 0)
      links.set(c.resource, { ancestors: unique(ancestors), scope: unique(scope) });
  }
  return resources.map((r) => {
    const l = links.get(r);
    if (!l && !r.ancestorSymbols && !r.scopeTargets) return r;
    const { ancestorSymbols: _a, scopeTargets: _s, ...rest } = r;
    return {
      ...rest,
      ...(l && l.ancestors.length > 0 ? { ancestorSymbols: l.ancestors } : {}),
      ...(l && l.scope.length > 0 ? { scopeTargets: l.scope } : {}),
    };
  });
}

/**
 * True when an ARM-shaped child's name says whose child it is (`server/default`), even if that parent is not in the
 * document; false for a bare child name (`default`) or an unevaluated name expression (`[concat(…)]`).
 */
export function nameTellsParent(r: Resource): boolean {
  return r.name.includes('/') && !r.name.startsWith('[');
}

/** A child's own name: the last segment of an ARM-shaped name (`default` of `vault/default`). */
export function leafName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
