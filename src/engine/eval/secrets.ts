/**
 * How a value read from a credential is described (`UnknownValue.secret`): the function or attribute that read
 * it and, when the template says, the resource it was read from. Never the credential itself.
 */
import type { Value } from '../core/value';

/**
 * `listKeys() of Microsoft.Storage/storageAccounts 'st'` for an ARM or Bicep list function called with a
 * resource id (`resourceId(…)`, a literal id) or a name; just `listKeys()` when its target cannot be told.
 */
export function describeListCall(fn: string, target: Value | undefined): string {
  const of = target ? listTarget(target) : undefined;
  return of ? `${fn}() of ${of}` : `${fn}()`;
}

function listTarget(v: Value): string | undefined {
  if (v.kind === 'string') {
    const m = /\/providers\/([^/]+\/[^/]+)\/([^/]+)/i.exec(v.value);
    if (m) return `${m[1]} '${m[2]}'`;
    return v.value.includes('/') || v.value.trim() === '' ? undefined : `'${v.value}'`;
  }
  if (v.kind !== 'unknown' || !v.call || !/resourceid$/i.test(v.call.name)) return undefined;
  // resourceId([subscriptionId], [resourceGroupName], type, name1, name2…): the type is the argument with a slash.
  const args = v.call.args;
  const at = args.findIndex((a) => a?.includes('/'));
  if (at < 0) return undefined;
  const names = args.slice(at + 1);
  const name = names.length > 0 && names.every((n) => n !== undefined) ? names.join('/') : undefined;
  return name ? `${args[at]} '${name}'` : args[at];
}
