/**
 * PG-SSL, MYSQL-SSL: a flexible-server `configurations` child (ARM `server/require_secure_transport`, azapi
 * and Bicep child names, azurerm `…_flexible_server_configuration`) that sets a server parameter to an insecure
 * value. No such child means the server default, which is secure for these settings.
 */
import { getProperty, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure' | 'unknown';

function lastSegment(name: string): string {
  return leafName(name).trim().toLowerCase();
}

export function serverConfiguration(rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const setting = String(rule.options?.setting).toLowerCase();
  const insecure = ((rule.options?.insecure as string[] | undefined) ?? []).map((v) => v.toLowerCase());
  const fix = rule.options?.fix;
  const types = new Set(rule.resourceTypes.map((t) => t.toLowerCase()));
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing || !types.has(resource.type.toLowerCase())) continue;
    const azurerm = resource.dialect === 'azurerm';
    const nameValue = azurerm ? getProperty(resource.body, 'name')?.value : undefined;
    const name = azurerm ? (nameValue?.kind === 'string' ? nameValue.value : undefined) : resource.name;
    if (name === undefined || lastSegment(name) !== setting) continue;
    const holder = azurerm ? resource.body : getProperty(resource.body, 'properties')?.value;
    const value: Value | undefined = holder?.kind === 'object' ? getProperty(holder, 'value')?.value : undefined;
    if (value?.kind === 'unknown') {
      out.push({ resource, messageId: 'unknown', data: { setting }, at: value, unknown: value, severity: 'info' });
      continue;
    }
    if (value?.kind !== 'string' || !insecure.includes(value.value.trim().toLowerCase())) continue;
    const fromParameter = value.origin?.kind === 'parameter' || value.origin?.kind === 'variable';
    out.push({
      resource,
      messageId: 'insecure',
      data: { setting, value: value.value },
      at: value,
      ...(typeof fix === 'string'
        ? {
            fix: {
              kind: 'replace',
              title: `Set ${setting} to ${fix}`,
              target: value,
              value: fix,
              safe: !fromParameter && value.origin?.kind !== 'computed',
            },
          }
        : {}),
    });
  }
  return out;
}

/** MYSQL-SSL: the prose is in `catalog/mysql-ssl.yaml`. */
export const mysqlSslRule = createRule({
  id: 'MYSQL-SSL',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.DBforMySQL/flexibleServers/configurations', 'azurerm_mysql_flexible_server_configuration'],
  options: { setting: 'require_secure_transport', insecure: ['OFF', '0', 'FALSE'], fix: 'ON' },
  messages: {
    insecure: "Server parameter {setting} of '{resource}' is {value}, so clients may connect without TLS.",
    unknown: "Whether '{resource}' turns off {setting} depends on {dependsOn}.",
  },
  check: serverConfiguration,
});

/** PG-SSL: the prose is in `catalog/pg-ssl.yaml`. */
export const pgSslRule = createRule({
  id: 'PG-SSL',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
    'azurerm_postgresql_flexible_server_configuration',
  ],
  options: { setting: 'require_secure_transport', insecure: ['OFF', '0', 'FALSE'], fix: 'ON' },
  messages: {
    insecure: "Server parameter {setting} of '{resource}' is {value}, so clients may connect without TLS.",
    unknown: "Whether '{resource}' turns off {setting} depends on {dependsOn}.",
  },
  check: serverConfiguration,
});
