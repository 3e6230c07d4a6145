/**
 * Rules whose fix changes how the resource behaves for the people and programs using it, not just a setting
 * nobody relies on: turning off public network access or key authentication cuts off clients that use them,
 * switching Key Vault to RBAC drops every access policy, Prevention mode starts blocking requests, purge
 * protection cannot be turned off again. Their fixes are offered for review only (`--fix=all` applies them).
 * Fixes that only raise a floor (TLS version, HTTPS only, soft delete, encryption) stay safe.
 */
const PUBLIC = 'it cuts off every client that is not on an allowed network or private endpoint';
const KEYS = 'clients that authenticate with keys, SAS or connection strings stop working';

export const FIX_NEEDS_REVIEW: Readonly<Record<string, string>> = {
  'ACR-PUBLIC': PUBLIC,
  'ADF-PUBLIC': PUBLIC,
  'COG-PUBLIC': PUBLIC,
  'COSMOS-PUBLIC': PUBLIC,
  'KV-PUBLIC-NET': PUBLIC,
  'MSG-PUBLIC': PUBLIC,
  'MYSQL-PUBLIC': PUBLIC,
  'PG-PUBLIC': PUBLIC,
  'REDIS-PUBLIC': PUBLIC,
  'SQL-PUBLIC-NET': PUBLIC,
  'STG-PUBLIC-NET': PUBLIC,
  'SYN-PUBLIC': PUBLIC,
  'KV-FW': 'the firewall then denies every network not allowed explicitly',
  'STG-FW-DEFAULT': 'the firewall then denies every network not allowed explicitly',
  'ACR-ADMIN': 'clients that log in with the admin user stop working',
  'APPCS-LOCAL-AUTH': KEYS,
  'APPI-LOCAL-AUTH': 'telemetry sent with the instrumentation key alone is then refused',
  'AUTO-LOCAL-AUTH': KEYS,
  'COG-LOCAL-AUTH': KEYS,
  'COSMOS-LOCAL-AUTH': KEYS,
  'COSMOS-KEY-META': 'tools that change databases or containers with account keys stop working',
  'EVG-LOCAL-AUTH': KEYS,
  'MSG-LOCAL-AUTH': KEYS,
  'SIGR-LOCAL-AUTH': KEYS,
  'SRCH-LOCAL-AUTH': KEYS,
  'STG-SHARED-KEY': KEYS,
  'APP-BASIC-AUTH': 'deployments that publish with FTP or Web Deploy credentials stop working',
  'KV-RBAC': 'access policies stop applying: every reader needs an Azure role assignment first',
  'KV-PURGE': 'purge protection cannot be turned off again',
  'STG-BLOB-PUBLIC': 'containers that serve blobs anonymously stop doing so',
  'STG-CONTAINER-PUBLIC': 'the container stops serving blobs anonymously',
  'ACR-ANON-PULL': 'clients that pull without credentials stop working',
  'AFD-WAF-MODE': 'the firewall starts blocking the requests it now only logs',
  'AGW-WAF-MODE': 'the firewall starts blocking the requests it now only logs',
  'VM-PATCH': 'the platform then installs updates, and may restart the machine, on its own schedule',
};
