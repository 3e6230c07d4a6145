/**
 * MON-DIAG: security-relevant resources that a template which manages monitoring (it declares a diagnostic
 * setting) leaves without one. Resource logs are not collected
 * until a setting routes them. A setting counts for a resource when it targets it or one of its children
 * (storage logs are configured on `blobServices/default` and its siblings); any destination counts (Log
 * Analytics, a storage account, an event hub feeding a SIEM). A setting whose target cannot be told keeps every
 * resource quiet, since it may be the one. Files without a setting stay quiet (a module called by one that has
 * settings too): settings are often deployed by Azure Policy or by the caller.
 */
import { getProperty, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import { serviceModelOf } from '../../responsibility/service-models';
import type { RawFinding, RuleMeta } from '../types';
import { isLinked, ofTypes } from './companions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent';

const SETTINGS = new Set(['microsoft.insights/diagnosticsettings', 'azurerm_monitor_diagnostic_setting']);

function isSetting(r: Resource): boolean {
  const t = r.type.toLowerCase();
  return !r.existing && (SETTINGS.has(t) || t.endsWith('/providers/diagnosticsettings'));
}

/**
 * Terraform and azapi: the resource symbol a target id is, or starts with. Inside a module the id was evaluated in
 * the module, while the module's resources are named from the caller (`module.kv.azurerm_key_vault.this`).
 */
function symbolOfId(s: Resource, v: Value | undefined): string | undefined {
  const symbol = v?.kind === 'unknown' ? (v.computedFrom ?? v.under) : undefined;
  if (!symbol || symbol.startsWith('data.')) return symbol;
  const prefix = s.symbol.split('.').slice(0, -2).join('.');
  return prefix ? `${prefix}.${symbol}` : symbol;
}

/** The symbols a setting targets (the resource, or the child whose logs it routes); undefined when untold. */
function targetOf(
  s: Resource,
  doc: AnalyzedDocument,
): { readonly symbols: readonly string[] } | { readonly linkedTo: (r: Resource) => boolean } | undefined {
  if (s.scopeSymbol) return { symbols: [s.scopeSymbol] };
  const key = s.dialect === 'azurerm' ? 'target_resource_id' : 'scope';
  const target = getProperty(s.body, key)?.value;
  const symbol = symbolOfId(s, target);
  if (symbol) return { symbols: [symbol] };
  // ARM: `scope` naming the target (azapi: a literal parent_id), or the legacy `<type>/providers/diagnosticSettings`.
  if (s.dialect !== 'azurerm' && (target === undefined || target.kind === 'string'))
    return { linkedTo: (r) => isLinked(s, r) };
  // A reference that names a resource of this document (ARM resourceId() resolved, Bicep symbol use).
  if (
    target?.kind === 'unknown' &&
    s.dialect !== 'azurerm' &&
    s.references?.some((ref) => doc.resources.some((r) => r.symbol === ref))
  ) {
    return { linkedTo: (r) => isLinked(s, r) };
  }
  return undefined;
}

/** The resource and its children (blob services of a storage account, databases of a server), by symbol. */
function family(target: Resource, doc: AnalyzedDocument): Set<string> {
  const out = new Set([target.symbol]);
  // ARM children written at the top level: `Microsoft.Storage/storageAccounts/blobServices` named `st/default`.
  const type = `${target.type.toLowerCase()}/`;
  const name = `${target.name.toLowerCase()}/`;
  for (const r of doc.resources)
    if (r.type.toLowerCase().startsWith(type) && r.name.toLowerCase().startsWith(name)) out.add(r.symbol);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of doc.resources) {
      if (!out.has(r.symbol) && r.parentSymbol && out.has(r.parentSymbol)) {
        out.add(r.symbol);
        grew = true;
      }
    }
  }
  return out;
}

export function diagnosticSettings(rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const settings = doc.resources.filter(isSetting);
  if (settings.length === 0) return [];
  const targets = settings.map((s) => targetOf(s, doc));
  if (targets.some((t) => t === undefined)) return [];
  const out: RawFinding<MessageId>[] = [];
  // Judged file by file: a module that declares no setting does not manage monitoring, whoever calls it.
  const managing = new Set(settings.map((s) => s.file));
  for (const resource of ofTypes(doc.resources, rule.resourceTypes)) {
    if (!managing.has(resource.file)) continue;
    const members = family(resource, doc);
    const childResources = doc.resources.filter((r) => members.has(r.symbol));
    const covered = targets.some(
      (t) => t && ('symbols' in t ? t.symbols.some((sym) => members.has(sym)) : childResources.some(t.linkedTo)),
    );
    if (covered) continue;
    const what = serviceModelOf(resource.type)?.title ?? resource.type;
    out.push({ resource, messageId: 'absent', data: { what } });
  }
  return out;
}

/** MON-DIAG: the prose is in `catalog/mon-diag.yaml`. */
export const monDiagRule = createRule({
  id: 'MON-DIAG',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.KeyVault/vaults',
    'Microsoft.Sql/servers/databases',
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.ContainerService/managedClusters',
    'Microsoft.Web/sites',
    'Microsoft.DocumentDB/databaseAccounts',
    'Microsoft.EventHub/namespaces',
    'Microsoft.ServiceBus/namespaces',
    'Microsoft.CognitiveServices/accounts',
    'Microsoft.Network/applicationGateways',
    'Microsoft.ContainerRegistry/registries',
    'azurerm_key_vault',
    'azurerm_mssql_database',
    'azurerm_storage_account',
    'azurerm_network_security_group',
    'azurerm_kubernetes_cluster',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_cosmosdb_account',
    'azurerm_eventhub_namespace',
    'azurerm_servicebus_namespace',
    'azurerm_cognitive_account',
    'azurerm_application_gateway',
    'azurerm_container_registry',
  ],
  messages: {
    absent:
      "{what} '{resource}' sends no resource logs: no diagnostic setting in this template targets it, although the template manages monitoring.",
  },
  check: diagnosticSettings,
});
