/**
 * BKP-VM: virtual machines that a template which manages Azure Backup (it declares a Recovery Services vault or a
 * protected item) leaves unprotected. A template that declares no vault says nothing about backup, which is
 * often applied by Azure Policy or another pipeline, so it stays quiet. A protected item is linked to its VM by
 * reference (Bicep `vm.id`, Terraform `source_vm_id`, ARM `resourceId()` naming the VM) or, in ARM, by the
 * Recovery Services naming convention (`…;<vm name>`); an item that protects none of the VMs declared here
 * (its VM is computed elsewhere, or lives in another template) keeps every VM quiet.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { isLinked, ofTypes } from './companions';
import { trimEndOf } from '../../core/trim';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent';

const VMS = [
  'Microsoft.Compute/virtualMachines',
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_virtual_machine',
];
const ITEMS = [
  'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
  'azurerm_backup_protected_vm',
];
const VAULTS = ['Microsoft.RecoveryServices/vaults', 'azurerm_recovery_services_vault'];

/** Terraform `source_vm_id = azurerm_linux_virtual_machine.x.id`: the VM resource it is computed from. */
function sourceVmSymbol(item: Resource): string | undefined {
  const source = lookup(item.body, ['source_vm_id']);
  return source.state === 'present' && source.value.kind === 'unknown' ? source.value.computedFrom : undefined;
}

/** The VM name in a resource id: a literal id, or the last argument of `resourceId(…)`. */
function vmNameOfId(v: Value): string | undefined {
  if (v.kind === 'string') return v.value.split('/').pop()?.toLowerCase();
  if (v.kind === 'unknown' && v.call && /resourceid$/i.test(v.call.name)) return v.call.args.at(-1)?.toLowerCase();
  return undefined;
}

/** The VM name an ARM protected item names, if it can be read. */
function namedVm(item: Resource): string | undefined {
  const source = lookup(item.body, ['properties', 'sourceResourceId']);
  const fromSource = source.state === 'present' ? vmNameOfId(source.value) : undefined;
  if (fromSource) return fromSource;
  const last = leafName(item.name);
  return last.includes(';') ? trimEndOf(last.split(';').pop() ?? '', "')]").toLowerCase() : undefined;
}

function protects(item: Resource, vm: Resource): boolean {
  // Terraform links by source_vm_id alone: the item also references its vault and policy.
  if (item.dialect === 'azurerm') return sourceVmSymbol(item) === vm.symbol;
  if (isLinked(item, vm)) return true;
  return vm.dialect !== 'azurerm' && namedVm(item) === vm.name.toLowerCase();
}

export function vmBackup(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const items = ofTypes(doc.resources, ITEMS);
  if (items.length === 0 && ofTypes(doc.resources, VAULTS).length === 0) return [];
  const vms = ofTypes(doc.resources, VMS);
  // An item that protects none of the VMs declared here protects one this analysis cannot tell: stay quiet.
  if (items.some((i) => !vms.some((vm) => protects(i, vm)))) return [];
  return vms.filter((vm) => !items.some((i) => protects(i, vm))).map((vm) => ({ resource: vm, messageId: 'absent' }));
}

/** BKP-VM: the prose is in `catalog/bkp-vm.yaml`. */
export const bkpVmRule = createRule({
  id: 'BKP-VM',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Compute/virtualMachines',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_virtual_machine',
  ],
  messages: {
    absent:
      "VM '{resource}' has no Azure Backup protected item, although this template manages a Recovery Services vault.",
  },
  check: vmBackup,
});
