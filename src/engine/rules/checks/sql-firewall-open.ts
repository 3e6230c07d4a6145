/**
 * SQL-FW-OPEN: a server firewall rule whose range spans the whole IPv4 internet (0.0.0.0–255.255.255.255, or
 * any range of at least a /1). The 0.0.0.0–0.0.0.0 "allow Azure services" rule is a different risk, not this one.
 */
import { getProperty, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { ipv4ToNumber } from './network-prefixes';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'open' | 'unknown';

/** Firewall-rule resource types and where their addresses live. */
const SHAPES: ReadonlyArray<{ type: string; props?: string; start: string; end: string }> = [
  { type: 'microsoft.sql/servers/firewallrules', props: 'properties', start: 'startIpAddress', end: 'endIpAddress' },
  {
    type: 'microsoft.dbforpostgresql/flexibleservers/firewallrules',
    props: 'properties',
    start: 'startIpAddress',
    end: 'endIpAddress',
  },
  {
    type: 'microsoft.dbformysql/flexibleservers/firewallrules',
    props: 'properties',
    start: 'startIpAddress',
    end: 'endIpAddress',
  },
  { type: 'azurerm_mssql_firewall_rule', start: 'start_ip_address', end: 'end_ip_address' },
  { type: 'azurerm_sql_firewall_rule', start: 'start_ip_address', end: 'end_ip_address' },
  { type: 'azurerm_postgresql_flexible_server_firewall_rule', start: 'start_ip_address', end: 'end_ip_address' },
  { type: 'azurerm_mysql_flexible_server_firewall_rule', start: 'start_ip_address', end: 'end_ip_address' },
];

const HALF_THE_INTERNET = 2 ** 31;

export function sqlFirewallOpen(rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const types = new Set(rule.resourceTypes.map((t) => t.toLowerCase()));
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    const type = resource.type.toLowerCase();
    const shape = SHAPES.find((s) => s.type === type);
    if (!shape || !types.has(type) || resource.existing) continue;
    const holder: Value | undefined = shape.props ? getProperty(resource.body, shape.props)?.value : resource.body;
    if (holder?.kind !== 'object') continue;
    const start = getProperty(holder, shape.start)?.value;
    const end = getProperty(holder, shape.end)?.value;
    if (start?.kind === 'string' && end?.kind === 'string') {
      const a = ipv4ToNumber(start.value);
      const b = ipv4ToNumber(end.value);
      if (a !== undefined && b !== undefined && b - a + 1 >= HALF_THE_INTERNET) {
        out.push({ resource, messageId: 'open', data: { start: start.value, end: end.value }, at: end });
      }
    } else if (start?.kind === 'unknown' || end?.kind === 'unknown') {
      const u = (start?.kind === 'unknown' ? start : end) as Value;
      out.push({ resource, messageId: 'unknown', at: u, unknown: u, severity: 'info' });
    }
  }
  return out;
}

/** SQL-FW-OPEN: the prose is in `catalog/sql-fw-open.yaml`. */
export const sqlFwOpenRule = createRule({
  id: 'SQL-FW-OPEN',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Sql/servers/firewallRules',
    'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules',
    'Microsoft.DBforMySQL/flexibleServers/firewallRules',
    'azurerm_mssql_firewall_rule',
    'azurerm_sql_firewall_rule',
    'azurerm_postgresql_flexible_server_firewall_rule',
    'azurerm_mysql_flexible_server_firewall_rule',
  ],
  messages: {
    open: "Firewall rule '{resource}' admits half or more of the IPv4 internet ({start} to {end}).",
    unknown: "Whether firewall rule '{resource}' is open to the internet depends on {dependsOn}.",
  },
  check: sqlFirewallOpen,
});
