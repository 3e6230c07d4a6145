/**
 * IAM-PRIV-NEW-ID: Owner or User Access Administrator given, without an ABAC `condition`, to an identity the same
 * template creates (a user-assigned identity, or a resource's system-assigned identity). Such an identity acts
 * for whatever code runs as it, so the role lets that workload grant anyone any access at the scope. A condition
 * (which roles it may assign, to whom) is what makes delegating role assignment acceptable.
 *
 * The role is read from a literal or parameter id, from the GUID argument of `subscriptionResourceId(…)` /
 * `resourceId(…)` (kept on the unknown value), or from azurerm `role_definition_name`. A principal id that is a
 * literal or a parameter is someone else's (another rule's business); one computed from a resource of this
 * template that has an identity is "created here".
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';

const lower = (s: string): string => s.toLowerCase();

/** Built-in role definition GUIDs that can grant access to others. */
const PRIVILEGED: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};
const PRIVILEGED_NAMES = new Set(Object.values(PRIVILEGED).map(lower));

function valueAt(r: Resource, path: readonly string[]): Value | undefined {
  const found = lookup(r.body, path);
  return found.state === 'present' && found.value.kind !== 'null' ? found.value : undefined;
}

/** The privileged role a role id names, if any: the id's last segment, or the GUID argument of the call that builds it. */
function roleOfId(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const candidates = v.kind === 'string' ? [v.value] : v.kind === 'unknown' ? (v.call?.args ?? []) : [];
  for (const c of candidates) {
    const guid = c?.split('/').pop()?.toLowerCase();
    const role = guid ? PRIVILEGED[guid] : undefined;
    if (role) return role;
  }
  return undefined;
}

function roleOf(r: Resource): string | undefined {
  if (r.dialect !== 'azurerm') return roleOfId(valueAt(r, ['properties', 'roleDefinitionId']));
  const name = valueAt(r, ['role_definition_name']);
  if (name?.kind === 'string' && PRIVILEGED_NAMES.has(lower(name.value))) return Object.values(PRIVILEGED).find((n) => lower(n) === lower(name.value));
  return roleOfId(valueAt(r, ['role_definition_id']));
}

function hasCondition(r: Resource): boolean {
  const c = valueAt(r, r.dialect === 'azurerm' ? ['condition'] : ['properties', 'condition']);
  return c !== undefined && !(c.kind === 'string' && c.value.trim() === '');
}

/** A resource that is an identity or carries one: the principals a template creates. */
function hasIdentity(r: Resource): boolean {
  if (r.existing) return false;
  const t = lower(r.type);
  if (t === 'microsoft.managedidentity/userassignedidentities' || t === 'azurerm_user_assigned_identity') return true;
  const id = valueAt(r, ['identity']);
  return id !== undefined && (id.kind === 'object' || (id.kind === 'array' && id.items.length > 0));
}

/** The identity-bearing resource of this template the principal id is computed from, if any. */
function createdPrincipal(r: Resource, doc: AnalyzedDocument): Resource | undefined {
  const p = valueAt(r, r.dialect === 'azurerm' ? ['principal_id'] : ['properties', 'principalId']);
  if (p?.kind !== 'unknown' || (p.dependsOn?.length ?? 0) > 0) return undefined;
  const holders = doc.resources.filter(hasIdentity);
  const byRef = holders.find((h) => r.references?.includes(h.symbol));
  if (byRef) return byRef;
  // ARM: `reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-app')).principalId`.
  if (p.call && lower(p.call.name) === 'reference' && r.dialect === 'arm') return holders[0];
  return undefined;
}

export function privilegedNewPrincipal(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const r of doc.resources) {
    const t = lower(r.type);
    if (r.existing || (t !== 'microsoft.authorization/roleassignments' && t !== 'azurerm_role_assignment')) continue;
    const role = roleOf(r);
    if (!role || hasCondition(r)) continue;
    const principal = createdPrincipal(r, doc);
    if (!principal) continue;
    out.push({ resource: r, messageId: 'insecure', data: { role, principal: principal.name } });
  }
  return out;
}
