/**
 * Reading which built-in role a role assignment grants: from the role definition id's trailing GUID (a literal,
 * a parameter, or the GUID argument of `subscriptionResourceId(…)` / `resourceId(…)` kept on the unknown value),
 * or from azurerm `role_definition_name`. Shared by the rules that judge privileged assignments.
 */
import { presentAt, type Value } from '../../core/value';
import type { Resource } from '../../model/resource';

/** Built-in roles that control access or everything at their scope, by role definition GUID. */
export const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
export const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
export const RBAC_ADMINISTRATOR = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168';
export const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  [OWNER]: 'Owner',
  [USER_ACCESS_ADMINISTRATOR]: 'User Access Administrator',
  [RBAC_ADMINISTRATOR]: 'Role Based Access Control Administrator',
  [CONTRIBUTOR]: 'Contributor',
};

const lower = (s: string): string => s.toLowerCase();

export function isRoleAssignment(r: Resource): boolean {
  const t = lower(r.type);
  return t === 'microsoft.authorization/roleassignments' || t === 'azurerm_role_assignment';
}

export function valueAt(r: Resource, path: readonly string[]): Value | undefined {
  return presentAt(r.body, path);
}

/** The GUID of one of `roles` that a role definition id names, if any. */
function roleOfId(v: Value | undefined, roles: readonly string[]): string | undefined {
  if (!v) return undefined;
  const candidates = v.kind === 'string' ? [v.value] : v.kind === 'unknown' ? (v.call?.args ?? []) : [];
  for (const c of candidates) {
    const guid = c?.split('/').pop()?.toLowerCase();
    if (guid && roles.includes(guid)) return guid;
  }
  return undefined;
}

/** Which of `roles` (GUIDs) the assignment grants, if one of them. */
export function grantedRole(r: Resource, roles: readonly string[]): string | undefined {
  if (r.dialect !== 'azurerm') return roleOfId(valueAt(r, ['properties', 'roleDefinitionId']), roles);
  const name = valueAt(r, ['role_definition_name']);
  if (name?.kind === 'string') return roles.find((g) => lower(ROLE_NAMES[g] ?? '') === lower(name.value));
  return roleOfId(valueAt(r, ['role_definition_id']), roles);
}

/** An ABAC condition limits what the assignment allows (which roles it may hand out, to whom). */
export function hasCondition(r: Resource): boolean {
  const c = valueAt(r, r.dialect === 'azurerm' ? ['condition'] : ['properties', 'condition']);
  return c !== undefined && !(c.kind === 'string' && c.value.trim() === '');
}
