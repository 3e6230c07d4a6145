/**
 * VM-LINUX-PWD: Linux VMs that accept SSH password login. ARM/Bicep/azapi: `disablePasswordAuthentication` set
 * to false, or left unset while an `adminPassword` is given (the API then allows password login). azurerm:
 * `disable_password_authentication = false` (its default is true); the legacy `azurerm_virtual_machine` block
 * `os_profile_linux_config` likewise. VMSS profiles are read the same way.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent' | 'insecure' | 'unknown';

interface Shape {
  readonly flag: readonly string[];
  readonly password?: readonly string[];
  /** The block whose presence says "this is a Linux VM" (ARM: linuxConfiguration). */
  readonly linux?: readonly string[];
}

const SHAPES: Readonly<Record<string, Shape>> = {
  'microsoft.compute/virtualmachines': {
    flag: ['properties', 'osProfile', 'linuxConfiguration', 'disablePasswordAuthentication'],
    password: ['properties', 'osProfile', 'adminPassword'],
    linux: ['properties', 'osProfile', 'linuxConfiguration'],
  },
  'microsoft.compute/virtualmachinescalesets': {
    flag: ['properties', 'virtualMachineProfile', 'osProfile', 'linuxConfiguration', 'disablePasswordAuthentication'],
    password: ['properties', 'virtualMachineProfile', 'osProfile', 'adminPassword'],
    linux: ['properties', 'virtualMachineProfile', 'osProfile', 'linuxConfiguration'],
  },
  azurerm_linux_virtual_machine: { flag: ['disable_password_authentication'] },
  azurerm_linux_virtual_machine_scale_set: { flag: ['disable_password_authentication'] },
  azurerm_virtual_machine: {
    flag: ['os_profile_linux_config', 'disable_password_authentication'],
    linux: ['os_profile_linux_config'],
  },
};

function flagged(resource: Resource, shape: Shape): RawFinding<MessageId> | undefined {
  if (shape.linux) {
    // Only a Linux block that is an object tells a Linux VM (AVM modules set it to null for Windows).
    const linux = lookup(resource.body, shape.linux);
    if (linux.state !== 'present' || linux.value.kind !== 'object') return undefined;
  }
  const flag = lookup(resource.body, shape.flag);
  if (flag.state === 'present') {
    const v: Value = flag.value;
    if (v.kind === 'unknown') return { resource, messageId: 'unknown', at: v, unknown: v, severity: 'info' };
    if (v.kind === 'boolean' && !v.value) {
      const fromParameter = v.origin?.kind === 'parameter' || v.origin?.kind === 'variable';
      return {
        resource,
        messageId: 'insecure',
        data: { path: shape.flag.join('.') },
        at: v,
        // Only when a key is there too would the fix leave the VM reachable; a person decides.
        fix: {
          kind: 'replace',
          title: `Set ${shape.flag[shape.flag.length - 1] ?? ''} to true`,
          target: v,
          value: true,
          safe: !fromParameter && v.origin?.kind !== 'computed',
        },
      };
    }
    return undefined;
  }
  // Absent: azurerm's default is true; ARM allows passwords when one is supplied.
  if (!shape.password || lookup(resource.body, shape.password).state === 'absent') return undefined;
  // Never safe: the VM may have no SSH key yet, and the fix would lock its administrator out.
  return {
    resource,
    messageId: 'absent',
    data: { path: shape.flag.join('.') },
    fix: {
      kind: 'insert',
      title: `Add ${shape.flag.join('.')}: true (supply an SSH key first)`,
      path: shape.flag,
      value: true,
      safe: false,
    },
  };
}

export function linuxPasswordAuth(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    const shape = SHAPES[resource.type.toLowerCase()];
    if (!shape || resource.existing) continue;
    const f = flagged(resource, shape);
    if (f) out.push(f);
  }
  return out;
}

export const vmLinuxPwdRule = createRule({
  id: 'VM-LINUX-PWD',
  meta: {
    title: 'Linux virtual machines accept SSH keys only',
    severity: 'error',
    risk: 'high',
    layer: 'operating-system',
    mcsb: ['IM-6'],
    policy: {
      name: 'Authentication to Linux machines should require SSH keys',
      id: '630c64f9-8b6b-4c64-b511-6544ceff6fd6',
    },
    rationale: [
      'Password login over SSH invites brute-force attacks against the administrator account; keys cannot be guessed.',
      'In IaaS the guest operating system is yours to harden. The API states no default for',
      'disablePasswordAuthentication; a VM created with an adminPassword and the flag unset accepts password login,',
      'so the conservative choice is made: an explicit false is reported, and so is an unset flag next to an',
      'adminPassword. azurerm_linux_virtual_machine(_scale_set) defaults to true, so only an explicit false is reported there; the legacy azurerm_virtual_machine os_profile_linux_config block is reported only on an explicit false (older provider docs gave its default as false, newer ones make it required). The absent-flag fix is offered but never applied automatically: supply an SSH key first. The Azure Policy',
      'built-in named here audits running machines through guest configuration; this rule reads the template.',
    ].join(' '),
    remediation: [
      'Set linuxConfiguration.disablePasswordAuthentication to true, supply ssh.publicKeys and drop adminPassword',
      '(azurerm disable_password_authentication = true with an admin_ssh_key block).',
    ].join(' '),
    references: [
      'https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed',
      'bicep-types-az microsoft.compute (linuxConfiguration.disablePasswordAuthentication; no default stated)',
      'terraform-provider-azurerm website/docs/r/linux_virtual_machine.html.markdown and linux_virtual_machine_scale_set (disable_password_authentication defaults to true)',
    ],
  },
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Compute/virtualMachines',
    'Microsoft.Compute/virtualMachineScaleSets',
    'azurerm_linux_virtual_machine',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_virtual_machine',
  ],
  messages: {
    insecure: "Linux VM '{resource}' allows SSH password login ({path} is false).",
    absent: "Linux VM '{resource}' has an administrator password and does not set {path}, so SSH password login works.",
    unknown: "Whether Linux VM '{resource}' allows SSH password login depends on {dependsOn}.",
  },
  check: linuxPasswordAuth,
});
