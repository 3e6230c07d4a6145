/**
 * SQL-AUDIT, SQL-ENTRA-ADMIN and SQL-DEFENDER: settings that live in companion resources of a SQL server. A server is
 * reported when no companion in the same document is linked to it (see `companions.ts`); a companion whose
 * server cannot be told keeps every server quiet, since it may be the one.
 */
import { getProperty, lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { isLinked, ofTypes, targetUnknown } from './companions';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

const SERVERS = ['Microsoft.Sql/servers', 'azurerm_mssql_server', 'azurerm_sql_server'];

/** `false` when the companion turns the feature off, `true` when on or not decidable (unknown counts as on). */
function enabled(companion: Resource, azurermKey = 'enabled'): { on: boolean; at?: Value } {
  const v =
    companion.dialect === 'azurerm'
      ? getProperty(companion.body, azurermKey)?.value
      : (() => {
          const l = lookup(companion.body, ['properties', 'state']);
          return l.state === 'present' ? l.value : undefined;
        })();
  if (v?.kind === 'boolean' && !v.value) return { on: false, at: v };
  if (v?.kind === 'string' && v.value.toLowerCase() === 'disabled') return { on: false, at: v };
  return { on: true };
}

export function sqlAuditing(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<'absent' | 'disabled'>[] {
  const out: RawFinding<'absent' | 'disabled'>[] = [];
  const companions = ofTypes(doc.resources, [
    'Microsoft.Sql/servers/auditingSettings',
    'Microsoft.Sql/servers/extendedAuditingSettings',
    'azurerm_mssql_server_extended_auditing_policy',
  ]);
  // A companion turned off is reported where it says so.
  for (const c of companions) {
    const e = enabled(c);
    if (!e.on && e.at) out.push({ resource: c, messageId: 'disabled', at: e.at, severity: 'warning' });
  }
  if (companions.some((c) => targetUnknown(c, 'server_id', doc.resources))) return out;
  for (const server of ofTypes(doc.resources, SERVERS)) {
    const linked = companions.filter((c) => isLinked(c, server));
    if (linked.length === 0) out.push({ resource: server, messageId: 'absent' });
  }
  return out;
}

export function sqlEntraAdmin(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<'absent'>[] {
  const out: RawFinding<'absent'>[] = [];
  const companions = ofTypes(doc.resources, [
    'Microsoft.Sql/servers/administrators',
    'azurerm_sql_active_directory_administrator',
  ]);
  // The legacy azurerm_sql_active_directory_administrator names its server by `server_name`, never `server_id`.
  if (companions.some((c) => targetUnknown(c, 'server_name', doc.resources))) return out;
  for (const server of ofTypes(doc.resources, SERVERS)) {
    const inline =
      server.dialect === 'azurerm'
        ? lookup(server.body, ['azuread_administrator'])
        : lookup(server.body, ['properties', 'administrators']);
    if (inline.state === 'present' && inline.value.kind !== 'null') continue;
    if (companions.some((c) => isLinked(c, server) || namedBy(c, server))) continue;
    out.push({ resource: server, messageId: 'absent' });
  }
  return out;
}

/** azurerm companions that name the server by `server_name`: a literal equal to the server's name links them too. */
function namedBy(c: Resource, server: Resource): boolean {
  const n = c.dialect === 'azurerm' ? getProperty(c.body, 'server_name')?.value : undefined;
  return n?.kind === 'string' && n.value.toLowerCase() === server.name.toLowerCase();
}

/** A Defender for Cloud SqlServers plan set to Standard in this document (it covers every server of the subscription). */
function sqlPlanOn(doc: AnalyzedDocument): boolean {
  return doc.resources.some((r) => {
    const t = r.type.toLowerCase();
    if (r.existing) return false;
    if (t === 'microsoft.security/pricings') {
      const tier = lookup(r.body, ['properties', 'pricingTier']);
      const name = leafName(r.name).toLowerCase();
      return (
        name === 'sqlservers' &&
        tier.state === 'present' &&
        (tier.value.kind === 'unknown' ||
          (tier.value.kind === 'string' && tier.value.value.toLowerCase() === 'standard'))
      );
    }
    if (t === 'azurerm_security_center_subscription_pricing') {
      const type = getProperty(r.body, 'resource_type')?.value;
      const tier = getProperty(r.body, 'tier')?.value;
      const isSql = type?.kind === 'unknown' || (type?.kind === 'string' && type.value.toLowerCase() === 'sqlservers');
      return (
        isSql && (tier?.kind === 'unknown' || (tier?.kind === 'string' && tier.value.toLowerCase() === 'standard'))
      );
    }
    return false;
  });
}

export function sqlDefender(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<'absent' | 'disabled'>[] {
  const out: RawFinding<'absent' | 'disabled'>[] = [];
  const companions = ofTypes(doc.resources, [
    'Microsoft.Sql/servers/securityAlertPolicies',
    'Microsoft.Sql/servers/advancedThreatProtectionSettings',
    'azurerm_mssql_server_security_alert_policy',
  ]);
  // A companion turned off is reported where it says so, plan or no plan: the server-level setting wins there.
  for (const c of companions) {
    const e = enabled(c, 'state');
    if (!e.on && e.at) out.push({ resource: c, messageId: 'disabled', at: e.at, severity: 'warning' });
  }
  if (sqlPlanOn(doc) || companions.some((c) => targetUnknown(c, 'server_name', doc.resources))) return out;
  for (const server of ofTypes(doc.resources, SERVERS)) {
    if (companions.some((c) => isLinked(c, server) || namedBy(c, server))) continue;
    out.push({ resource: server, messageId: 'absent' });
  }
  return out;
}

/** SQL-AUDIT: the prose is in `catalog/sql-audit.yaml`. */
export const sqlAuditRule = createRule({
  id: 'SQL-AUDIT',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Sql/servers',
    'Microsoft.Sql/servers/auditingSettings',
    'Microsoft.Sql/servers/extendedAuditingSettings',
    'azurerm_mssql_server',
    'azurerm_sql_server',
    'azurerm_mssql_server_extended_auditing_policy',
  ],
  messages: {
    absent:
      "SQL server '{resource}' has no server auditing setting in this file; auditing may be configured by policy or another template.",
    disabled: "The auditing setting '{resource}' turns server auditing off (state Disabled).",
  },
  check: sqlAuditing,
});

/** SQL-DEFENDER: the prose is in `catalog/sql-defender.yaml`. */
export const sqlDefenderRule = createRule({
  id: 'SQL-DEFENDER',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Sql/servers',
    'Microsoft.Sql/servers/securityAlertPolicies',
    'Microsoft.Sql/servers/advancedThreatProtectionSettings',
    'azurerm_mssql_server',
    'azurerm_sql_server',
    'azurerm_mssql_server_security_alert_policy',
  ],
  messages: {
    absent:
      "SQL server '{resource}' has no Defender for SQL setting in this file and no SqlServers Defender plan; threat detection may be enabled by policy or another template.",
    disabled: "The Defender for SQL setting '{resource}' turns threat detection off (state Disabled).",
  },
  check: sqlDefender,
});

/** SQL-ENTRA-ADMIN: the prose is in `catalog/sql-entra-admin.yaml`. */
export const sqlEntraAdminRule = createRule({
  id: 'SQL-ENTRA-ADMIN',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Sql/servers',
    'Microsoft.Sql/servers/administrators',
    'azurerm_mssql_server',
    'azurerm_sql_server',
    'azurerm_sql_active_directory_administrator',
  ],
  messages: {
    absent:
      "SQL server '{resource}' has no Microsoft Entra administrator, so it can only be administered with its SQL login.",
  },
  check: sqlEntraAdmin,
});
