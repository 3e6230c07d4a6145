/**
 * Where each resource type sits in a document's resource list, built once per document: over a hundred rules ask
 * "which resources are of these types", and lower-casing every type for every rule was a visible cost.
 */
import type { Resource } from './resource';

const cache = new WeakMap<
  readonly Resource[],
  { readonly size: number; readonly index: ReadonlyMap<string, readonly number[]> }
>();

/** Positions in `resources` by lower-case type, in document order. */
export function positionsByType(resources: readonly Resource[]): ReadonlyMap<string, readonly number[]> {
  const cached = cache.get(resources);
  if (cached && cached.size === resources.length) return cached.index;
  const index = new Map<string, number[]>();
  resources.forEach((r, i) => {
    const key = r.type.toLowerCase();
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  cache.set(resources, { size: resources.length, index });
  return index;
}
