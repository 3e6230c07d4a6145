/**
 * NSG-SSH, NSG-RDP, …: an inbound Allow rule from any source that opens a management port. Reads rules
 * inline in the NSG (`securityRules`, `security_rule` blocks) and as separate rule resources, singular and
 * plural prefixes and port ranges alike, in every dialect.
 */
import { getProperty, lookup, stringsOf, type ObjectValue, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { isAnySource, portRangeIncludes, portRangeIsAll } from './network-prefixes';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'open' | 'unknown';

interface RuleShape {
  readonly access: string;
  readonly direction: string;
  readonly protocol: string;
  readonly source: string;
  readonly sources: string;
  readonly port: string;
  readonly ports: string;
}

const ARM_SHAPE: RuleShape = {
  access: 'access',
  direction: 'direction',
  protocol: 'protocol',
  source: 'sourceAddressPrefix',
  sources: 'sourceAddressPrefixes',
  port: 'destinationPortRange',
  ports: 'destinationPortRanges',
};
const AZURERM_SHAPE: RuleShape = {
  access: 'access',
  direction: 'direction',
  protocol: 'protocol',
  source: 'source_address_prefix',
  sources: 'source_address_prefixes',
  port: 'destination_port_range',
  ports: 'destination_port_ranges',
};

/** The security-rule objects a resource carries, with the shape of their keys. */
function securityRulesOf(resource: Resource): Array<{ rule: ObjectValue; shape: RuleShape; name?: Value }> {
  const type = resource.type.toLowerCase();
  if (resource.dialect === 'azurerm') {
    if (type === 'azurerm_network_security_rule') return [{ rule: resource.body, shape: AZURERM_SHAPE }];
    if (type !== 'azurerm_network_security_group') return [];
    const blocks = getProperty(resource.body, 'security_rule')?.value;
    const items = blocks?.kind === 'array' ? blocks.items : blocks ? [blocks] : [];
    return items.filter((i): i is ObjectValue => i.kind === 'object').map((rule) => ({ rule, shape: AZURERM_SHAPE }));
  }
  if (type === 'microsoft.network/networksecuritygroups/securityrules') {
    const props = getProperty(resource.body, 'properties')?.value;
    return props?.kind === 'object' ? [{ rule: props, shape: ARM_SHAPE }] : [];
  }
  if (type !== 'microsoft.network/networksecuritygroups') return [];
  const list = lookup(resource.body, ['properties', 'securityRules']);
  if (list.state !== 'present' || list.value.kind !== 'array') return [];
  return list.value.items.flatMap((item) => {
    const props = item.kind === 'object' ? getProperty(item, 'properties')?.value : undefined;
    const name = item.kind === 'object' ? getProperty(item, 'name')?.value : undefined;
    return props?.kind === 'object' ? [{ rule: props, shape: ARM_SHAPE, ...(name ? { name } : {}) }] : [];
  });
}

function text(rule: ObjectValue, key: string): Value | undefined {
  return getProperty(rule, key)?.value;
}

function equalsIgnoreCase(v: Value | undefined, expected: string): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'unknown') return undefined;
  return v.kind === 'string' && v.value.toLowerCase() === expected;
}

export function nsgOpenPort(rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  // `port: '*'` (NSG-ANY-PORT) asks for rules that open every port rather than one.
  const allPorts = rule.options?.port === '*';
  const port = allPorts ? '*' : Number(rule.options?.port);
  const opens = (range: string): boolean =>
    allPorts ? portRangeIsAll(range) : portRangeIncludes(range, port as number) === true;
  const protocols = ((rule.options?.protocols as string[] | undefined) ?? ['tcp', '*']).map((p) => p.toLowerCase());
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing) continue;
    for (const { rule: r, shape, name: itemName } of securityRulesOf(resource)) {
      if (equalsIgnoreCase(text(r, shape.access), 'allow') !== true) continue;
      if (equalsIgnoreCase(text(r, shape.direction), 'inbound') !== true) continue;
      const protocol = text(r, shape.protocol);
      if (
        protocol?.kind === 'string' &&
        !protocols.includes(protocol.value.toLowerCase()) &&
        protocol.value.toLowerCase() !== 'any'
      )
        continue;
      const sources = [text(r, shape.source), text(r, shape.sources)]
        .filter((v): v is Value => v !== undefined)
        .map(stringsOf);
      const openSource = sources.flatMap((s) => s.known).find((s) => isAnySource(s.value));
      const ports = [text(r, shape.port), text(r, shape.ports)]
        .filter((v): v is Value => v !== undefined)
        .map(stringsOf);
      const openPort = ports.flatMap((p) => p.known).find((p) => opens(p.value));
      if (openSource && openPort) {
        const name = itemName ?? text(r, 'name');
        out.push({
          resource,
          messageId: 'open',
          data: {
            port,
            source: openSource.value,
            range: openPort.value,
            rule: name?.kind === 'string' ? name.value : resource.name,
          },
          at: openSource,
        });
        continue;
      }
      const unknownSource = sources.flatMap((s) => s.unknown)[0];
      const unknownPort = ports.flatMap((p) => p.unknown)[0];
      if ((openSource || unknownSource) && (openPort || unknownPort) && (unknownSource || unknownPort)) {
        const u = (unknownSource ?? unknownPort) as Value;
        out.push({ resource, messageId: 'unknown', data: { port }, at: u, unknown: u, severity: 'info' });
      }
    }
  }
  return out;
}

/** NSG-ANY-PORT: the prose is in `catalog/nsg-any-port.yaml`. */
export const nsgAnyPortRule = createRule({
  id: 'NSG-ANY-PORT',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.Network/networkSecurityGroups/securityRules',
    'azurerm_network_security_group',
    'azurerm_network_security_rule',
  ],
  options: { port: '*', protocols: ['tcp', 'udp', 'icmp', 'esp', 'ah', '*'] },
  messages: {
    open: "Security rule '{rule}' allows every port from '{source}' via port range '{range}'.",
    unknown: "Whether a security rule of '{resource}' opens every port to the internet depends on {dependsOn}.",
  },
  check: nsgOpenPort,
});

/** NSG-RDP: the prose is in `catalog/nsg-rdp.yaml`. */
export const nsgRdpRule = createRule({
  id: 'NSG-RDP',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.Network/networkSecurityGroups/securityRules',
    'azurerm_network_security_group',
    'azurerm_network_security_rule',
  ],
  options: { port: 3389, protocols: ['tcp', 'udp', '*'] },
  messages: {
    open: "Security rule '{rule}' allows RDP (port {port}) from '{source}' via port range '{range}'.",
    unknown: "Whether a security rule of '{resource}' opens RDP (port {port}) to the internet depends on {dependsOn}.",
  },
  check: nsgOpenPort,
});

/** NSG-SSH: the prose is in `catalog/nsg-ssh.yaml`. */
export const nsgSshRule = createRule({
  id: 'NSG-SSH',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.Network/networkSecurityGroups/securityRules',
    'azurerm_network_security_group',
    'azurerm_network_security_rule',
  ],
  options: { port: 22, protocols: ['tcp', '*'] },
  messages: {
    open: "Security rule '{rule}' allows SSH (port {port}) from '{source}' via port range '{range}'.",
    unknown: "Whether a security rule of '{resource}' opens SSH (port {port}) to the internet depends on {dependsOn}.",
  },
  check: nsgOpenPort,
});
