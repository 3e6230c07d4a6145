/**
 * AFD-WAF: Front Door entry points without a web application firewall.
 *
 * - Classic Front Door (`Microsoft.Network/frontDoors`, azurerm `azurerm_frontdoor`): each frontend endpoint
 *   names its WAF policy (`webApplicationFirewallPolicyLink.id`, azurerm
 *   `web_application_firewall_policy_link_id`); one without is reported where it is written, at the rule's
 *   severity, as the built-in policy does.
 * - Front Door Standard/Premium (`Microsoft.Cdn/profiles` with an AzureFrontDoor SKU, azurerm
 *   `azurerm_cdn_frontdoor_profile`): the WAF is a separate security policy of type WebApplicationFirewall. A
 *   profile with endpoints and no such policy in its file is reported at info (the policy may be another
 *   template's); a security policy whose profile cannot be told keeps profiles quiet.
 */
import { getProperty, hasContent, lookup, lookupAll, presentAt } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { isLinked, ofTypes, targetUnknown } from './companions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'endpoint' | 'profile';

function classic(r: Resource): RawFinding<MessageId>[] {
  const azurerm = r.dialect === 'azurerm';
  const out: RawFinding<MessageId>[] = [];
  for (const endpoint of lookupAll(r.body, azurerm ? ['frontend_endpoint'] : ['properties', 'frontendEndpoints'])) {
    if (endpoint.kind !== 'object') continue;
    const link = presentAt(
      endpoint,
      azurerm ? ['web_application_firewall_policy_link_id'] : ['properties', 'webApplicationFirewallPolicyLink'],
    );
    if (hasContent(link)) continue;
    const name = getProperty(endpoint, 'name')?.value;
    out.push({
      resource: r,
      messageId: 'endpoint',
      data: { endpoint: name?.kind === 'string' ? name.value : 'a frontend endpoint' },
      at: endpoint,
    });
  }
  return out;
}

const FRONT_DOOR_SKU = /azurefrontdoor/i;

function isFrontDoorProfile(r: Resource): boolean {
  if (r.type.toLowerCase() === 'azurerm_cdn_frontdoor_profile') return true;
  const sku = lookup(r.body, ['sku', 'name']);
  return sku.state === 'present' && sku.value.kind === 'string' && FRONT_DOOR_SKU.test(sku.value.value);
}

function isWafPolicy(p: Resource): boolean {
  if (p.dialect === 'azurerm') return true; // azurerm_cdn_frontdoor_security_policy is always a firewall policy
  const type = lookup(p.body, ['properties', 'parameters', 'type']);
  return (
    type.state !== 'present' ||
    type.value.kind !== 'string' ||
    type.value.value.toLowerCase() === 'webapplicationfirewall'
  );
}

/** Whether the security policy belongs to the profile (parent, reference, ARM child name, or azurerm profile id). */
function protects(p: Resource, profile: Resource): boolean {
  if (isLinked(p, profile)) return true;
  const id = p.dialect === 'azurerm' ? getProperty(p.body, 'cdn_frontdoor_profile_id')?.value : undefined;
  return id?.kind === 'string' && id.value.toLowerCase().endsWith(`/${profile.name.toLowerCase()}`);
}

export function frontDoorWaf(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of ofTypes(doc.resources, ['Microsoft.Network/frontDoors', 'azurerm_frontdoor']))
    out.push(...classic(r));
  const policies = ofTypes(doc.resources, [
    'Microsoft.Cdn/profiles/securityPolicies',
    'azurerm_cdn_frontdoor_security_policy',
  ]).filter(isWafPolicy);
  if (policies.some((p) => targetUnknown(p, 'cdn_frontdoor_profile_id', doc.resources))) return out;
  const endpoints = ofTypes(doc.resources, ['Microsoft.Cdn/profiles/afdEndpoints', 'azurerm_cdn_frontdoor_endpoint']);
  for (const profile of ofTypes(doc.resources, ['Microsoft.Cdn/profiles', 'azurerm_cdn_frontdoor_profile']).filter(
    isFrontDoorProfile,
  )) {
    if (profile.partial) continue;
    // A profile without endpoints in its file serves nothing from here: its endpoints and their WAF live elsewhere.
    const served = endpoints.some(
      (e) => isLinked(e, profile) || (e.dialect === 'azurerm' && e.references?.includes(profile.symbol)),
    );
    if (!served || policies.some((p) => protects(p, profile))) continue;
    out.push({ resource: profile, messageId: 'profile', severity: 'info' });
  }
  return out;
}

/** AFD-WAF: the prose is in `catalog/afd-waf.yaml`. */
export const afdWafRule = createRule({
  id: 'AFD-WAF',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Network/frontDoors',
    'Microsoft.Cdn/profiles',
    'Microsoft.Cdn/profiles/securityPolicies',
    'azurerm_frontdoor',
    'azurerm_cdn_frontdoor_profile',
    'azurerm_cdn_frontdoor_security_policy',
  ],
  messages: {
    endpoint: "Front Door '{resource}' serves {endpoint} without a web application firewall policy.",
    profile:
      "Front Door profile '{resource}' has endpoints but no WAF security policy in this file; it may be associated by another template.",
  },
  check: frontDoorWaf,
});
