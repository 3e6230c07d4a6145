/**
 * One case per format: the same checks run for each, and a format joins the suite as soon as the engine registers
 * it (its files become scannable). ARM is registered from the start, so it always runs.
 */
import { isScannable } from '../../../src/engine';

export interface FormatCase {
  readonly format: 'arm' | 'bicep' | 'terraform';
  /** Opened by the suite; flagged for TLS 1.0 by `ruleId`. */
  readonly live: string;
  readonly ruleId: string;
  /** Text that must appear in the hover's fix code block. */
  readonly fixSnippet: RegExp;
  /** The code fence language of fixes shown for this format. */
  readonly fence: string;
  /** The storage account's type as written in the live file (hovers and Explain on it describe the type). */
  readonly typeName: string;
  /** Text inside the live file's resource where no finding is reported (Explain there describes the type). */
  readonly quietText: string;
  /** Never opened: only Scan Workspace can report it. */
  readonly neverOpened: string;
  readonly neverOpenedRule: string;
  /** A diagnostic of this case points back at a parameter default (relatedInformation). */
  readonly related?: { readonly ruleId: string; readonly message: RegExp };
}

const ALL: readonly FormatCase[] = [
  {
    format: 'arm',
    live: 'arm/storage.json',
    ruleId: 'STG-TLS',
    fixSnippet: /"TLS1_2"/,
    fence: 'json',
    typeName: 'Microsoft.Storage/storageAccounts',
    quietText: '"kind": "StorageV2"',
    neverOpened: 'arm/never-opened.json',
    neverOpenedRule: 'KV-PURGE',
    related: { ruleId: 'STG-HTTPS', message: /parameter 'httpsOnly'/ },
  },
  {
    format: 'bicep',
    live: 'bicep/storage.bicep',
    ruleId: 'STG-TLS',
    fixSnippet: /'TLS1_2'/,
    fence: 'bicep',
    typeName: 'Microsoft.Storage/storageAccounts',
    quietText: "kind: 'StorageV2'",
    neverOpened: 'bicep/never-opened.bicep',
    neverOpenedRule: 'KV-PURGE',
  },
  {
    format: 'terraform',
    live: 'terraform/storage.tf',
    ruleId: 'STG-TLS',
    fixSnippet: /"TLS1_2"/,
    fence: 'terraform',
    typeName: 'azurerm_storage_account',
    quietText: 'account_tier',
    neverOpened: 'terraform/never-opened.tf',
    neverOpenedRule: 'KV-PURGE',
  },
];

export const CASES = ALL.filter((c) => isScannable(`/x/${c.live}`));
export const SKIPPED = ALL.filter((c) => !CASES.includes(c)).map((c) => c.format);
