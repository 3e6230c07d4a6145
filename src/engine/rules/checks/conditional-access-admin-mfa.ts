/**
 * IAM-CA-ADMIN-MFA: a Conditional Access policy (Terraform azuread_conditional_access_policy, or msgraph_resource on
 * identity/conditionalAccess/policies with a Graph-shaped body) that requires MFA
 * (built_in_controls "mfa", or an authentication strength) but lists administrator directory roles in
 * `excluded_roles`: whoever holds those roles signs in without the second factor the policy asks of everyone
 * else. Break-glass accounts are excluded by user or group, never by role, so an excluded admin role is not
 * the recommended exception. Role ids that are variables or references are not guessed.
 *
 * The Microsoft Graph Bicep extension has no Conditional Access type, so Bicep cannot express the policy.
 */
import { getProperty, lookupAll, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure';

/** The administrator roles Microsoft's "require MFA for administrators" policy covers, by role template id. */
export const ADMIN_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'Billing Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '966707d0-3269-4727-9be2-8c3a10f19b9d': 'Password Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
};

function items(v: Value): readonly Value[] {
  return v.kind === 'array' ? v.items : [v];
}

/** Does the policy's grant require a second factor? */
function requiresMfa(grants: readonly Value[], controls: string, strength: string): boolean {
  for (const g of grants) {
    if (g.kind !== 'object') continue;
    for (const c of lookupAll(g, [controls]).flatMap(items)) {
      if (c.kind === 'string' && c.value.toLowerCase() === 'mfa') return true;
    }
    if (lookupAll(g, [strength]).some((v) => v.kind !== 'null')) return true;
  }
  return false;
}

/** Where a policy keeps its parts: azuread attribute names, or the Graph body of msgraph_resource. */
interface PolicyShape {
  readonly root: Value;
  readonly excluded: readonly string[];
  readonly grants: string;
  readonly controls: string;
  readonly strength: string;
  readonly displayName: string;
}

function shapeOf(r: Resource): PolicyShape | undefined {
  if (r.type === 'azuread_conditional_access_policy') {
    return {
      root: r.body,
      excluded: ['conditions', 'users', 'excluded_roles'],
      grants: 'grant_controls',
      controls: 'built_in_controls',
      strength: 'authentication_strength_policy_id',
      displayName: 'display_name',
    };
  }
  if (r.type !== 'msgraph_resource') return undefined;
  // msgraph_resource "identity/conditionalAccess/policies" with a Graph conditionalAccessPolicy body.
  const url = getProperty(r.body, 'url')?.value;
  const body = getProperty(r.body, 'body')?.value;
  if (
    url?.kind !== 'string' ||
    !/^\/?identity\/conditionalAccess\/policies\/?$/i.test(url.value) ||
    body?.kind !== 'object'
  )
    return undefined;
  return {
    root: body,
    excluded: ['conditions', 'users', 'excludeRoles'],
    grants: 'grantControls',
    controls: 'builtInControls',
    strength: 'authenticationStrength',
    displayName: 'displayName',
  };
}

export function conditionalAccessAdminMfa(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    const shape = r.existing ? undefined : shapeOf(r);
    if (!shape) continue;
    if (!requiresMfa(lookupAll(shape.root, [shape.grants]).flatMap(items), shape.controls, shape.strength)) continue;
    // lookupAll flattens the list: every excluded role id of every users block.
    const excluded = lookupAll(shape.root, shape.excluded);
    const admins = excluded.filter((v) => v.kind === 'string' && ADMIN_ROLES[v.value.toLowerCase()] !== undefined);
    const first = admins[0];
    if (!first) continue;
    const roles = admins.map((v) => ADMIN_ROLES[(v as { value: string }).value.toLowerCase()]).join(', ');
    const displayName = lookupAll(shape.root, [shape.displayName])[0];
    const policy = displayName?.kind === 'string' ? displayName.value : r.name;
    out.push({ resource: r, messageId: 'insecure', data: { roles, policy }, at: first });
  }
  return out;
}

/** IAM-CA-ADMIN-MFA: the prose is in `catalog/iam-ca-admin-mfa.yaml`. */
export const iamCaAdminMfaRule = createRule({
  id: 'IAM-CA-ADMIN-MFA',
  dialects: ['azurerm'],
  resourceTypes: ['azuread_conditional_access_policy', 'msgraph_resource'],
  messages: {
    insecure:
      "Conditional Access policy '{policy}' requires MFA but exempts {roles}: the accounts that can change the whole tenant sign in without it.",
  },
  check: conditionalAccessAdminMfa,
});
