/**
 * APIM-PROTOCOLS: API Management that still accepts TLS 1.0, TLS 1.1 or SSL 3.0 (towards clients or backends)
 * or the 3DES cipher, and APIs that accept plain HTTP or WS. The protocol switches are `customProperties` keys
 * whose values are strings ("True"/"False"; azurerm `security` block booleans). Their default depends on when
 * the service was created (on for services created before April 2018, off after), which a template cannot
 * show, so only an explicit "true" is reported.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'legacy' | 'plain';

const PREFIX = 'microsoft.windowsazure.apimanagement.gateway.security.';

/** customProperties keys (after the common prefix) and what each switches on. */
const CUSTOM_PROPERTIES: ReadonlyArray<readonly [key: string, label: string]> = [
  ['protocols.tls10', 'TLS 1.0 for clients'],
  ['protocols.tls11', 'TLS 1.1 for clients'],
  ['protocols.ssl30', 'SSL 3.0 for clients'],
  ['backend.protocols.tls10', 'TLS 1.0 towards backends'],
  ['backend.protocols.tls11', 'TLS 1.1 towards backends'],
  ['backend.protocols.ssl30', 'SSL 3.0 towards backends'],
  ['ciphers.tripledes168', 'the 3DES cipher'],
];

/** azurerm `security` block attributes (v4 names, and the `enable_*` names v3 also accepted). */
const AZURERM_SECURITY: ReadonlyArray<readonly [names: readonly string[], label: string]> = [
  [['frontend_tls10_enabled', 'enable_frontend_tls10'], 'TLS 1.0 for clients'],
  [['frontend_tls11_enabled', 'enable_frontend_tls11'], 'TLS 1.1 for clients'],
  [['frontend_ssl30_enabled', 'enable_frontend_ssl30'], 'SSL 3.0 for clients'],
  [['backend_tls10_enabled', 'enable_backend_tls10'], 'TLS 1.0 towards backends'],
  [['backend_tls11_enabled', 'enable_backend_tls11'], 'TLS 1.1 towards backends'],
  [['backend_ssl30_enabled', 'enable_backend_ssl30'], 'SSL 3.0 towards backends'],
  [['triple_des_ciphers_enabled', 'enable_triple_des_ciphers'], 'the 3DES cipher'],
];

const isOn = (v: Value): boolean =>
  (v.kind === 'boolean' && v.value) || (v.kind === 'string' && v.value.trim().toLowerCase() === 'true');

function serviceSettings(r: Resource): RawFinding<MessageId>[] {
  const found = lookup(r.body, ['properties', 'customProperties']);
  if (found.state !== 'present' || found.value.kind !== 'object') return [];
  const out: RawFinding<MessageId>[] = [];
  for (const p of found.value.properties) {
    const key = p.key.toLowerCase();
    const hit = key.startsWith(PREFIX) ? CUSTOM_PROPERTIES.find(([k]) => k === key.slice(PREFIX.length)) : undefined;
    if (!hit || !isOn(p.value)) continue;
    // The value is a string in the API: the fix keeps it one.
    out.push({
      resource: r,
      messageId: 'legacy',
      data: { setting: hit[1] },
      at: p.value,
      fix: { kind: 'replace', title: `Set ${p.key} to "False"`, target: p.value, value: 'False', safe: true },
    });
  }
  return out;
}

function azurermSettings(r: Resource): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const [names, label] of AZURERM_SECURITY) {
    for (const name of names) {
      const v = lookup(r.body, ['security', name]);
      if (v.state !== 'present' || !isOn(v.value)) continue;
      out.push({
        resource: r,
        messageId: 'legacy',
        data: { setting: label },
        at: v.value,
        fix: { kind: 'replace', title: `Set ${name} to false`, target: v.value, value: false, safe: true },
      });
    }
  }
  return out;
}

const ENCRYPTED: Readonly<Record<string, string>> = { http: 'https', ws: 'wss' };

/**
 * An API's `protocols` list naming plain `http` or `ws`. Where the list lacks the encrypted protocol, the fix
 * names it instead (for review only: clients must move first); where it has it, the plain entry is only to be
 * deleted, which a fix that sets values cannot do.
 */
function apiProtocols(r: Resource, path: readonly string[]): RawFinding<MessageId>[] {
  const found = lookup(r.body, path);
  if (found.state !== 'present' || found.value.kind !== 'array') return [];
  const listed = new Set(found.value.items.flatMap((i) => (i.kind === 'string' ? [i.value.toLowerCase()] : [])));
  const out: RawFinding<MessageId>[] = [];
  for (const item of found.value.items) {
    const secure = item.kind === 'string' ? ENCRYPTED[item.value.toLowerCase()] : undefined;
    if (item.kind !== 'string' || !secure) continue;
    const fix = listed.has(secure)
      ? {}
      : {
          fix: {
            kind: 'replace' as const,
            title: `Accept ${secure} instead of ${item.value}`,
            target: item,
            value: secure,
            safe: false,
          },
        };
    out.push({ resource: r, messageId: 'plain', data: { protocol: item.value }, at: item, ...fix });
  }
  return out;
}

export function apimProtocols(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing) continue;
    switch (r.type.toLowerCase()) {
      case 'microsoft.apimanagement/service':
        out.push(...serviceSettings(r));
        break;
      case 'azurerm_api_management':
        out.push(...azurermSettings(r));
        break;
      case 'microsoft.apimanagement/service/apis':
        out.push(...apiProtocols(r, ['properties', 'protocols']));
        break;
      case 'azurerm_api_management_api':
        out.push(...apiProtocols(r, ['protocols']));
        break;
    }
  }
  return out;
}

/** APIM-PROTOCOLS: the prose is in `catalog/apim-protocols.yaml`. */
export const apimProtocolsRule = createRule({
  id: 'APIM-PROTOCOLS',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.ApiManagement/service',
    'Microsoft.ApiManagement/service/apis',
    'azurerm_api_management',
    'azurerm_api_management_api',
  ],
  messages: {
    legacy: "API Management '{resource}' accepts {setting}.",
    plain: "API '{resource}' accepts unencrypted {protocol} requests.",
  },
  check: apimProtocols,
});
