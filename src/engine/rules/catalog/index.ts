/**
 * The explicit registry of rule files. Adding a rule means adding its YAML here; the catalog test fails
 * when a file in this folder is missing from the list.
 */
import appHttps from './app-https.yaml';
import appTls from './app-tls.yaml';
import kvPurge from './kv-purge.yaml';
import kvRbac from './kv-rbac.yaml';
import kvSoftDelete from './kv-soft-delete.yaml';
import nsgRdp from './nsg-rdp.yaml';
import nsgSsh from './nsg-ssh.yaml';
import secParamDefault from './sec-param-default.yaml';
import sqlFwOpen from './sql-fw-open.yaml';
import sqlTls from './sql-tls.yaml';
import stgBlobPublic from './stg-blob-public.yaml';
import stgHttps from './stg-https.yaml';
import stgPublicNet from './stg-public-net.yaml';
import stgSharedKey from './stg-shared-key.yaml';
import stgTls from './stg-tls.yaml';

export const RULE_FILES: ReadonlyArray<readonly [string, string]> = [
  ['app-https.yaml', appHttps],
  ['app-tls.yaml', appTls],
  ['kv-purge.yaml', kvPurge],
  ['kv-rbac.yaml', kvRbac],
  ['kv-soft-delete.yaml', kvSoftDelete],
  ['nsg-rdp.yaml', nsgRdp],
  ['nsg-ssh.yaml', nsgSsh],
  ['sec-param-default.yaml', secParamDefault],
  ['sql-fw-open.yaml', sqlFwOpen],
  ['sql-tls.yaml', sqlTls],
  ['stg-blob-public.yaml', stgBlobPublic],
  ['stg-https.yaml', stgHttps],
  ['stg-public-net.yaml', stgPublicNet],
  ['stg-shared-key.yaml', stgSharedKey],
  ['stg-tls.yaml', stgTls],
];
