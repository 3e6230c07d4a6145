/**
 * Customer-managed keys (STG-CMK, SQL-CMK, COSMOS-CMK, DISK-CMK): does the resource encrypt its data with a key
 * the customer holds? A key can be named on the resource itself or by a companion resource of the same file
 * (Terraform `azurerm_storage_account_customer_managed_key`, an SQL `encryptionProtector`). A key id that is a
 * parameter still chooses a customer-managed key, so presence is what counts; only a setting that names the key
 * source (storage `keySource`) can be unknown.
 */
import { lookup, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent' | 'insecure' | 'unknown';

type Verdict =
  | { readonly state: 'cmk' }
  /** A setting names the platform's key (`at` shows it), or nothing names a key (`at` absent). */
  | { readonly state: 'platform'; readonly at?: Value; readonly path: string }
  | { readonly state: 'unknown'; readonly at: Value; readonly path: string };

interface Target {
  readonly types: readonly string[];
  readonly judge: (resource: Resource, doc: AnalyzedDocument) => Verdict | undefined;
}

const lower = (s: string): string => s.toLowerCase();

function valueAt(r: Resource, path: string): Value | undefined {
  const found = lookup(r.body, path.split('.'));
  return found.state === 'present' && found.value.kind !== 'null' ? found.value : undefined;
}

/** Any of the paths is set (to anything, a parameter included). */
function anySet(r: Resource, ...paths: string[]): boolean {
  return paths.some((p) => valueAt(r, p) !== undefined);
}

/** `companion` is declared for `target`: Terraform reference, Bicep `parent:`, ARM child named `target/…`. */
function linked(companion: Resource, target: Resource): boolean {
  if (companion.parentSymbol === target.symbol || companion.references?.includes(target.symbol)) return true;
  return (
    lower(companion.type).startsWith(`${lower(target.type)}/`) &&
    lower(companion.name).startsWith(`${lower(target.name)}/`)
  );
}

function companions(doc: AnalyzedDocument, target: Resource, type: string): Resource[] {
  return doc.resources.filter((c) => lower(c.type) === lower(type) && linked(c, target));
}

const CMK: Verdict = { state: 'cmk' };

function platform(path: string, at?: Value): Verdict {
  return at ? { state: 'platform', at, path } : { state: 'platform', path };
}

/** A setting naming the key source: `cmkValues` mean customer-managed; unknown stays unknown. */
function keySource(r: Resource, path: string, cmkValues: readonly string[]): Verdict {
  const v = valueAt(r, path);
  if (!v) return platform(path);
  if (v.kind === 'unknown') return { state: 'unknown', at: v, path };
  if (v.kind === 'string' && cmkValues.some((x) => lower(x) === lower(v.value))) return CMK;
  return platform(path, v);
}

const TARGETS: Readonly<Record<string, Target>> = {
  storage: {
    types: ['Microsoft.Storage/storageAccounts', 'azurerm_storage_account'],
    judge: (r, doc) => {
      if (r.dialect !== 'azurerm') return keySource(r, 'properties.encryption.keySource', ['Microsoft.Keyvault']);
      if (
        anySet(r, 'customer_managed_key') ||
        companions(doc, r, 'azurerm_storage_account_customer_managed_key').length > 0
      )
        return CMK;
      return platform('customer_managed_key');
    },
  },
  sql: {
    types: ['Microsoft.Sql/servers', 'azurerm_mssql_server'],
    judge: (r, doc) => {
      if (r.dialect !== 'azurerm') {
        if (anySet(r, 'properties.keyId')) return CMK;
        const protector = companions(doc, r, 'Microsoft.Sql/servers/encryptionProtector')[0];
        return protector
          ? keySource(protector, 'properties.serverKeyType', ['AzureKeyVault'])
          : platform('properties.keyId');
      }
      if (anySet(r, 'transparent_data_encryption_key_vault_key_id')) return CMK;
      const tde = companions(doc, r, 'azurerm_mssql_server_transparent_data_encryption');
      if (tde.some((t) => anySet(t, 'key_vault_key_id', 'managed_hsm_key_id'))) return CMK;
      return platform('transparent_data_encryption_key_vault_key_id');
    },
  },
  cosmos: {
    types: ['Microsoft.DocumentDB/databaseAccounts', 'azurerm_cosmosdb_account'],
    judge: (r) => {
      if (r.dialect !== 'azurerm')
        return anySet(r, 'properties.keyVaultKeyUri') ? CMK : platform('properties.keyVaultKeyUri');
      return anySet(r, 'key_vault_key_id', 'managed_hsm_key_id') ? CMK : platform('key_vault_key_id');
    },
  },
  disk: {
    types: [
      'Microsoft.Compute/disks',
      'Microsoft.Compute/virtualMachines',
      'azurerm_managed_disk',
      'azurerm_linux_virtual_machine',
      'azurerm_windows_virtual_machine',
    ],
    judge: (r) => {
      const type = lower(r.type);
      if (type === 'microsoft.compute/disks') {
        if (anySet(r, 'properties.encryption.diskEncryptionSetId')) return CMK;
        return keySource(r, 'properties.encryption.type', [
          'EncryptionAtRestWithCustomerKey',
          'EncryptionAtRestWithPlatformAndCustomerKeys',
        ]);
      }
      if (type === 'microsoft.compute/virtualmachines') {
        // An attached disk is a resource of its own, judged there.
        const create = valueAt(r, 'properties.storageProfile.osDisk.createOption');
        if (create?.kind === 'string' && lower(create.value) === 'attach') return undefined;
        if (!valueAt(r, 'properties.storageProfile')) return undefined;
        return anySet(r, 'properties.storageProfile.osDisk.managedDisk.diskEncryptionSet.id')
          ? CMK
          : platform('properties.storageProfile.osDisk.managedDisk.diskEncryptionSet.id');
      }
      if (type === 'azurerm_managed_disk')
        return anySet(r, 'disk_encryption_set_id', 'secure_vm_disk_encryption_set_id')
          ? CMK
          : platform('disk_encryption_set_id');
      return anySet(r, 'os_disk.disk_encryption_set_id', 'os_disk.secure_vm_disk_encryption_set_id')
        ? CMK
        : platform('os_disk.disk_encryption_set_id');
    },
  },
};

/** Names `options.target` may take. */
export const CMK_TARGETS: readonly string[] = Object.keys(TARGETS);

export function customerManagedKey(rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const target = TARGETS[String(rule.options?.target)];
  if (!target) return [];
  const types = new Set(target.types.map(lower));
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing || !types.has(lower(r.type)) || !rule.dialects.includes(r.dialect)) continue;
    const v = target.judge(r, doc);
    if (!v || v.state === 'cmk') continue;
    if (v.state === 'unknown')
      out.push({
        resource: r,
        messageId: 'unknown',
        data: { path: v.path },
        at: v.at,
        unknown: v.at,
        severity: 'info',
      });
    else if (v.at)
      out.push({
        resource: r,
        messageId: 'insecure',
        data: { path: v.path, value: v.at.kind === 'string' ? v.at.value : v.at.kind },
        at: v.at,
      });
    else out.push({ resource: r, messageId: 'absent', data: { path: v.path } });
  }
  return out;
}

/** COSMOS-CMK: the prose is in `catalog/cosmos-cmk.yaml`. */
export const cosmosCmkRule = createRule({
  id: 'COSMOS-CMK',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.DocumentDB/databaseAccounts', 'azurerm_cosmosdb_account'],
  options: { target: 'cosmos', raiseWith: 'requireCustomerManagedKeys' },
  messages: {
    absent: "Cosmos DB account '{resource}' does not use a customer-managed key ({path} is not set).",
    insecure: "Cosmos DB account '{resource}' does not use a customer-managed key ({path} is {value}).",
    unknown: "Whether Cosmos DB account '{resource}' uses a customer-managed key depends on {dependsOn}.",
  },
  check: customerManagedKey,
});

/** DISK-CMK: the prose is in `catalog/disk-cmk.yaml`. */
export const diskCmkRule = createRule({
  id: 'DISK-CMK',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Compute/disks',
    'Microsoft.Compute/virtualMachines',
    'azurerm_managed_disk',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
  ],
  options: { target: 'disk', raiseWith: 'requireCustomerManagedKeys' },
  messages: {
    insecure: "Disk '{resource}' is encrypted with a platform-managed key ({path} is {value}).",
    absent: "'{resource}' does not encrypt its disk with a customer-managed key ({path} is not set).",
    unknown: "Whether '{resource}' uses a customer-managed disk key depends on {dependsOn}.",
  },
  check: customerManagedKey,
});

/** SQL-CMK: the prose is in `catalog/sql-cmk.yaml`. */
export const sqlCmkRule = createRule({
  id: 'SQL-CMK',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Sql/servers', 'azurerm_mssql_server'],
  options: { target: 'sql', raiseWith: 'requireCustomerManagedKeys' },
  messages: {
    insecure: "SQL server '{resource}' protects TDE with a service-managed key ({path} is {value}).",
    absent:
      "SQL server '{resource}' does not protect TDE with a customer-managed key ({path} is not set and no encryption protector names one).",
    unknown: "Whether SQL server '{resource}' uses a customer-managed TDE protector depends on {dependsOn}.",
  },
  check: customerManagedKey,
});

/** STG-CMK: the prose is in `catalog/stg-cmk.yaml`. */
export const stgCmkRule = createRule({
  id: 'STG-CMK',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Storage/storageAccounts', 'azurerm_storage_account'],
  options: { target: 'storage', raiseWith: 'requireCustomerManagedKeys' },
  messages: {
    insecure: "Storage account '{resource}' encrypts data with Microsoft-managed keys ({path} is {value}).",
    absent: "Storage account '{resource}' does not use a customer-managed key ({path} is not set).",
    unknown: "Whether storage account '{resource}' uses a customer-managed key depends on {dependsOn}.",
  },
  check: customerManagedKey,
});
