/**
 * Monitoring coverage, reported once per document rather than on every resource (issue 8 item 3):
 *
 * - DEF-COVERAGE: a template that manages the subscription (ARM/Bicep deploying at subscription scope, or any
 *   template that declares Defender pricings) declares resources whose Defender for Cloud plan it never sets.
 *   One finding per plan, on the first resource the plan would protect.
 * - MON-SENTINEL: a template declares Log Analytics workspaces and onboards none of them to Microsoft Sentinel.
 *   One finding, on the first workspace.
 *
 * Both are existence checks: the plan or the onboarding may come from another template or from central policy,
 * which a file cannot show, so they report at `info` and say what they looked at.
 */
import { getProperty, lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { trimEndOf } from '../../core/trim';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent';

const lower = (s: string): string => s.toLowerCase();

/** Defender plan (the pricings name, azurerm `resource_type`) by the resource types it protects. */
const PLANS: ReadonlyArray<readonly [plan: string, label: string, types: readonly string[]]> = [
  [
    'VirtualMachines',
    'Servers',
    [
      'Microsoft.Compute/virtualMachines',
      'Microsoft.Compute/virtualMachineScaleSets',
      'azurerm_linux_virtual_machine',
      'azurerm_windows_virtual_machine',
      'azurerm_virtual_machine',
      'azurerm_linux_virtual_machine_scale_set',
      'azurerm_windows_virtual_machine_scale_set',
    ],
  ],
  ['StorageAccounts', 'Storage', ['Microsoft.Storage/storageAccounts', 'azurerm_storage_account']],
  ['KeyVaults', 'Key Vault', ['Microsoft.KeyVault/vaults', 'azurerm_key_vault']],
  ['SqlServers', 'Azure SQL Databases', ['Microsoft.Sql/servers', 'azurerm_mssql_server']],
  [
    'AppServices',
    'App Service',
    [
      'Microsoft.Web/sites',
      'azurerm_linux_web_app',
      'azurerm_windows_web_app',
      'azurerm_linux_function_app',
      'azurerm_windows_function_app',
    ],
  ],
  [
    'Containers',
    'Containers',
    [
      'Microsoft.ContainerService/managedClusters',
      'Microsoft.ContainerRegistry/registries',
      'azurerm_kubernetes_cluster',
      'azurerm_container_registry',
    ],
  ],
  ['CosmosDbs', 'Azure Cosmos DB', ['Microsoft.DocumentDB/databaseAccounts', 'azurerm_cosmosdb_account']],
  [
    'OpenSourceRelationalDatabases',
    'open-source relational databases',
    [
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforMySQL/flexibleServers',
      'azurerm_postgresql_flexible_server',
      'azurerm_mysql_flexible_server',
    ],
  ],
];

/** Every type DEF-COVERAGE looks at, for the rule file's `resourceTypes` (kept equal by a unit test). */
export const DEFENDER_PLAN_TYPES: readonly string[] = PLANS.flatMap((p) => p[2]);

const PRICINGS = 'microsoft.security/pricings';
const AZURERM_PRICING = 'azurerm_security_center_subscription_pricing';

function isPricing(r: Resource): boolean {
  const t = lower(r.type);
  return !r.existing && (t === PRICINGS || t === AZURERM_PRICING);
}

/** The plan a pricings resource sets, or undefined when it cannot be told (a loop, a parameter). */
function planOf(r: Resource): string | undefined {
  if (r.dialect === 'azurerm') {
    const v = getProperty(r.body, 'resource_type')?.value;
    if (!v) return 'VirtualMachines'; // the provider's default
    return v.kind === 'string' ? v.value : undefined;
  }
  if (r.loop) return undefined;
  // The display name falls back to the symbol when the name is a parameter: read the value itself.
  const v = getProperty(r.body, 'name')?.value;
  if (v && v.kind !== 'string') return undefined;
  const name = leafName(v?.kind === 'string' ? v.value : r.name);
  return /^[A-Za-z]+$/.test(name) ? name : undefined;
}

/**
 * Where a plan's finding shows: the file's first pricings resource (where the missing plan belongs), else the
 * first protected resource of this file, else its first resource (a subscription template that deploys its
 * workloads through modules), else the first protected resource wherever it is declared. The same in every
 * format, so ARM, Bicep and azapi agree on where it is.
 */
function anchorFor(doc: AnalyzedDocument, protectedHere: readonly Resource[], pricings: readonly Resource[]): Resource {
  const own = (r: Resource): boolean => r.file === doc.file && !r.existing;
  return pricings.find(own) ?? protectedHere.find(own) ?? doc.resources.find(own) ?? (protectedHere[0] as Resource);
}

export function defenderCoverage(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const pricings = doc.resources.filter(isPricing);
  if (doc.deploymentScope !== 'subscription' && pricings.length === 0) return [];
  const plans = pricings.map(planOf);
  // A pricings resource whose plan cannot be told may be any of them.
  if (plans.some((p) => p === undefined)) return [];
  const set = new Set(plans.map((p) => lower(p ?? '')));
  const out: RawFinding<MessageId>[] = [];
  for (const [plan, label, types] of PLANS) {
    if (set.has(lower(plan))) continue;
    const wanted = new Set(types.map(lower));
    const protectedHere = doc.resources.filter((r) => !r.existing && wanted.has(lower(r.type)));
    const first = protectedHere[0];
    if (!first) continue;
    out.push({
      resource: anchorFor(doc, protectedHere, pricings),
      messageId: 'absent',
      data: {
        plan,
        label,
        count: protectedHere.length,
        noun: protectedHere.length === 1 ? 'resource' : 'resources',
        example: first.name,
      },
    });
  }
  return out;
}

const WORKSPACES = ['microsoft.operationalinsights/workspaces', 'azurerm_log_analytics_workspace'];

/** The onboarding (or the legacy SecurityInsights solution) names `ws` by symbol, scope, parent id or name. */
function onboards(r: Resource, ws: Resource): boolean {
  if (r.scopeSymbol === ws.symbol || r.parentSymbol === ws.symbol || r.references?.includes(ws.symbol)) return true;
  const ref = (v: Value | undefined): boolean =>
    v?.kind === 'string' && trimEndOf(lower(v.value), '/').endsWith(`workspaces/${lower(ws.name)}`);
  if (ref(getProperty(r.body, 'scope')?.value) || ref(getProperty(r.body, 'parent_id')?.value)) return true;
  const wsId = lookup(r.body, ['properties', 'workspaceResourceId']);
  if (wsId.state === 'present' && ref(wsId.value)) return true;
  // ARM `Microsoft.OperationalInsights/workspaces/providers/onboardingStates` named `ws/Microsoft.SecurityInsights/default`.
  return lower(r.name).startsWith(`${lower(ws.name)}/`);
}

function isOnboarding(r: Resource): boolean {
  const t = lower(r.type);
  if (t === 'azurerm_sentinel_log_analytics_workspace_onboarding') return true;
  if (
    t.endsWith('onboardingstates') &&
    (t.startsWith('microsoft.securityinsights') || t.startsWith('microsoft.operationalinsights/workspaces/providers'))
  )
    return true;
  // The older route: the SecurityInsights solution (ARM name `SecurityInsights(ws)`, azurerm solution_name).
  if (t === 'microsoft.operationsmanagement/solutions') return /^securityinsights/i.test(r.name);
  if (t === 'azurerm_log_analytics_solution') {
    const n = getProperty(r.body, 'solution_name')?.value;
    return n?.kind === 'string' && lower(n.value) === 'securityinsights';
  }
  return false;
}

/** True when an onboarding's target cannot be told: it may be any workspace here. */
function targetUnknown(r: Resource): boolean {
  if (r.scopeSymbol || r.parentSymbol || r.references?.length) return false;
  // azapi's parent_id is not part of the body: an onboarding not linked by reference may be any workspace's.
  if (r.dialect === 'azapi') return true;
  const keys = ['scope', 'parent_id', 'workspace_id'];
  return keys.some((k) => getProperty(r.body, k)?.value.kind === 'unknown');
}

export function sentinelOnboarding(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const workspaces = doc.resources.filter((r) => !r.existing && WORKSPACES.includes(lower(r.type)));
  const first = workspaces[0];
  if (!first) return [];
  const onboardings = doc.resources.filter((r) => !r.existing && isOnboarding(r));
  if (onboardings.some(targetUnknown)) return [];
  if (workspaces.some((ws) => onboardings.some((o) => onboards(o, ws)))) return [];
  return [
    {
      resource: first,
      messageId: 'absent',
      data: { count: workspaces.length, noun: workspaces.length === 1 ? 'workspace' : 'workspaces' },
    },
  ];
}

/** DEF-COVERAGE: the prose is in `catalog/def-coverage.yaml`. */
export const defCoverageRule = createRule({
  id: 'DEF-COVERAGE',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Security/pricings',
    'azurerm_security_center_subscription_pricing',
    'Microsoft.Compute/virtualMachines',
    'Microsoft.Compute/virtualMachineScaleSets',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_virtual_machine',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
    'Microsoft.Storage/storageAccounts',
    'azurerm_storage_account',
    'Microsoft.KeyVault/vaults',
    'azurerm_key_vault',
    'Microsoft.Sql/servers',
    'azurerm_mssql_server',
    'Microsoft.Web/sites',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'Microsoft.ContainerService/managedClusters',
    'Microsoft.ContainerRegistry/registries',
    'azurerm_kubernetes_cluster',
    'azurerm_container_registry',
    'Microsoft.DocumentDB/databaseAccounts',
    'azurerm_cosmosdb_account',
    'Microsoft.DBforPostgreSQL/flexibleServers',
    'Microsoft.DBforMySQL/flexibleServers',
    'azurerm_postgresql_flexible_server',
    'azurerm_mysql_flexible_server',
  ],
  messages: {
    absent:
      "The Defender for Cloud plan for {label} ({plan}) is not set by this subscription-level template, which declares {count} {noun} it protects (first: '{example}'); no Microsoft.Security/pricings resource named {plan} was found.",
  },
  check: defenderCoverage,
});

/** MON-SENTINEL: the prose is in `catalog/mon-sentinel.yaml`. */
export const monSentinelRule = createRule({
  id: 'MON-SENTINEL',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.OperationalInsights/workspaces', 'azurerm_log_analytics_workspace'],
  messages: {
    absent:
      'None of the {count} Log Analytics {noun} this template declares is onboarded to Microsoft Sentinel, so their logs raise no incidents.',
  },
  check: sentinelOnboarding,
});
