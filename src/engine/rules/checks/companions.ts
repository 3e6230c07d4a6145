/**
 * Links between resources of one analysed document, for existence checks ("a server without an auditing
 * setting"): a companion is linked to its target by parent (ARM child, Bicep `parent:`), by scope (Bicep
 * `scope:`, an ARM `scope` naming the target), by reference (Terraform `x.y.id`, azapi `parent_id`, Bicep symbol
 * use), or by an ARM child name (`server/default` of type `…/servers/auditingSettings`).
 */
import { getProperty, type Value } from '../../core/value';
import type { Resource } from '../../model/resource';
import { positionsByType } from '../../model/type-index';
import { trimEndOf } from '../../core/trim';

function lower(s: string): string {
  return s.toLowerCase();
}

/** True when `companion` is declared for `target` by any of the links above. */
export function isLinked(companion: Resource, target: Resource): boolean {
  if (companion.parentSymbol === target.symbol || companion.scopeSymbol === target.symbol) return true;
  if (companion.references?.includes(target.symbol)) return true;
  if (companion.dialect === 'azurerm' || target.dialect === 'azurerm') return false;
  const ct = lower(companion.type);
  const tt = lower(target.type);
  const tn = lower(target.name);
  // ARM children written at the top level, and the legacy `<type>/providers/diagnosticSettings` form.
  if (ct.startsWith(`${tt}/`) && lower(companion.name).startsWith(`${tn}/`)) return true;
  // ARM extension resources: `"scope": "Microsoft.KeyVault/vaults/kv1"` (or a full resource id ending so), and
  // for a child the id interleaves types and names (`Microsoft.Storage/storageAccounts/st/blobServices/default`).
  const scope = getProperty(companion.body, 'scope')?.value;
  if (scope?.kind !== 'string') return false;
  const id = trimEndOf(lower(scope.value), '/');
  const own = relativeId(target);
  return id.endsWith(`${tt}/${tn}`) || (own !== undefined && (id === own || id.endsWith(`/${own}`)));
}

/** `Microsoft.Storage/storageAccounts/st/blobServices/default` for type `…/storageAccounts/blobServices`, name `st/default`. */
function relativeId(r: Resource): string | undefined {
  const [ns, ...types] = lower(r.type).split('/');
  const names = lower(r.name).split('/');
  if (!ns || types.length === 0 || types.length !== names.length) return undefined;
  return [ns, ...types.flatMap((t, i) => [t, names[i] as string])].join('/');
}

/**
 * True when the companion's target cannot be told (an ARM `scope` or Terraform id computed from parameters):
 * existence checks then assume it may be the resource in question and stay silent.
 */
export function hasUnknownTarget(companion: Resource, targetKey?: string): boolean {
  const key = targetKey ?? 'scope';
  const v: Value | undefined = getProperty(companion.body, key)?.value;
  if (v?.kind !== 'unknown') return false;
  return !(companion.references?.length || companion.scopeSymbol || companion.parentSymbol);
}

/** Deployed resources (not `existing`/data) of the given types, compared case-insensitively, in document order. */
export function ofTypes(resources: readonly Resource[], types: readonly string[]): Resource[] {
  const index = positionsByType(resources);
  const at: number[] = [];
  for (const t of new Set(types.map(lower))) for (const i of index.get(t) ?? []) at.push(i);
  if (at.length === 0) return [];
  at.sort((a, b) => a - b);
  return at.map((i) => resources[i] as Resource).filter((r) => !r.existing);
}

/**
 * True when the companion hangs off an `existing` resource whose name is not known (a module's `existing` server
 * named by a parameter without a value): that resource may be any of the document's, so existence checks stay
 * quiet rather than call the document's resources unconfigured.
 */
export function hangsOffUnknownExisting(companion: Resource, resources: readonly Resource[]): boolean {
  const symbols = [companion.parentSymbol, companion.scopeSymbol].filter((x): x is string => x !== undefined);
  return symbols.some((symbol) => {
    const parent = resources.find((r) => r.symbol === symbol);
    return parent?.existing === true && getProperty(parent.body, 'name')?.value.kind !== 'string';
  });
}

/**
 * True when a companion's target (a SQL server, a Front Door profile, …) cannot be told: it links by no symbol or
 * reference, and its name (ARM `server/default`) or target id names none (azapi `parent_id` from a variable,
 * azurerm `server_id` from a variable, a Bicep or azapi child named only `default`), or it hangs off an `existing`
 * resource of unknown name. Such a companion may be any target's, so existence checks stay quiet.
 */
export function targetUnknown(c: Resource, idKey: string, resources: readonly Resource[] = []): boolean {
  if (hangsOffUnknownExisting(c, resources)) return true;
  if (c.parentSymbol || c.scopeSymbol || c.references?.length) return false;
  if (c.dialect === 'azurerm') return getProperty(c.body, idKey)?.value.kind !== 'string';
  return !c.name.includes('/') || c.name.startsWith('[') || hasUnknownTarget(c);
}
