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
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import {
  grantedRole,
  hasCondition,
  isRoleAssignment,
  OWNER,
  ROLE_NAMES,
  USER_ACCESS_ADMINISTRATOR,
  valueAt,
} from './role-definitions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure';

const lower = (s: string): string => s.toLowerCase();

/** The roles that can grant access to others. */
const PRIVILEGED = [OWNER, USER_ACCESS_ADMINISTRATOR];

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

export function privilegedNewPrincipal(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing || !isRoleAssignment(r)) continue;
    const guid = grantedRole(r, PRIVILEGED);
    if (!guid || hasCondition(r)) continue;
    const role = ROLE_NAMES[guid] ?? guid;
    const principal = createdPrincipal(r, doc);
    if (!principal) continue;
    out.push({ resource: r, messageId: 'insecure', data: { role, principal: principal.name } });
  }
  return out;
}

/** IAM-PRIV-NEW-ID: the prose is in `catalog/iam-priv-new-id.yaml`. */
export const iamPrivNewIdRule = createRule({
  id: 'IAM-PRIV-NEW-ID',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Authorization/roleAssignments', 'azurerm_role_assignment'],
  messages: {
    insecure:
      "Role assignment '{resource}' gives {role} to '{principal}', an identity this template creates, without a condition: code running as it can grant anyone access.",
  },
  check: privilegedNewPrincipal,
});
