/**
 * LOCK-CRITICAL: resources whose deletion loses data (key vaults, backup vaults, storage accounts, databases)
 * left without a delete lock by a file that manages locks. Like MON-DIAG, only files that declare a lock are
 * judged: locks are often applied to whole resource groups by a landing-zone template or by Azure Policy. A lock
 * on the resource group (an unscoped lock in a resource-group deployment, or one whose scope is a resource group)
 * covers every resource, and a lock whose target cannot be told keeps every resource quiet.
 */
import { getProperty, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { hangsOffUnknownExisting, isLinked, ofTypes } from './companions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'unlocked';

/** What a delete lock protects best: data and keys that cannot be recreated. */
export const CRITICAL_TYPES: readonly string[] = [
  'Microsoft.KeyVault/vaults',
  'azurerm_key_vault',
  'Microsoft.RecoveryServices/vaults',
  'azurerm_recovery_services_vault',
  'Microsoft.DataProtection/backupVaults',
  'azurerm_data_protection_backup_vault',
  'Microsoft.Storage/storageAccounts',
  'azurerm_storage_account',
  'Microsoft.Sql/servers',
  'azurerm_mssql_server',
  'Microsoft.DocumentDB/databaseAccounts',
  'azurerm_cosmosdb_account',
  'Microsoft.DBforPostgreSQL/flexibleServers',
  'azurerm_postgresql_flexible_server',
  'Microsoft.DBforMySQL/flexibleServers',
  'azurerm_mysql_flexible_server',
];

function isLock(r: Resource): boolean {
  const t = r.type.toLowerCase();
  return (
    !r.existing &&
    (t === 'microsoft.authorization/locks' || t === 'azurerm_management_lock' || t.endsWith('/providers/locks'))
  );
}

/** How a lock's target reads: the resource group (covers all), resources it links to, or untold. */
function targetOf(lock: Resource, doc: AnalyzedDocument): 'group' | 'untold' | 'linked' {
  if (hangsOffUnknownExisting(lock, doc.resources)) return 'untold';
  if (lock.scopeSymbol || lock.parentSymbol) return 'linked';
  if (lock.type.toLowerCase().endsWith('/providers/locks')) return 'linked';
  const scope: Value | undefined = getProperty(lock.body, 'scope')?.value;
  if (lock.dialect === 'azurerm') {
    if (scope?.kind === 'string')
      return /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/?$/i.test(scope.value) ? 'group' : 'linked';
    const from = scope?.kind === 'unknown' ? (scope.computedFrom ?? '') : '';
    if (/(^|\.)azurerm_resource_group\./.test(from)) return 'group';
    return lock.references?.some((ref) => doc.resources.some((r) => r.symbol === ref)) ? 'linked' : 'untold';
  }
  // ARM and Bicep: an extension resource without `scope` applies to the deployment's resource group.
  if (scope === undefined)
    return doc.deploymentScope === undefined || doc.deploymentScope === 'resourceGroup' ? 'group' : 'untold';
  if (scope.kind === 'string') return 'linked';
  return lock.references?.some((ref) => doc.resources.some((r) => r.symbol === ref)) ? 'linked' : 'untold';
}

function covers(lock: Resource, target: Resource): boolean {
  if (isLinked(lock, target)) return true;
  if (lock.dialect !== 'azurerm') return false;
  if (lock.references?.includes(target.symbol)) return true;
  const scope = getProperty(lock.body, 'scope')?.value;
  return scope?.kind === 'string' && scope.value.toLowerCase().endsWith(`/${target.name.toLowerCase()}`);
}

export function criticalLocks(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const locks = doc.resources.filter(isLock);
  if (locks.length === 0) return [];
  const targets = locks.map((l) => targetOf(l, doc));
  if (targets.some((t) => t !== 'linked')) return [];
  // Judged file by file: a module that declares no lock does not manage locks, whoever calls it.
  const managing = new Set(locks.map((l) => l.file));
  return ofTypes(doc.resources, CRITICAL_TYPES)
    .filter((r) => managing.has(r.file) && !r.partial && !locks.some((l) => covers(l, r)))
    .map((r) => ({ resource: r, messageId: 'unlocked' }));
}

/** LOCK-CRITICAL: the prose is in `catalog/lock-critical.yaml`. */
export const lockCriticalRule = createRule({
  id: 'LOCK-CRITICAL',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Authorization/locks',
    'azurerm_management_lock',
    'Microsoft.KeyVault/vaults',
    'azurerm_key_vault',
    'Microsoft.RecoveryServices/vaults',
    'azurerm_recovery_services_vault',
    'Microsoft.DataProtection/backupVaults',
    'azurerm_data_protection_backup_vault',
    'Microsoft.Storage/storageAccounts',
    'azurerm_storage_account',
    'Microsoft.Sql/servers',
    'azurerm_mssql_server',
    'Microsoft.DocumentDB/databaseAccounts',
    'azurerm_cosmosdb_account',
    'Microsoft.DBforPostgreSQL/flexibleServers',
    'azurerm_postgresql_flexible_server',
    'Microsoft.DBforMySQL/flexibleServers',
    'azurerm_mysql_flexible_server',
  ],
  messages: {
    unlocked:
      "'{resource}' has no delete lock, although this file locks other resources; a delete would lose its data for good.",
  },
  check: criticalLocks,
});
