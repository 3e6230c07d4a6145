/**
 * MON-ACTIVITY-LOG: a subscription's activity log (who changed what, security alerts, policy decisions) is kept
 * by the platform for 90 days; only a subscription diagnostic setting exports it for longer. The rule judges the
 * subscription-level settings a file declares and reports those that leave out the security-relevant
 * categories. A file that declares none is not judged (the export is usually set once, centrally).
 *
 * A setting is subscription-level when it is an ARM or Bicep `Microsoft.Insights/diagnosticSettings` without a
 * `scope` in a subscription-scope template, an azapi one whose parent is a subscription, or an azurerm
 * `azurerm_monitor_diagnostic_setting` whose target is `/subscriptions/<id>` or `data.azurerm_subscription`.
 */
import { getProperty, lookup, presentAt, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'missing';

/** The categories every export must carry: control-plane changes, Defender alerts, and policy decisions. */
export const REQUIRED_CATEGORIES: readonly string[] = ['Administrative', 'Security', 'Policy'];

const SUBSCRIPTION_ID = /^\/subscriptions\/[^/]+\/?$/i;

function isSubscriptionTarget(v: Value | undefined): boolean {
  if (v?.kind === 'string') return SUBSCRIPTION_ID.test(v.value);
  return v?.kind === 'unknown' && /^data\.azurerm_subscriptions?\./.test(v.computedFrom ?? '');
}

function isSubscriptionSetting(r: Resource, doc: AnalyzedDocument): boolean {
  if (r.existing) return false;
  const type = r.type.toLowerCase();
  if (type === 'azurerm_monitor_diagnostic_setting')
    return isSubscriptionTarget(getProperty(r.body, 'target_resource_id')?.value);
  if (type !== 'microsoft.insights/diagnosticsettings') return false;
  const scope = getProperty(r.body, 'scope')?.value;
  // azapi names the parent (mapped to `scope`); ARM and Bicep deploy an unscoped setting at the template's scope.
  if (r.dialect === 'azapi') return isSubscriptionTarget(scope);
  return scope === undefined && r.file === doc.file && doc.deploymentScope === 'subscription';
}

/** A log entry's category (or category group) when it is enabled; undefined when it is off or cannot be told. */
function enabledCategory(entry: Value, dialect: Resource['dialect']): { name: string } | 'unknown' | undefined {
  if (entry.kind === 'unknown') return 'unknown';
  if (entry.kind !== 'object') return undefined;
  const read = (key: string): Value | undefined => getProperty(entry, key)?.value;
  const name = read('category') ?? read('categoryGroup') ?? read('category_group');
  if (name?.kind === 'unknown') return 'unknown';
  if (name?.kind !== 'string') return undefined;
  // azurerm `enabled_log` blocks are on by being there; ARM entries and the legacy `log` block say so.
  const enabled = read('enabled');
  if (enabled?.kind === 'unknown') return 'unknown';
  const on = enabled === undefined ? dialect === 'azurerm' : enabled.kind === 'boolean' && enabled.value;
  return on ? { name: name.value } : undefined;
}

/** The enabled categories of a setting, or 'unknown' when a list or entry depends on the deployment. */
function categoriesOf(r: Resource): Set<string> | 'unknown' {
  const lists =
    r.dialect === 'azurerm'
      ? ['enabled_log', 'log'].map((k) => getProperty(r.body, k)?.value)
      : [presentAt(r.body, ['properties', 'logs'])];
  const out = new Set<string>();
  for (const list of lists) {
    if (list === undefined || list.kind === 'null') continue;
    if (list.kind !== 'array') return 'unknown';
    for (const entry of list.items) {
      const c = enabledCategory(entry, r.dialect);
      if (c === 'unknown') return 'unknown';
      if (c) out.add(c.name.toLowerCase());
    }
  }
  return out;
}

export function activityLogExport(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const setting of doc.resources) {
    if (!isSubscriptionSetting(setting, doc)) continue;
    const categories = categoriesOf(setting);
    if (categories === 'unknown') continue;
    // `allLogs` (where a subscription setting accepts it) carries every category.
    if (categories.has('alllogs')) continue;
    const missing = REQUIRED_CATEGORIES.filter((c) => !categories.has(c.toLowerCase()));
    if (missing.length === 0) continue;
    const logs = setting.dialect === 'azurerm' ? undefined : lookup(setting.body, ['properties', 'logs']);
    out.push({
      resource: setting,
      messageId: 'missing',
      data: { categories: missing.join(', ') },
      ...(logs?.state === 'present' ? { at: logs.value } : {}),
    });
  }
  return out;
}

/** MON-ACTIVITY-LOG: the prose is in `catalog/mon-activity-log.yaml`. */
export const monActivityLogRule = createRule({
  id: 'MON-ACTIVITY-LOG',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Insights/diagnosticSettings', 'azurerm_monitor_diagnostic_setting'],
  messages: {
    missing:
      "Subscription diagnostic setting '{resource}' does not export the {categories} categories of the activity log, which the platform keeps for 90 days only.",
  },
  check: activityLogExport,
});
