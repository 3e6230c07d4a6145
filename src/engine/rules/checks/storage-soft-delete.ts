/**
 * STG-SOFT-DELETE: blob and container soft delete. ARM, Bicep and azapi keep both policies in the account's
 * `blobServices` child (`deleteRetentionPolicy`, `containerDeleteRetentionPolicy`), azurerm in the account's
 * `blob_properties` block or an `azurerm_storage_account_blob_properties` resource (its `properties` block);
 * both are off unless set. A blob service (or `blob_properties`) that leaves a policy out
 * or turns it off, or keeps deleted data under seven days, is reported at the rule's severity where it is
 * written. An account whose file configures no blob service at all is reported at info: the setting may come
 * from another template or from policy. File-only accounts (`FileStorage`) have no blobs and are skipped.
 */
import { lookup, presentAt } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import { nameTellsParent } from '../../model/links';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { hangsOffUnknownExisting, isLinked, ofTypes } from './companions';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'absent' | 'policyAbsent' | 'policyOff' | 'short' | 'unknown';

const ARM_POLICIES = ['deleteRetentionPolicy', 'containerDeleteRetentionPolicy'];
const AZURERM_POLICIES = ['delete_retention_policy', 'container_delete_retention_policy'];

/** Fewer days than this leaves too little time to notice a deletion (Microsoft's own default is seven). */
export const MIN_DAYS = 7;

function isFileStorage(account: Resource): boolean {
  const kind = presentAt(account.body, [account.dialect === 'azurerm' ? 'account_kind' : 'kind']);
  return kind?.kind === 'string' && kind.value.toLowerCase() === 'filestorage';
}

/** Findings for one holder of the two policies (a blob service's `properties`, or `blob_properties`). */
function judgePolicies(
  resource: Resource,
  base: readonly string[],
  names: readonly string[],
  azurerm: boolean,
): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const name of names) {
    const policy = presentAt(resource.body, [...base, name]);
    if (!policy) {
      out.push({ resource, messageId: 'policyAbsent', data: { policy: name } });
      continue;
    }
    if (policy.kind === 'unknown') {
      out.push({ resource, messageId: 'unknown', at: policy, unknown: policy, severity: 'info' });
      continue;
    }
    // azurerm: a policy block is on by being there. ARM: `enabled` must be true.
    if (!azurerm) {
      const flag = presentAt(resource.body, [...base, name, 'enabled']);
      if (flag?.kind === 'unknown') {
        out.push({ resource, messageId: 'unknown', at: flag, unknown: flag, severity: 'info' });
        continue;
      }
      if (flag?.kind !== 'boolean' || !flag.value) {
        out.push({
          resource,
          messageId: 'policyOff',
          data: { policy: name },
          ...(flag ? { at: flag } : { at: policy }),
        });
        continue;
      }
    }
    const days = presentAt(resource.body, [...base, name, 'days']);
    if (days?.kind === 'number' && days.value < MIN_DAYS)
      out.push({ resource, messageId: 'short', data: { policy: name, days: days.value }, at: days });
  }
  return out;
}

export function storageSoftDelete(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  const services = ofTypes(doc.resources, ['Microsoft.Storage/storageAccounts/blobServices']);
  for (const s of services) out.push(...judgePolicies(s, ['properties'], ARM_POLICIES, false));
  // A blob service whose account cannot be told (named by a parameter, or hanging off an `existing` account of
  // unknown name) may be any account's: accounts then stay quiet.
  const untold = services.some(
    (s) => (!s.parentSymbol && !nameTellsParent(s)) || hangsOffUnknownExisting(s, doc.resources),
  );
  // azurerm blob properties as a resource of their own: judged where written; one whose account is not a
  // reference (`storage_account_id` from a variable) may be any account's, so azurerm accounts stay quiet.
  const separate = ofTypes(doc.resources, ['azurerm_storage_account_blob_properties']);
  for (const p of separate) {
    const props = presentAt(p.body, ['properties']);
    if (props && props.kind !== 'unknown') out.push(...judgePolicies(p, ['properties'], AZURERM_POLICIES, true));
  }
  const untoldAzurerm = separate.some((p) => !p.references?.some((r) => r.startsWith('azurerm_storage_account.')));
  for (const account of ofTypes(doc.resources, ['Microsoft.Storage/storageAccounts', 'azurerm_storage_account'])) {
    if (isFileStorage(account)) continue;
    if (account.dialect === 'azurerm') {
      if (account.configuredBy?.['blob_properties'] !== undefined || untoldAzurerm) continue;
      const props = lookup(account.body, ['blob_properties']);
      if (props.state === 'present' && props.value.kind === 'unknown') continue;
      if (
        props.state === 'absent' ||
        props.value.kind === 'null' ||
        (props.value.kind === 'array' && props.value.items.length === 0)
      ) {
        out.push({ resource: account, messageId: 'absent', severity: 'info' });
      } else out.push(...judgePolicies(account, ['blob_properties'], AZURERM_POLICIES, true));
      continue;
    }
    if (account.partial || untold || services.some((s) => isLinked(s, account))) continue;
    out.push({ resource: account, messageId: 'absent', severity: 'info' });
  }
  return out;
}

/** STG-SOFT-DELETE: the prose is in `catalog/stg-soft-delete.yaml`. */
export const stgSoftDeleteRule = createRule({
  id: 'STG-SOFT-DELETE',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Storage/storageAccounts/blobServices',
    'azurerm_storage_account',
    'azurerm_storage_account_blob_properties',
  ],
  messages: {
    absent:
      "Storage account '{resource}' configures no blob service in this file, so blob and container soft delete stay off unless set elsewhere.",
    policyAbsent: "'{resource}' does not set {policy}, so deleted data cannot be recovered.",
    policyOff: "'{resource}' turns {policy} off, so deleted data cannot be recovered.",
    short: "'{resource}' keeps deleted data only {days} days ({policy}); keep it at least 7.",
    unknown: "Whether '{resource}' keeps deleted data recoverable depends on {dependsOn}.",
  },
  check: storageSoftDelete,
});
