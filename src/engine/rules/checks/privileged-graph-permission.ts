/**
 * IAM-GRAPH-PRIV-ROLE: an app role assignment (Bicep Microsoft Graph extension `Microsoft.Graph/appRoleAssignedTo`, also
 * as compiled to ARM JSON, Terraform `azuread_app_role_assignment`) that gives a service principal one of the Microsoft Graph application
 * permissions with which an app can grant itself, or anyone, any other permission or directory role.
 *
 * The permission is read from `appRoleId` / `app_role_id`: a GUID (literal, parameter default, tfvars), or the
 * name a Terraform template indexes the Graph service principal's `app_role_ids` with. Graph app role ids are the
 * same in every tenant, so the GUID alone says which permission it is.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure';

/** Microsoft Graph application permissions that can escalate to any other permission or role, by app role id. */
export const ESCALATING_GRAPH_PERMISSIONS: Readonly<Record<string, string>> = {
  '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8': 'RoleManagement.ReadWrite.Directory',
  '06b708a9-e830-4db3-a914-8e69da51d44f': 'AppRoleAssignment.ReadWrite.All',
  '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9': 'Application.ReadWrite.All',
  '19dbc75e-c2e2-444c-a770-ec69d8559fc7': 'Directory.ReadWrite.All',
};
const BY_NAME = new Map(Object.values(ESCALATING_GRAPH_PERMISSIONS).map((n) => [n.toLowerCase(), n]));

function permissionOf(v: Value | undefined): string | undefined {
  if (v?.kind === 'string') return ESCALATING_GRAPH_PERMISSIONS[v.value.trim().toLowerCase()];
  // Terraform: azuread_service_principal.msgraph.app_role_ids["RoleManagement.ReadWrite.Directory"].
  if (v?.kind === 'unknown' && v.call?.name === 'index') {
    const key = v.call.args[0];
    return key === undefined ? undefined : BY_NAME.get(key.toLowerCase());
  }
  return undefined;
}

export function privilegedGraphPermission(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing) continue;
    // Compiled Bicep (ARM languageVersion 2.0) keeps the Graph body under `properties`.
    const t = r.type.toLowerCase();
    const path =
      t === 'microsoft.graph/approleassignedto'
        ? r.dialect === 'arm'
          ? ['properties', 'appRoleId']
          : ['appRoleId']
        : t === 'azuread_app_role_assignment'
          ? ['app_role_id']
          : undefined;
    if (!path) continue;
    const found = lookup(r.body, path);
    const value = found.state === 'present' ? found.value : undefined;
    const permission = permissionOf(value);
    if (value && permission) out.push({ resource: r, messageId: 'insecure', data: { permission }, at: value });
  }
  return out;
}

/** IAM-GRAPH-PRIV-ROLE: the prose is in `catalog/iam-graph-priv-role.yaml`. */
export const iamGraphPrivRoleRule = createRule({
  id: 'IAM-GRAPH-PRIV-ROLE',
  dialects: ['arm', 'bicep', 'azurerm'],
  resourceTypes: ['Microsoft.Graph/appRoleAssignedTo', 'azuread_app_role_assignment'],
  messages: {
    insecure:
      "App role assignment '{resource}' grants the Microsoft Graph permission {permission}, with which the app can give itself or anyone any access in the tenant.",
  },
  check: privilegedGraphPermission,
});
