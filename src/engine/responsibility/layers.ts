/**
 * Microsoft's shared-responsibility model as data: ten layers, and who owns each under each service model.
 * Every surface (hover, view, CLI summary, SARIF) reads this table; nothing else encodes ownership.
 */

export type ServiceModel = 'IaaS' | 'PaaS' | 'SaaS';
export type DeploymentModel = 'On-premises' | ServiceModel;
export const DEPLOYMENT_MODELS: readonly DeploymentModel[] = ['On-premises', 'IaaS', 'PaaS', 'SaaS'];
export type Owner = 'customer' | 'shared' | 'microsoft';

export type LayerId =
  | 'customer-data'
  | 'configurations'
  | 'identities'
  | 'client-devices'
  | 'applications'
  | 'network-controls'
  | 'operating-system'
  | 'physical-hosts'
  | 'physical-network'
  | 'physical-datacenter';

export interface Layer {
  readonly id: LayerId;
  readonly title: string;
  /** Who owns the layer under each model. */
  readonly owners: Readonly<Record<DeploymentModel, Owner>>;
  /** What this layer covers, in one sentence (our words). */
  readonly covers: string;
  /** For Microsoft-owned cells: what Microsoft secures there. */
  readonly microsoftSecures?: string;
}

const C = 'customer';
const S = 'shared';
const M = 'microsoft';

export const LAYERS: readonly Layer[] = [
  {
    id: 'customer-data',
    title: 'Customer data',
    owners: { 'On-premises': C, IaaS: C, PaaS: C, SaaS: C },
    covers: 'The data you store: who can read it anonymously, how it is encrypted, kept and recovered.',
  },
  {
    id: 'configurations',
    title: 'Configurations and settings',
    owners: { 'On-premises': C, IaaS: C, PaaS: C, SaaS: C },
    covers: 'Service hardening switches: TLS and HTTPS, auditing and logs, retention, Defender plans.',
  },
  {
    id: 'identities',
    title: 'Identities and users',
    owners: { 'On-premises': C, IaaS: C, PaaS: C, SaaS: C },
    covers: 'Who or what can authenticate and what they may do: keys, local accounts, Entra ID, RBAC, secrets.',
  },
  {
    id: 'client-devices',
    title: 'Client devices',
    owners: { 'On-premises': C, IaaS: C, PaaS: C, SaaS: S },
    covers: 'The devices that reach the service; governed in Entra ID and Intune, not in templates.',
  },
  {
    id: 'applications',
    title: 'Applications',
    owners: { 'On-premises': C, IaaS: C, PaaS: S, SaaS: S },
    covers: 'Application-level features of hosted apps: debugging endpoints, built-in authentication, runtimes.',
  },
  {
    id: 'network-controls',
    title: 'Network controls',
    owners: { 'On-premises': C, IaaS: C, PaaS: S, SaaS: M },
    covers: 'Which network paths reach the resource: public access, firewalls, NSG rules, private endpoints.',
    microsoftSecures: 'In SaaS, Microsoft runs the network perimeter of the service.',
  },
  {
    id: 'operating-system',
    title: 'Operating system',
    owners: { 'On-premises': C, IaaS: C, PaaS: M, SaaS: M },
    covers: 'The guest OS: patching, login methods, hardening.',
    microsoftSecures: 'In PaaS and SaaS, Microsoft patches and hardens the operating system under the service.',
  },
  {
    id: 'physical-hosts',
    title: 'Physical hosts',
    owners: { 'On-premises': C, IaaS: M, PaaS: M, SaaS: M },
    covers: 'The servers and hypervisors.',
    microsoftSecures: 'Microsoft secures the servers, firmware and hypervisor your workloads run on.',
  },
  {
    id: 'physical-network',
    title: 'Physical network',
    owners: { 'On-premises': C, IaaS: M, PaaS: M, SaaS: M },
    covers: 'Datacenter switches, cabling and the backbone.',
    microsoftSecures: 'Microsoft secures the datacenter network fabric and the backbone between regions.',
  },
  {
    id: 'physical-datacenter',
    title: 'Physical datacenter',
    owners: { 'On-premises': C, IaaS: M, PaaS: M, SaaS: M },
    covers: 'Buildings, power, physical access.',
    microsoftSecures: 'Microsoft secures the buildings, power, cooling and physical access.',
  },
];

const BY_ID = new Map(LAYERS.map((l) => [l.id, l]));

export function layerById(id: LayerId): Layer {
  const layer = BY_ID.get(id);
  if (!layer) throw new Error(`unknown layer '${id}'`);
  return layer;
}

export function isLayerId(id: string): id is LayerId {
  return BY_ID.has(id as LayerId);
}

export function ownerOf(layer: LayerId, model: DeploymentModel): Owner {
  return layerById(layer).owners[model];
}
