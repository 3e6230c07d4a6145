/**
 * MI-USAGE: a Kubernetes cluster that signs in to Azure with a service principal and its secret instead of a
 * managed identity. ARM, Bicep and azapi: `properties.servicePrincipalProfile.clientId` other than `msi` on a
 * cluster whose `identity.type` is not a managed one (what Azure Policy da6e2401 audits); azurerm: a
 * `service_principal` block, which the provider allows only in place of `identity`. A client id that depends on
 * the deployment is reported only with --report-unknown; a cluster with neither is not judged. The secret
 * itself is never read into a message.
 */
import { getProperty, lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'servicePrincipal' | 'unknown';

const MANAGED = /^(systemassigned|userassigned|systemassigned,\s*userassigned)$/i;

function armCluster(resource: Resource): RawFinding<MessageId> | undefined {
  const identity = lookup(resource.body, ['identity', 'type']);
  if (identity.state === 'present' && identity.value.kind === 'string' && MANAGED.test(identity.value.value.trim()))
    return undefined;
  const clientId = lookup(resource.body, ['properties', 'servicePrincipalProfile', 'clientId']);
  if (clientId.state !== 'present') return undefined;
  const v: Value = clientId.value;
  // An identity known only at deployment may be the managed one that makes the profile moot.
  if (identity.state === 'present' && identity.value.kind === 'unknown')
    return { resource, messageId: 'unknown', at: identity.value, unknown: identity.value, severity: 'info' };
  if (v.kind === 'string') {
    const id = v.value.trim();
    return id === '' || id.toLowerCase() === 'msi' ? undefined : { resource, messageId: 'servicePrincipal', at: v };
  }
  return v.kind === 'unknown' ? { resource, messageId: 'unknown', at: v, unknown: v, severity: 'info' } : undefined;
}

function azurermCluster(resource: Resource): RawFinding<MessageId> | undefined {
  const block = getProperty(resource.body, 'service_principal');
  if (!block) return undefined;
  const first = block.value.kind === 'array' ? block.value.items[0] : block.value;
  return first ? { resource, messageId: 'servicePrincipal', at: first } : undefined;
}

export function managedIdentityUsage(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing) continue;
    const type = resource.type.toLowerCase();
    const f =
      type === 'microsoft.containerservice/managedclusters'
        ? armCluster(resource)
        : type === 'azurerm_kubernetes_cluster'
          ? azurermCluster(resource)
          : undefined;
    if (f) out.push(f);
  }
  return out;
}

/** MI-USAGE: the prose is in `catalog/mi-usage.yaml`. */
export const miUsageRule = createRule({
  id: 'MI-USAGE',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.ContainerService/managedClusters', 'azurerm_kubernetes_cluster'],
  messages: {
    servicePrincipal:
      "Kubernetes cluster '{resource}' signs in to Azure with a service principal and its secret instead of a managed identity.",
    unknown:
      "Whether Kubernetes cluster '{resource}' uses a service principal instead of a managed identity depends on {dependsOn}.",
  },
  check: managedIdentityUsage,
});
