/**
 * Links between resources of one analysed document, for existence checks ("a server without an auditing
 * setting"). The adapters resolve every link into symbols (`model/links.ts`): a companion is linked to its target
 * by parent (ARM child, Bicep `parent:`), by scope (Bicep `scope:`, an ARM `scope` naming the target), by
 * reference (Terraform `x.y.id`, azapi `parent_id`, Bicep symbol use), or by an ARM child name (`server/default`
 * of type `…/servers/auditingSettings`). No rule parses a name.
 */
import { getProperty, type Value } from '../../core/value';
import { nameTellsParent } from '../../model/links';
import type { Resource } from '../../model/resource';
import { positionsByType } from '../../model/type-index';

function lower(s: string): string {
  return s.toLowerCase();
}

/** True when `companion` is declared for `target` by any of the links above. */
export function isLinked(companion: Resource, target: Resource): boolean {
  const s = target.symbol;
  if (companion.parentSymbol === s || companion.scopeSymbol === s) return true;
  return [companion.references, companion.ancestorSymbols, companion.scopeTargets].some(
    (list) => list?.includes(s) === true,
  );
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
  return !nameTellsParent(c) || hasUnknownTarget(c);
}
