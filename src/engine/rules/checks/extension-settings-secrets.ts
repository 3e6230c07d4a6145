/**
 * VM-EXT-SECRETS: a secret in a VM or scale-set extension's public `settings`, which the API returns in clear
 * text and the deployment history keeps, instead of `protectedSettings`. A setting is a secret when its value
 * is (or is built from) a secure parameter or sensitive variable, a key read at deployment (`listKeys()`,
 * Terraform `primary_access_key`), or a non-empty string under a key named like a credential (`password`,
 * `storageAccountKey`, …), or text that carries one (`AccountKey=`, `password=`, a SAS `sig=`). azurerm writes
 * settings as JSON text (`jsonencode(…)`, a heredoc): its keys are read the same way. A value that merely
 * depends on an ordinary parameter is not judged. The value is never put in a message: only the key.
 */
import { getProperty, lookupAll, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { looksLikeSecretName } from './secret-parameter-default';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'input' | 'inputAll' | 'literal';

type Path = readonly string[];

/** The key a walk starts from: the settings object itself. */
const WHOLE = '';

/** Extension resources: their public settings, by resource type (lower case). */
const SETTINGS: Readonly<Record<string, Path>> = {
  'microsoft.compute/virtualmachines/extensions': ['properties', 'settings'],
  'microsoft.compute/virtualmachinescalesets/extensions': ['properties', 'settings'],
  azurerm_virtual_machine_extension: ['settings'],
  azurerm_virtual_machine_scale_set_extension: ['settings'],
};

/** Scale sets with extensions inline: the list of extensions, and each one's settings within it. */
const INLINE: Readonly<Record<string, { readonly list: Path; readonly settings: Path }>> = {
  'microsoft.compute/virtualmachinescalesets': {
    list: ['properties', 'virtualMachineProfile', 'extensionProfile', 'extensions'],
    settings: ['properties', 'settings'],
  },
  azurerm_linux_virtual_machine_scale_set: { list: ['extension'], settings: ['settings'] },
  azurerm_windows_virtual_machine_scale_set: { list: ['extension'], settings: ['settings'] },
  azurerm_orchestrated_virtual_machine_scale_set: { list: ['extension'], settings: ['settings'] },
};

/** Text that carries a credential whatever its key is called. */
const CREDENTIAL_TEXT = /(accountkey|sharedaccesskey|password|passwd)\s*=\s*[^\s;&'"$%]|[?&]sig=[A-Za-z0-9%+/=]{8,}/i;
/**
 * Values under a credential-like key that are not one: an address, a resource id, a Key Vault reference, or a
 * DSC `PrivateSettingsRef:name`, which points at the value kept in protectedSettings.
 */
const NOT_A_CREDENTIAL = /^(https?:\/\/|\/subscriptions\/|@Microsoft\.KeyVault\(|PrivateSettingsRef:)/i;

interface Leak {
  readonly key: string;
  /** `secure parameter 'x'`, `listKeys() of …`; absent for a literal. */
  readonly source?: string;
}

/** Whether a known string under `key` is a credential written in the settings. */
function literalLeak(key: string, text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (CREDENTIAL_TEXT.test(t)) return true;
  return looksLikeSecretName(key) && !NOT_A_CREDENTIAL.test(t);
}

/** The first credential in parsed JSON settings (azurerm), by its key. */
function jsonLeak(x: unknown, key: string): string | undefined {
  if (typeof x === 'string') return literalLeak(key, x) ? key : undefined;
  if (Array.isArray(x)) {
    for (const item of x) {
      const k = jsonLeak(item, key);
      if (k) return k;
    }
    return undefined;
  }
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      const found = jsonLeak(v, k);
      if (found) return found;
    }
  }
  return undefined;
}

function parseJson(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON after all: nothing more to read.
    return undefined;
  }
}

class Finder {
  readonly leaks: Array<{ at: Value; leak: Leak }> = [];

  constructor(
    private readonly secureInputs: ReadonlyMap<string, string>,
    private readonly structured: ReadonlySet<string>,
    private readonly noun: string,
    private readonly terraform: boolean,
  ) {}

  /** The secure input a value is, or is built from, in words. */
  private sourceOf(v: Value): string | undefined {
    if (v.kind === 'unknown') {
      if (v.secret) return v.secret;
      // A member of a secure object (its admin user name, a script URL) need not be a secret: not judged.
      if (v.secureInput && !this.structured.has(v.secureInput.toLowerCase()))
        return `secure ${this.noun} '${v.secureInput}'`;
      // Terraform: whatever is computed from a sensitive variable is sensitive.
      const input = this.terraform
        ? v.dependsOn?.map((d) => this.secureInputs.get(d.toLowerCase())).find((d) => d !== undefined)
        : undefined;
      return input ? `sensitive ${this.noun} '${input}'` : undefined;
    }
    if (v.origin?.kind === 'parameter' && v.origin.file === undefined) {
      const name = this.secureInputs.get(v.origin.name.toLowerCase());
      if (name) return `${this.terraform ? 'sensitive' : 'secure'} ${this.noun} '${name}'`;
    }
    return undefined;
  }

  walk(v: Value, key: string): void {
    if (v.kind === 'object') {
      for (const p of v.properties) this.walk(p.value, p.key);
      return;
    }
    if (v.kind === 'array') {
      for (const item of v.items) this.walk(item, key);
      return;
    }
    const source = this.sourceOf(v);
    if (source) {
      this.leaks.push({ at: v, leak: { key, source } });
      return;
    }
    if (v.kind !== 'string') return;
    const parsed = this.terraform ? parseJson(v.value) : undefined;
    if (parsed !== undefined) {
      const found = jsonLeak(parsed, key);
      if (found) this.leaks.push({ at: v, leak: { key: found } });
      return;
    }
    if (literalLeak(key, v.value)) this.leaks.push({ at: v, leak: { key } });
  }
}

export function extensionSettingsSecrets(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const terraform = doc.format === 'terraform';
  const secureInputs = new Map(
    doc.parameters.filter((p) => p.secure).map((p) => [p.name.toLowerCase(), p.name] as const),
  );
  const structured = new Set(doc.parameters.filter((p) => p.structured).map((p) => p.name.toLowerCase()));
  const out: RawFinding<MessageId>[] = [];
  const report = (resource: Resource, extension: string, at: Value, leak: Leak): void => {
    const data = { extension, key: leak.key, ...(leak.source ? { source: leak.source } : {}) };
    // Terraform settings built as a whole (jsonencode of a sensitive value) name no single key.
    const messageId = leak.source ? (leak.key === WHOLE ? 'inputAll' : 'input') : 'literal';
    out.push({ resource, messageId, data, at });
  };
  const judge = (resource: Resource, extension: string, settings: Value): void => {
    const finder = new Finder(secureInputs, structured, terraform ? 'variable' : 'parameter', terraform);
    finder.walk(settings, WHOLE);
    for (const { at, leak } of finder.leaks) report(resource, extension, at, leak);
  };
  for (const resource of doc.resources) {
    if (resource.existing) continue;
    const type = resource.type.toLowerCase();
    const path = SETTINGS[type];
    if (path)
      for (const settings of lookupAll(resource.body, path)) judge(resource, `extension '${resource.name}'`, settings);
    const inline = INLINE[type];
    if (!inline) continue;
    for (const item of lookupAll(resource.body, inline.list)) {
      if (item.kind !== 'object') continue;
      const name = getProperty(item, 'name')?.value;
      const extension =
        name?.kind === 'string'
          ? `extension '${name.value}' of scale set '${resource.name}'`
          : `an extension of scale set '${resource.name}'`;
      for (const settings of lookupAll(item, inline.settings)) judge(resource, extension, settings);
    }
  }
  return out;
}

/** VM-EXT-SECRETS: the prose is in `catalog/vm-ext-secrets.yaml`. */
export const vmExtSecretsRule = createRule({
  id: 'VM-EXT-SECRETS',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Compute/virtualMachines/extensions',
    'Microsoft.Compute/virtualMachineScaleSets/extensions',
    'Microsoft.Compute/virtualMachineScaleSets',
    'azurerm_virtual_machine_extension',
    'azurerm_virtual_machine_scale_set_extension',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
    'azurerm_orchestrated_virtual_machine_scale_set',
  ],
  messages: {
    input: "Public setting '{key}' of {extension} carries {source}; the API returns settings in clear text.",
    inputAll: 'The public settings of {extension} carry {source}; the API returns settings in clear text.',
    literal: "Public setting '{key}' of {extension} holds a credential; the API returns settings in clear text.",
  },
  check: extensionSettingsSecrets,
});
