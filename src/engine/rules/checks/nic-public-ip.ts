/**
 * VM-PUBLIC-IP: a network interface (or a scale set's NIC configuration) whose IP configuration carries a
 * public IP address. Every IP configuration is read, inline and as repeated Terraform blocks. The public IP is
 * usually a reference (known only at deployment), so presence is what counts, not the value.
 */
import { getProperty, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'public' | 'unknown';

const PATHS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.network/networkinterfaces': ['properties', 'ipConfigurations', 'properties', 'publicIPAddress'],
  'microsoft.compute/virtualmachinescalesets': [
    'properties',
    'virtualMachineProfile',
    'networkProfile',
    'networkInterfaceConfigurations',
    'properties',
    'ipConfigurations',
    'properties',
    'publicIPAddressConfiguration',
  ],
  azurerm_network_interface: ['ip_configuration', 'public_ip_address_id'],
  azurerm_linux_virtual_machine_scale_set: ['network_interface', 'ip_configuration', 'public_ip_address'],
  azurerm_windows_virtual_machine_scale_set: ['network_interface', 'ip_configuration', 'public_ip_address'],
};

/** Values found at the end of `path` (mapping over lists), and unknown nodes that stopped the walk earlier. */
function walk(root: Value, path: readonly string[]): { found: Value[]; blocked: Value[] } {
  let frontier: Value[] = [root];
  const blocked: Value[] = [];
  path.forEach((key, i) => {
    const next: Value[] = [];
    for (const node of frontier) {
      for (const item of node.kind === 'array' ? node.items : [node]) {
        if (item.kind === 'unknown') blocked.push(item);
        if (item.kind !== 'object') continue;
        const v = getProperty(item, key)?.value;
        if (v && (i === path.length - 1 || v.kind !== 'null')) next.push(v);
      }
    }
    frontier = next;
  });
  return { found: frontier.flatMap((v) => (v.kind === 'array' ? [...v.items] : [v])), blocked };
}

export function nicPublicIp(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    const path = PATHS[resource.type.toLowerCase()];
    if (!path || resource.existing) continue;
    const { found, blocked } = walk(resource.body, path);
    for (const v of found) {
      if (v.kind === 'null' || (v.kind === 'string' && v.value.trim() === '')) continue;
      out.push({ resource, messageId: 'public', at: v });
    }
    for (const u of blocked) out.push({ resource, messageId: 'unknown', at: u, unknown: u, severity: 'info' });
  }
  return out;
}

/** VM-PUBLIC-IP: the prose is in `catalog/vm-public-ip.yaml`. */
export const vmPublicIpRule = createRule({
  id: 'VM-PUBLIC-IP',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Network/networkInterfaces',
    'Microsoft.Compute/virtualMachineScaleSets',
    'azurerm_network_interface',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
  ],
  messages: {
    public: "'{resource}' attaches a public IP address to an IP configuration.",
    unknown: "Whether '{resource}' attaches a public IP address depends on {dependsOn}.",
  },
  check: nicPublicIp,
});
