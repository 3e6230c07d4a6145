/**
 * azurerm resources that configure another one: `azurerm_storage_account_network_rules` sets the account's
 * `network_rules`, `azurerm_key_vault_access_policy` its vault's `access_policy`, and so on. The configuring
 * resource stays a resource of its own (rules bind to it and flag its attributes where they are written); its
 * target learns which of its top-level attributes or blocks are set elsewhere, so that their absence on the
 * target is not judged as absence.
 */
import type { Resource } from '../../model/resource';
import { referencedSymbol } from './evaluate';
import type { Attribute, Block, HclFile } from './syntax';

interface Configures {
  /** The azurerm type configured. */
  readonly target: string;
  /** Attributes naming the target (`storage_account_id = azurerm_storage_account.sa.id`), newest first. */
  readonly via: readonly string[];
  /** Top-level attributes or blocks of the target this resource sets. */
  readonly sets: readonly string[];
}

/** Verified against the provider's docs (v5.2.0, v4.81.0, v3.117.1): the target's id attribute and what is set. */
export const CONFIGURING: Readonly<Record<string, Configures>> = {
  azurerm_storage_account_network_rules: {
    target: 'azurerm_storage_account',
    via: ['storage_account_id', 'storage_account_name'],
    sets: ['network_rules'],
  },
  azurerm_storage_account_customer_managed_key: {
    target: 'azurerm_storage_account',
    via: ['storage_account_id'],
    sets: ['customer_managed_key'],
  },
  azurerm_storage_account_queue_properties: {
    target: 'azurerm_storage_account',
    via: ['storage_account_id'],
    sets: ['queue_properties'],
  },
  azurerm_storage_account_static_website: {
    target: 'azurerm_storage_account',
    via: ['storage_account_id'],
    sets: ['static_website'],
  },
  // Newer providers: blob properties as a resource of their own (its `properties` block is the inline `blob_properties`).
  azurerm_storage_account_blob_properties: {
    target: 'azurerm_storage_account',
    via: ['storage_account_id'],
    sets: ['blob_properties'],
  },
  azurerm_key_vault_access_policy: { target: 'azurerm_key_vault', via: ['key_vault_id'], sets: ['access_policy'] },
  azurerm_network_security_rule: {
    target: 'azurerm_network_security_group',
    via: ['network_security_group_name'],
    sets: ['security_rule'],
  },
  // The server block of the same name was removed in v3: the standalone resource is the only way to set it.
  azurerm_mssql_server_extended_auditing_policy: {
    target: 'azurerm_mssql_server',
    via: ['server_id'],
    sets: ['extended_auditing_policy'],
  },
};

/** `target symbol → (attribute → configuring symbol)` for the configuring blocks of a module's files. */
function configuringLinks(files: ReadonlyArray<{ readonly syntax: HclFile }>): Map<string, Map<string, string>> {
  const links = new Map<string, Map<string, string>>();
  for (const { syntax } of files) {
    for (const item of syntax.body.items) {
      if (item.kind !== 'block' || item.type !== 'resource' || item.labels.length < 2) continue;
      const type = (item.labels[0] as { value: string }).value;
      const spec = CONFIGURING[type];
      if (!spec) continue;
      const target = targetOf(item, spec);
      if (!target) continue;
      const symbol = `${type}.${(item.labels[1] as { value: string }).value}`;
      const sets = links.get(target) ?? new Map<string, string>();
      for (const key of spec.sets) if (!sets.has(key)) sets.set(key, symbol);
      links.set(target, sets);
    }
  }
  return links;
}

function targetOf(block: Block, spec: Configures): string | undefined {
  for (const name of spec.via) {
    const a = block.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
    const symbol = a ? referencedSymbol(a.expr) : undefined;
    if (symbol?.startsWith(`${spec.target}.`)) return symbol;
  }
  return undefined;
}

/**
 * The resources with `configuredBy` set where another resource of the module (any of `files`) configures
 * them. What the target writes itself is left alone: it is judged where it is written.
 */
export function linkConfiguring(
  resources: readonly Resource[],
  files: ReadonlyArray<{ readonly syntax: HclFile }>,
): Resource[] {
  const links = configuringLinks(files);
  if (links.size === 0) return [...resources];
  return resources.map((r) => {
    const sets = r.dialect === 'azurerm' ? links.get(r.symbol) : undefined;
    if (!sets) return r;
    const configuredBy: Record<string, string> = {};
    for (const [key, by] of sets) if (!r.body.properties.some((p) => p.key === key)) configuredBy[key] = by;
    return Object.keys(configuredBy).length > 0 ? { ...r, configuredBy } : r;
  });
}
