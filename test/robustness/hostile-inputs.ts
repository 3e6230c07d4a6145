/**
 * Hostile inputs from issue 19 (items 4 to 7 and the self-calling Terraform module of item 11), generated at a
 * chosen size so that tests can run them small (correctness, in `npm test`) or at 1× and 8× (linearity, in the
 * robustness suite), and `scripts/hostile.mjs` can time them at the issue's own sizes through the CLI.
 *
 * Every case is a small virtual tree: file paths (relative, `/` separators) to text, and the file to scan.
 */

export interface HostileCase {
  /** Files of the tree, relative paths to text. */
  readonly files: Readonly<Record<string, string>>;
  /** The file the scan starts from. */
  readonly entry: string;
}

/** A case at size `n` (the unit is the case's own: files, characters, resources…). */
export type HostileMaker = (n: number) => HostileCase;

const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const INSECURE_STORAGE_BICEP = [
  "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
  "  name: 'st${uniqueString(resourceGroup().id)}'",
  "  location: 'westeurope'",
  "  sku: { name: 'Standard_LRS' }",
  "  kind: 'StorageV2'",
  "  properties: { minimumTlsVersion: 'TLS1_0' }",
  '}',
].join('\n');

const INSECURE_STORAGE_TF = [
  'resource "azurerm_storage_account" "sa" {',
  '  name                     = "stexample"',
  '  resource_group_name      = "rg"',
  '  location                 = "westeurope"',
  '  account_tier             = "Standard"',
  '  account_replication_type = "LRS"',
  '  min_tls_version          = "TLS1_0"',
  '}',
].join('\n');

/**
 * Item 4: `depth` Bicep files, each calling the next one `fanOut` times (and holding one insecure account unless
 * `resources` is false). With `withParams` every call passes a different value, so no two calls are alike.
 */
export function bicepModuleFanOut(depth: number, fanOut = 6, withParams = false, resources = true): HostileCase {
  const files: Record<string, string> = {};
  for (let i = 0; i < depth; i++) {
    const lines = [
      ...(withParams ? ["param tag string = 'root'"] : []),
      ...(resources ? [INSECURE_STORAGE_BICEP] : []),
    ];
    if (i + 1 < depth) {
      for (let k = 0; k < fanOut; k++) {
        const params = withParams ? `, params: { tag: '${k}-\${tag}' }` : '';
        lines.push(`module c${k} 'm${i + 1}.bicep' = { name: 'c${k}'${params} }`);
      }
    }
    files[`m${i}.bicep`] = `${lines.join('\n')}\n`;
  }
  return { files, entry: 'm0.bicep' };
}

/** Item 4: `depth` nested Terraform folders, each calling the next one `fanOut` times (each call its own value). */
export function terraformModuleFanOut(depth: number, fanOut = 40, resources = true): HostileCase {
  const files: Record<string, string> = {};
  let dir = 'root';
  for (let i = 0; i < depth; i++) {
    const lines = ['variable "tag" {', '  default = "x"', '}', ...(resources ? [INSECURE_STORAGE_TF] : [])];
    if (i + 1 < depth) {
      for (let k = 0; k < fanOut; k++)
        lines.push(`module "c${k}" {`, `  source = "./l${i + 1}"`, `  tag    = "${k}"`, '}');
    }
    files[`${dir}/main.tf`] = `${lines.join('\n')}\n`;
    dir += `/l${i + 1}`;
  }
  return { files, entry: 'root/main.tf' };
}

/** Item 11: a Terraform module whose call names its own folder. */
export function terraformSelfModule(source = './'): HostileCase {
  return {
    files: { 'self/main.tf': `${INSECURE_STORAGE_TF}\n\nmodule "again" {\n  source = "${source}"\n}\n` },
    entry: 'self/main.tf',
  };
}

/** Item 5: an azurerm version constraint of `n` tabs (the module scope reads it for the provider version). */
export function terraformVersionTabs(n: number): HostileCase {
  const text = [
    'terraform {',
    '  required_providers {',
    '    azurerm = {',
    '      source  = "hashicorp/azurerm"',
    `      version = "${'\t'.repeat(n)}"`,
    '    }',
    '  }',
    '}',
    INSECURE_STORAGE_TF,
    '',
  ].join('\n');
  return { files: { 'tf/main.tf': text }, entry: 'tf/main.tf' };
}

/** Item 5: a template string of `n` spaces, a letter, then an interpolation with a strip marker (`${~`). */
export function terraformStripMarker(n: number): HostileCase {
  const text = [
    'resource "azurerm_storage_account" "sa" {',
    `  name = "${' '.repeat(n)}x\${~ "a"}"`,
    '  min_tls_version = "TLS1_0"',
    '}',
    '',
  ].join('\n');
  return { files: { 'tf/main.tf': text }, entry: 'tf/main.tf' };
}

/** Item 5: a Bicep `format()` whose template opens `n` placeholders that never close (`0{0,0{0,…`). */
export function bicepFormatBraces(n: number): HostileCase {
  const text = [
    "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
    `  name: format('${'0{0,'.repeat(n)}', 'a')`,
    "  location: 'westeurope'",
    "  properties: { minimumTlsVersion: 'TLS1_0' }",
    '}',
    '',
  ].join('\n');
  return { files: { 'format.bicep': text }, entry: 'format.bicep' };
}

/** Item 5: ARM resources whose `scope` is `n` slashes and a letter (checks trim trailing slashes from scopes). */
export function armScopeSlashes(n: number): HostileCase {
  const scope = `${'/'.repeat(n)}x`;
  const template = {
    $schema: ARM_SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.OperationalInsights/workspaces',
        apiVersion: '2022-10-01',
        name: 'ws',
        location: 'westeurope',
      },
      // Targets whose companions (diagnostic settings, locks, auditing) are looked for by scope.
      {
        type: 'Microsoft.KeyVault/vaults',
        apiVersion: '2023-07-01',
        name: 'kv',
        location: 'westeurope',
        properties: { tenantId: 't', sku: { family: 'A', name: 'standard' } },
      },
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-05-01',
        name: 'st',
        location: 'westeurope',
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
      },
      { type: 'Microsoft.Sql/servers', apiVersion: '2021-11-01', name: 'srv', location: 'westeurope', properties: {} },
      {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        name: 'diag',
        scope,
        properties: { workspaceId: scope },
      },
      {
        type: 'Microsoft.Authorization/locks',
        apiVersion: '2020-05-01',
        name: 'lock',
        scope,
        properties: { level: 'CanNotDelete' },
      },
      {
        type: 'Microsoft.Sql/servers/auditingSettings',
        apiVersion: '2021-11-01',
        name: 'srv/default',
        scope,
        properties: { state: 'Enabled', workspaceId: scope },
      },
    ],
  };
  return { files: { 'scope.json': JSON.stringify(template, null, 2) }, entry: 'scope.json' };
}

/** Item 6: a Bicep file of `n` commas (every one an unexpected token). */
export function bicepCommas(n: number): HostileCase {
  return { files: { 'commas.bicep': ','.repeat(n) }, entry: 'commas.bicep' };
}

/** Item 6: a minified ARM template (one line) of `n` insecure storage accounts: one fix position per finding. */
export function armMinified(n: number): HostileCase {
  const resources = Array.from({ length: n }, (_, i) => ({
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-05-01',
    name: `st${i}`,
    location: 'westeurope',
    sku: { name: 'Standard_LRS' },
    kind: 'StorageV2',
    properties: { minimumTlsVersion: 'TLS1_0' },
  }));
  return {
    files: { 'minified.json': JSON.stringify({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', resources }) },
    entry: 'minified.json',
  };
}

/** Item 7: a `.tf.json` file whose one attribute nests `n` objects deep. */
export function tfJsonDeep(n: number): HostileCase {
  const body = `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const text = `{"resource":{"azurerm_storage_account":{"sa":{"name":"st","min_tls_version":"TLS1_0","tags":${body}}}}}`;
  return { files: { 'deep.tf.json': text }, entry: 'deep.tf.json' };
}

/** Item 7: an ARM expression indexing `n` times (`variables('v')[0][0]…`). */
export function armDeepIndex(n: number): HostileCase {
  const template = {
    $schema: ARM_SCHEMA,
    contentVersion: '1.0.0.0',
    variables: { v: [0] },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-05-01',
        name: 'st',
        location: 'westeurope',
        properties: { minimumTlsVersion: `[variables('v')${'[0]'.repeat(n)}]` },
      },
    ],
  };
  return { files: { 'index.json': JSON.stringify(template, null, 2) }, entry: 'index.json' };
}

/**
 * Item 5: exclude globs of `.rlens.yaml` that backtrack (`**` ten times, `*a` eight times) and a path `n` folders
 * deep whose last folder is `n` letters long.
 */
export function excludeGlobs(n: number): { readonly globs: readonly string[]; readonly path: string } {
  return {
    globs: [`${'**/'.repeat(10)}x.bicep`, `${'*a'.repeat(8)}b`],
    path: `${'a/'.repeat(n)}${'a'.repeat(n)}/main.bicep`,
  };
}
