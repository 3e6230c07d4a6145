/**
 * AKS-API-ACCESS: an AKS API server reachable from any address: neither a private cluster nor authorized IP
 * ranges (ranges that include 0.0.0.0/0 do not count). Either setting is enough, which a single property check
 * cannot say. A value known only at deployment is not judged.
 */
import { lookup, type Value } from '../../core/value';
import type { Resource } from '../../model/resource';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { absenceIsJudged } from '../property-check';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'open';

type Verdict = 'restricted' | 'open' | 'unknown';

function at(r: Resource, path: readonly string[]): Value | undefined {
  const found = lookup(r.body, path);
  return found.state === 'present' && found.value.kind !== 'null' ? found.value : undefined;
}

function privateCluster(v: Value | undefined): Verdict {
  if (!v) return 'open';
  if (v.kind === 'unknown') return 'unknown';
  return v.kind === 'boolean' && v.value ? 'restricted' : 'open';
}

function ranges(v: Value | undefined): Verdict {
  if (!v) return 'open';
  if (v.kind === 'unknown') return 'unknown';
  if (v.kind !== 'array') return 'open';
  if (v.items.some((i) => i.kind === 'unknown')) return 'unknown';
  const cidrs = v.items.flatMap((i) => (i.kind === 'string' ? [i.value.trim()] : []));
  if (cidrs.length === 0 || cidrs.some((c) => c === '0.0.0.0/0' || c === '0.0.0.0')) return 'open';
  return 'restricted';
}

function verdictOf(r: Resource): Verdict {
  const azurerm = r.dialect === 'azurerm';
  const isPrivate = privateCluster(
    at(r, azurerm ? ['private_cluster_enabled'] : ['properties', 'apiServerAccessProfile', 'enablePrivateCluster']),
  );
  const allowed = azurerm
    ? ranges(at(r, ['api_server_access_profile', 'authorized_ip_ranges']) ?? at(r, ['api_server_authorized_ip_ranges']))
    : ranges(at(r, ['properties', 'apiServerAccessProfile', 'authorizedIPRanges']));
  if (isPrivate === 'restricted' || allowed === 'restricted') return 'restricted';
  return isPrivate === 'unknown' || allowed === 'unknown' ? 'unknown' : 'open';
}

export function aksApiAccess(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    const t = r.type.toLowerCase();
    if (r.existing || (t !== 'microsoft.containerservice/managedclusters' && t !== 'azurerm_kubernetes_cluster'))
      continue;
    // A patch (azapi_update_resource) or a spread body may set what is not written here.
    if (!absenceIsJudged(r, ['properties'])) continue;
    if (verdictOf(r) === 'open') out.push({ resource: r, messageId: 'open' });
  }
  return out;
}

/** AKS-API-ACCESS: the prose is in `catalog/aks-api-access.yaml`. */
export const aksApiAccessRule = createRule({
  id: 'AKS-API-ACCESS',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.ContainerService/managedClusters', 'azurerm_kubernetes_cluster'],
  messages: {
    open: "AKS cluster '{resource}' exposes its API server to every address: it is neither private nor limited to authorized IP ranges.",
  },
  check: aksApiAccess,
});
