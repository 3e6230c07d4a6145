/**
 * IAM-OWNER-SUB: Owner, Contributor, User Access Administrator or Role Based Access Control Administrator assigned
 * at subscription or management-group scope. The scope is the assignment's own `scope` (ARM, Bicep `scope:`,
 * azurerm `scope`, azapi `parent_id`), else the template's deployment scope (Bicep `targetScope`, the ARM
 * `$schema`) for an assignment that names none. A scope that cannot be told (a parameter) is not judged.
 */
import type { Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import {
  CONTRIBUTOR,
  grantedRole,
  hasCondition,
  isRoleAssignment,
  OWNER,
  RBAC_ADMINISTRATOR,
  ROLE_NAMES,
  USER_ACCESS_ADMINISTRATOR,
  valueAt,
} from './role-definitions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure';

type BroadScope = 'subscription' | 'management group';

const BROAD_ROLES = [OWNER, CONTRIBUTOR, USER_ACCESS_ADMINISTRATOR, RBAC_ADMINISTRATOR];
/** Roles whose power is handing out access: an ABAC condition narrows what they may hand out, and to whom. */
const DELEGATING = new Set([USER_ACCESS_ADMINISTRATOR, RBAC_ADMINISTRATOR]);

const SUBSCRIPTION_ID = /^\/subscriptions\/[^/]+\/?$/i;
const MANAGEMENT_GROUP_ID = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/** What a scope value names, when it is a subscription or a management group. */
function broadScopeOf(v: Value): BroadScope | undefined {
  if (v.kind === 'string') {
    if (SUBSCRIPTION_ID.test(v.value)) return 'subscription';
    if (MANAGEMENT_GROUP_ID.test(v.value)) return 'management group';
    return undefined;
  }
  if (v.kind !== 'unknown') return undefined;
  // Bicep `scope: subscription()`, ARM `[subscription().id]`.
  const call = v.call?.name.toLowerCase();
  if (call === 'subscription') return 'subscription';
  if (call === 'managementgroup') return 'management group';
  // Terraform `data.azurerm_subscription.primary.id`, `azurerm_management_group.root.id`.
  const from = v.computedFrom ?? '';
  if (/^data\.azurerm_subscription\./.test(from)) return 'subscription';
  if (/^(data\.)?azurerm_management_group\./.test(from)) return 'management group';
  return undefined;
}

function insideNestedDeployment(r: Resource, doc: AnalyzedDocument): boolean {
  return doc.resources.some(
    (d) =>
      d !== r &&
      d.file === r.file &&
      d.type.toLowerCase() === 'microsoft.resources/deployments' &&
      d.span.start <= r.span.start &&
      r.span.end <= d.span.end,
  );
}

function assignmentScope(r: Resource, doc: AnalyzedDocument): BroadScope | undefined {
  if (r.scopeSymbol) return undefined; // Bicep `scope: someResource`
  const scope = valueAt(r, ['scope']);
  if (scope) return broadScopeOf(scope);
  if (r.dialect !== 'arm' && r.dialect !== 'bicep') return undefined;
  // Inside a module or a nested deployment, the template's own scope is not necessarily the assignment's.
  if (r.file !== doc.file || insideNestedDeployment(r, doc)) return undefined;
  if (doc.deploymentScope === 'subscription') return 'subscription';
  if (doc.deploymentScope === 'managementGroup') return 'management group';
  return undefined;
}

export function privilegedScope(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing || !isRoleAssignment(r)) continue;
    const guid = grantedRole(r, BROAD_ROLES);
    if (!guid || (DELEGATING.has(guid) && hasCondition(r))) continue;
    const scope = assignmentScope(r, doc);
    if (!scope) continue;
    out.push({ resource: r, messageId: 'insecure', data: { role: ROLE_NAMES[guid] ?? guid, scope } });
  }
  return out;
}

/** IAM-OWNER-SUB: the prose is in `catalog/iam-owner-sub.yaml`. */
export const iamOwnerSubRule = createRule({
  id: 'IAM-OWNER-SUB',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Authorization/roleAssignments', 'azurerm_role_assignment'],
  messages: {
    insecure: "Role assignment '{resource}' gives {role} at {scope} scope: a standing grant over everything in it.",
  },
  check: privilegedScope,
});
