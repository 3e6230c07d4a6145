/**
 * AGW-WAF: an Application Gateway with no web application firewall: no WAF policy (`firewallPolicy`, on the
 * gateway or on any listener or path rule; azurerm `firewall_policy_id`) and no enabled legacy
 * `webApplicationFirewallConfiguration` (azurerm `waf_configuration`). A value that depends on the deployment
 * counts as a WAF: the rule never guesses one away. AGW-WAF-MODE judges the mode of the WAFs that exist.
 */
import { getProperty, hasContent, lookup, lookupAll, presentAt, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { absenceIsJudged } from '../property-check';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent' | 'disabled';

/** Policy references an ARM/Bicep/azapi gateway carries, on itself and on its listeners and path rules. */
function armPolicies(g: Resource): Value[] {
  const at = (path: readonly string[]): Value[] => lookupAll(g.body, path);
  return [
    ...at(['properties', 'firewallPolicy']),
    ...at(['properties', 'httpListeners', 'properties', 'firewallPolicy']),
    ...at(['properties', 'urlPathMaps', 'properties', 'pathRules', 'properties', 'firewallPolicy']),
  ];
}

function azurermPolicies(g: Resource): Value[] {
  const at = (path: readonly string[]): Value[] => lookupAll(g.body, path);
  return [
    ...at(['firewall_policy_id']),
    ...at(['http_listener', 'firewall_policy_id']),
    ...at(['url_path_map', 'path_rule', 'firewall_policy_id']),
  ];
}

export function appGatewayWaf(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const g of doc.resources) {
    const type = g.type.toLowerCase();
    const azurerm = type === 'azurerm_application_gateway';
    if (g.existing || (!azurerm && type !== 'microsoft.network/applicationgateways')) continue;
    if (!absenceIsJudged(g, azurerm ? [] : ['properties'])) continue;
    if ((azurerm ? azurermPolicies(g) : armPolicies(g)).some(hasContent)) continue;
    const legacy = lookup(
      g.body,
      azurerm ? ['waf_configuration'] : ['properties', 'webApplicationFirewallConfiguration'],
    );
    if (legacy.state === 'present' && legacy.value.kind === 'unknown') continue;
    if (legacy.state === 'present' && legacy.value.kind !== 'null') {
      const enabled = lookup(
        g.body,
        azurerm ? ['waf_configuration', 'enabled'] : ['properties', 'webApplicationFirewallConfiguration', 'enabled'],
      );
      if (enabled.state === 'present' && enabled.value.kind === 'unknown') continue;
      if (enabled.state === 'present' && enabled.value.kind === 'boolean' && enabled.value.value) continue;
      out.push({ resource: g, messageId: 'disabled', ...(enabled.state === 'present' ? { at: enabled.value } : {}) });
      continue;
    }
    // ARM's properties.sku, or azurerm's sku block (a one-item list).
    const skuValue = presentAt(g.body, azurerm ? ['sku'] : ['properties', 'sku']);
    const sku = skuValue?.kind === 'array' ? skuValue.items[0] : skuValue;
    const tierValue = sku?.kind === 'object' ? getProperty(sku, 'tier')?.value : undefined;
    const tierText = tierValue?.kind === 'string' ? tierValue.value : undefined;
    out.push({ resource: g, messageId: 'absent', data: { tier: tierText ?? 'unstated' } });
  }
  return out;
}

/** AGW-WAF: the prose is in `catalog/agw-waf.yaml`. */
export const agwWafRule = createRule({
  id: 'AGW-WAF',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Network/applicationGateways', 'azurerm_application_gateway'],
  messages: {
    absent:
      "Application Gateway '{resource}' has no web application firewall (tier {tier}, no WAF policy), so attacks reach the applications behind it.",
    disabled: "Application Gateway '{resource}' turns its web application firewall off.",
  },
  check: appGatewayWaf,
});
