/**
 * SEC-PLAINTEXT: a password or secret value written as plain text in a property that holds a credential
 * (admin passwords of VMs, scale sets, SQL, Synapse, PostgreSQL and MySQL servers, Key Vault secret values),
 * either at the property itself or as the default of a parameter (Terraform variable) that is not declared
 * secure. A value from a parameter without a default, a secure parameter fed at deployment, a Key Vault
 * reference or a generated password is unknown here and not judged.
 *
 * SEC-PARAM-DEFAULT already reports the default of a secure parameter and of one named like a secret; those
 * are left to it so one leak gives one finding. The value itself is never put in a message.
 */
import { getProperty, lookup, lookupAll, type Value } from '../../core/value';
import type { AnalyzedDocument, ParameterInfo } from '../../model/document';
import type { Resource } from '../../model/resource';
import type { RawFinding, RuleMeta } from '../types';
import { looksLikeSecretName } from './secret-parameter-default';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecureParameter' | 'literal' | 'parameter';

type Path = readonly string[];

const ADMIN_LOGIN_PASSWORD: Path = ['properties', 'administratorLoginPassword'];

/** Properties that hold a credential whatever they contain, by resource type (lower case). */
export const SECRET_PATHS: Readonly<Record<string, readonly Path[]>> = {
  'microsoft.compute/virtualmachines': [['properties', 'osProfile', 'adminPassword']],
  'microsoft.compute/virtualmachinescalesets': [['properties', 'virtualMachineProfile', 'osProfile', 'adminPassword']],
  'microsoft.containerservice/managedclusters': [['properties', 'windowsProfile', 'adminPassword']],
  'microsoft.sql/servers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.sql/managedinstances': [ADMIN_LOGIN_PASSWORD],
  'microsoft.synapse/workspaces': [['properties', 'sqlAdministratorLoginPassword']],
  'microsoft.dbforpostgresql/flexibleservers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.dbforpostgresql/servers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.dbformysql/flexibleservers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.dbformysql/servers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.dbformariadb/servers': [ADMIN_LOGIN_PASSWORD],
  'microsoft.keyvault/vaults/secrets': [['properties', 'value']],
  azurerm_linux_virtual_machine: [['admin_password']],
  azurerm_windows_virtual_machine: [['admin_password']],
  azurerm_linux_virtual_machine_scale_set: [['admin_password']],
  azurerm_windows_virtual_machine_scale_set: [['admin_password']],
  azurerm_virtual_machine: [['os_profile', 'admin_password']],
  azurerm_virtual_machine_scale_set: [['os_profile', 'admin_password']],
  azurerm_kubernetes_cluster: [['windows_profile', 'admin_password']],
  azurerm_mssql_server: [['administrator_login_password']],
  azurerm_sql_server: [['administrator_login_password']],
  azurerm_mssql_managed_instance: [['administrator_login_password']],
  azurerm_synapse_workspace: [['sql_administrator_login_password']],
  azurerm_postgresql_flexible_server: [['administrator_password']],
  azurerm_postgresql_server: [['administrator_login_password']],
  azurerm_mysql_flexible_server: [['administrator_password']],
  azurerm_mysql_server: [['administrator_login_password']],
  azurerm_mariadb_server: [['administrator_login_password']],
  azurerm_key_vault_secret: [['value']],
};

/**
 * Not a credential: an App Service Key Vault reference, a placeholder a generator replaces (GEN-PASSWORD,
 * <password>), or a sentinel meaning "none" (a module's coalesce(…, "notset") when no password is made).
 */
const NOT_A_CREDENTIAL = /^(@Microsoft\.KeyVault\(|GEN-[A-Z-]+$|<[^<>]*>$|(not[-_ ]?set|none|null|n\/a|placeholder)$)/i;

/** The parameter that SEC-PARAM-DEFAULT already reports for this default, if any. */
function reportedElsewhere(name: string, params: ReadonlyMap<string, ParameterInfo>): boolean {
  const p = params.get(name.toLowerCase());
  return p?.secure === true || looksLikeSecretName(name);
}

/**
 * ARM and Bicep: the property is a parameter of this file, without a default, that is not declared secure, so
 * the value passed at deployment is kept readable in the deployment's parameters (the Bicep linter's
 * use-secure-value-for-secure-inputs). Terraform is not judged: the provider marks these attributes sensitive
 * whatever feeds them. Only a direct reference is judged; a member of an object parameter is not.
 */
function plainParameter(
  resource: Resource,
  property: string,
  v: Extract<Value, { kind: 'unknown' }>,
  params: ReadonlyMap<string, ParameterInfo>,
): RawFinding<MessageId> | undefined {
  if (resource.dialect !== 'arm' && resource.dialect !== 'bicep') return undefined;
  if (v.secureInput || v.secret || v.dependsOn?.length !== 1) return undefined;
  const name = v.dependsOn[0] as string;
  if (v.reason !== `parameter '${name}' has no default value`) return undefined;
  const p = params.get(name.toLowerCase());
  if (!p || p.secure || p.structured) return undefined;
  return {
    resource,
    messageId: 'insecureParameter',
    severity: 'warning',
    data: { property, parameter: p.name },
    at: v,
  };
}

/** The finding for one value of a secret property, or undefined when it is not plain text the rule judges. */
function judge(
  resource: Resource,
  property: string,
  v: Value,
  params: ReadonlyMap<string, ParameterInfo>,
  noun: string,
): RawFinding<MessageId> | undefined {
  if (v.kind === 'unknown') return plainParameter(resource, property, v, params);
  if (v.kind !== 'string') return undefined;
  const text = v.value.trim();
  if (text === '' || NOT_A_CREDENTIAL.test(text)) return undefined;
  // An ARM expression left as text (the evaluator could not read it) is not a literal.
  if (/^\[.*\]$/s.test(text) && !text.startsWith('[[')) return undefined;
  const o = v.origin;
  if (o?.kind === 'computed') return undefined;
  // A default in another file (a module's parameter) is judged when that file is scanned itself.
  if (o?.kind === 'parameter' && o.source === 'default' && (o.file !== undefined || reportedElsewhere(o.name, params)))
    return undefined;
  const messageId = o?.kind === 'parameter' && o.source === 'default' ? 'parameter' : 'literal';
  return { resource, messageId, data: { property, noun }, at: v };
}

/** Connection-string text that carries its credential. */
const CREDENTIAL_TEXT = /(?:^|;)\s*(password|pwd|accountkey|sharedaccesskey)\s*=\s*[^;\s]/i;

/** A property a credential may sit in, as a display path and its value. */
interface Candidate {
  readonly property: string;
  readonly value: Value;
}

/** Data Factory `typeProperties`: inline SecureString values, and connection strings that carry a password or key. */
function linkedServiceSecrets(v: Value, path: string, out: Candidate[]): void {
  if (v.kind === 'array') {
    for (const item of v.items) linkedServiceSecrets(item, path, out);
    return;
  }
  if (v.kind !== 'object') return;
  const type = getProperty(v, 'type')?.value;
  const value = getProperty(v, 'value')?.value;
  if (type?.kind === 'string' && type.value.toLowerCase() === 'securestring' && value) {
    out.push({ property: path, value });
    return;
  }
  for (const p of v.properties) {
    const here = `${path}.${p.key}`;
    if (p.value.kind === 'string') {
      if (/connectionstring$/i.test(p.key) && CREDENTIAL_TEXT.test(p.value.value))
        out.push({ property: here, value: p.value });
    } else linkedServiceSecrets(p.value, here, out);
  }
}

/** Credentials that depend on more than a fixed path: ADF linked services, API Management secret named values. */
function otherCandidates(resource: Resource, type: string): Candidate[] {
  const out: Candidate[] = [];
  if (type === 'microsoft.datafactory/factories/linkedservices') {
    for (const tp of lookupAll(resource.body, ['properties', 'typeProperties']))
      linkedServiceSecrets(tp, 'typeProperties', out);
  } else if (/^azurerm_data_factory_linked_service_/.test(type)) {
    const conn = getProperty(resource.body, 'connection_string')?.value;
    if (conn?.kind === 'string' && CREDENTIAL_TEXT.test(conn.value))
      out.push({ property: 'connection_string', value: conn });
  } else if (type === 'microsoft.apimanagement/service/namedvalues' || type === 'azurerm_api_management_named_value') {
    // Only a named value marked secret is one; plain named values hold configuration.
    const arm = type !== 'azurerm_api_management_named_value';
    const flag = lookupAll(resource.body, arm ? ['properties', 'secret'] : ['secret'])[0];
    if (flag?.kind === 'boolean' && flag.value) {
      const path = arm ? ['properties', 'value'] : ['value'];
      for (const v of lookupAll(resource.body, path))
        if (v.kind !== 'unknown' || isProperty(resource, path, v)) out.push({ property: 'value', value: v });
    }
  }
  return out;
}

/** Whether `v` is the value of `path` itself, not an unknown object the walk stopped at. */
function isProperty(resource: Resource, path: readonly string[], v: Value): boolean {
  const found = lookup(resource.body, path);
  return (
    found.state === 'present' &&
    found.value === v &&
    found.entry?.key.toLowerCase() === path[path.length - 1]?.toLowerCase()
  );
}

/** The Key Vault secret's own name: the last segment of `vault/name`. */
function secretName(resource: Resource): string {
  return leafName(resource.name);
}

export function plaintextSecret(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const params = new Map(doc.parameters.map((p) => [p.name.toLowerCase(), p] as const));
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing) continue;
    const type = resource.type.toLowerCase();
    // Key Vault also keeps configuration that is not a credential (an image version, a registry value): a
    // secret's value is judged only when its name says it is a credential.
    if (
      (type === 'microsoft.keyvault/vaults/secrets' || type === 'azurerm_key_vault_secret') &&
      !looksLikeSecretName(secretName(resource))
    )
      continue;
    for (const path of SECRET_PATHS[type] ?? []) {
      for (const v of lookupAll(resource.body, path)) {
        // An unknown parent (properties from a variable) is not the property itself: not judged.
        if (v.kind === 'unknown' && !isProperty(resource, path, v)) continue;
        const f = judge(
          resource,
          (path[0] === 'properties' ? path.slice(1) : path).join('.'),
          v,
          params,
          doc.format === 'terraform' ? 'variable' : 'parameter',
        );
        if (f) out.push(f);
      }
    }
    for (const c of otherCandidates(resource, type)) {
      const f = judge(resource, c.property, c.value, params, doc.format === 'terraform' ? 'variable' : 'parameter');
      if (f) out.push(f);
    }
  }
  return out;
}

/** SEC-PLAINTEXT: the prose is in `catalog/sec-plaintext.yaml`. */
export const secPlaintextRule = createRule({
  id: 'SEC-PLAINTEXT',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Compute/virtualMachines',
    'Microsoft.Compute/virtualMachineScaleSets',
    'Microsoft.ContainerService/managedClusters',
    'Microsoft.Sql/servers',
    'Microsoft.Sql/managedInstances',
    'Microsoft.Synapse/workspaces',
    'Microsoft.DBforPostgreSQL/flexibleServers',
    'Microsoft.DBforPostgreSQL/servers',
    'Microsoft.DBforMySQL/flexibleServers',
    'Microsoft.DBforMySQL/servers',
    'Microsoft.DBforMariaDB/servers',
    'Microsoft.KeyVault/vaults/secrets',
    'Microsoft.DataFactory/factories/linkedservices',
    'Microsoft.ApiManagement/service/namedValues',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_linux_virtual_machine_scale_set',
    'azurerm_windows_virtual_machine_scale_set',
    'azurerm_virtual_machine',
    'azurerm_virtual_machine_scale_set',
    'azurerm_kubernetes_cluster',
    'azurerm_mssql_server',
    'azurerm_sql_server',
    'azurerm_mssql_managed_instance',
    'azurerm_synapse_workspace',
    'azurerm_postgresql_flexible_server',
    'azurerm_postgresql_server',
    'azurerm_mysql_flexible_server',
    'azurerm_mysql_server',
    'azurerm_mariadb_server',
    'azurerm_key_vault_secret',
    'azurerm_data_factory_linked_service_azure_sql_database',
    'azurerm_data_factory_linked_service_sql_server',
    'azurerm_data_factory_linked_service_azure_blob_storage',
    'azurerm_data_factory_linked_service_postgresql',
    'azurerm_data_factory_linked_service_mysql',
    'azurerm_data_factory_linked_service_synapse',
    'azurerm_data_factory_linked_service_azure_table_storage',
    'azurerm_api_management_named_value',
  ],
  messages: {
    literal: "{property} of '{resource}' holds a credential written in plain text.",
    insecureParameter:
      "{property} of '{resource}' takes parameter '{parameter}', which is not declared secure, so the value passed at deployment is kept readable in the deployment history.",
    parameter:
      "{property} of '{resource}' holds a credential from the plain-text default of a {noun} not declared secure.",
  },
  check: plaintextSecret,
});
