/**
 * APIM-NETWORK: an API Management service that is neither injected into a virtual network
 * (`virtualNetworkType` External or Internal; the API default is None) nor closed to public networks
 * (`publicNetworkAccess` Disabled; the API default is Enabled). Either isolation counts; a value that depends on
 * the deployment is not judged.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { absenceIsJudged } from '../property-check';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'open';

type Read = { state: 'absent' } | { state: 'unknown' } | { state: 'known'; value: Value };

function read(body: Parameters<typeof lookup>[0], path: readonly string[]): Read {
  const v = lookup(body, path);
  if (v.state === 'absent' || v.value.kind === 'null') return { state: 'absent' };
  return v.value.kind === 'unknown' ? { state: 'unknown' } : { state: 'known', value: v.value };
}

const text = (v: Value): string =>
  v.kind === 'string' ? v.value.toLowerCase() : v.kind === 'boolean' ? String(v.value) : '';

export function apimNetwork(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    const type = r.type.toLowerCase();
    const azurerm = type === 'azurerm_api_management';
    if (r.existing || (!azurerm && type !== 'microsoft.apimanagement/service')) continue;
    const vnetPath = azurerm ? ['virtual_network_type'] : ['properties', 'virtualNetworkType'];
    const publicPath = azurerm ? ['public_network_access_enabled'] : ['properties', 'publicNetworkAccess'];
    if (!absenceIsJudged(r, vnetPath) || !absenceIsJudged(r, publicPath)) continue;
    const vnet = read(r.body, vnetPath);
    const pub = read(r.body, publicPath);
    if (vnet.state === 'unknown' || pub.state === 'unknown') continue;
    if (vnet.state === 'known' && ['external', 'internal'].includes(text(vnet.value))) continue;
    if (pub.state === 'known' && ['disabled', 'false'].includes(text(pub.value))) continue;
    out.push({ resource: r, messageId: 'open', ...(vnet.state === 'known' ? { at: vnet.value } : {}) });
  }
  return out;
}

/** APIM-NETWORK: the prose is in `catalog/apim-network.yaml`. */
export const apimNetworkRule = createRule({
  id: 'APIM-NETWORK',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.ApiManagement/service', 'azurerm_api_management'],
  messages: {
    open: "API Management '{resource}' is in no virtual network and open to public networks, so its gateway and management endpoints face the internet.",
  },
  check: apimNetwork,
});
