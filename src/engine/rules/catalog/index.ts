/**
 * The explicit registry of rule files. Adding a rule means adding its YAML here; the catalog test fails
 * when a file in this folder is missing from the list.
 */
import acrAdmin from './acr-admin.yaml';
import acrAnonPull from './acr-anon-pull.yaml';
import acrPublic from './acr-public.yaml';
import adfPublic from './adf-public.yaml';
import adxDoubleEnc from './adx-double-enc.yaml';
import afdWaf from './afd-waf.yaml';
import afdWafMode from './afd-waf-mode.yaml';
import agwWaf from './agw-waf.yaml';
import agwWafMode from './agw-waf-mode.yaml';
import aksApiAccess from './aks-api-access.yaml';
import aksDefender from './aks-defender.yaml';
import aksEntra from './aks-entra.yaml';
import aksLocalAccounts from './aks-local-accounts.yaml';
import aksNetpol from './aks-netpol.yaml';
import aksRbac from './aks-rbac.yaml';
import apimNetwork from './apim-network.yaml';
import apimProtocols from './apim-protocols.yaml';
import appAuth from './app-auth.yaml';
import appBasicAuth from './app-basic-auth.yaml';
import appClientCert from './app-client-cert.yaml';
import appFtps from './app-ftps.yaml';
import appHttps from './app-https.yaml';
import appKeySettings from './app-key-settings.yaml';
import appMi from './app-mi.yaml';
import appRemoteDebug from './app-remote-debug.yaml';
import appTls from './app-tls.yaml';
import appcsLocalAuth from './appcs-local-auth.yaml';
import appiLocalAuth from './appi-local-auth.yaml';
import autoLocalAuth from './auto-local-auth.yaml';
import bkpVaultProtect from './bkp-vault-protect.yaml';
import bkpVm from './bkp-vm.yaml';
import cogLocalAuth from './cog-local-auth.yaml';
import cogPublic from './cog-public.yaml';
import cosmosCmk from './cosmos-cmk.yaml';
import cosmosKeyMeta from './cosmos-key-meta.yaml';
import cosmosLocalAuth from './cosmos-local-auth.yaml';
import cosmosPublic from './cosmos-public.yaml';
import cosmosTls from './cosmos-tls.yaml';
import defCoverage from './def-coverage.yaml';
import defPlans from './def-plans.yaml';
import diskCmk from './disk-cmk.yaml';
import diskDoubleEnc from './disk-double-enc.yaml';
import evgLocalAuth from './evg-local-auth.yaml';
import iamCaAdminMfa from './iam-ca-admin-mfa.yaml';
import iamCustomStar from './iam-custom-star.yaml';
import iamGraphPrivRole from './iam-graph-priv-role.yaml';
import iamOwnerSub from './iam-owner-sub.yaml';
import iamPrivNewId from './iam-priv-new-id.yaml';
import kvFw from './kv-fw.yaml';
import kvKeyExpiry from './kv-key-expiry.yaml';
import kvKeyRotation from './kv-key-rotation.yaml';
import kvPublicNet from './kv-public-net.yaml';
import kvPurge from './kv-purge.yaml';
import kvRbac from './kv-rbac.yaml';
import kvSoftDelete from './kv-soft-delete.yaml';
import lockCritical from './lock-critical.yaml';
import miUsage from './mi-usage.yaml';
import monActivityLog from './mon-activity-log.yaml';
import monDiag from './mon-diag.yaml';
import monLawRetention from './mon-law-retention.yaml';
import monSentinel from './mon-sentinel.yaml';
import msgLocalAuth from './msg-local-auth.yaml';
import msgPublic from './msg-public.yaml';
import msgTls from './msg-tls.yaml';
import mysqlGeoBackup from './mysql-geo-backup.yaml';
import mysqlPublic from './mysql-public.yaml';
import mysqlSsl from './mysql-ssl.yaml';
import nsgAnyPort from './nsg-any-port.yaml';
import nsgRdp from './nsg-rdp.yaml';
import nsgSsh from './nsg-ssh.yaml';
import pgGeoBackup from './pg-geo-backup.yaml';
import pgPublic from './pg-public.yaml';
import pgSsl from './pg-ssl.yaml';
import redisNonssl from './redis-nonssl.yaml';
import redisPublic from './redis-public.yaml';
import redisTls from './redis-tls.yaml';
import resLocation from './res-location.yaml';
import resReplica from './res-replica.yaml';
import rlensUnusedSuppression from './rlens-unused-suppression.yaml';
import secOutput from './sec-output.yaml';
import secParamDefault from './sec-param-default.yaml';
import secPlaintext from './sec-plaintext.yaml';
import sigrLocalAuth from './sigr-local-auth.yaml';
import sqlAadOnly from './sql-aad-only.yaml';
import sqlAudit from './sql-audit.yaml';
import sqlCmk from './sql-cmk.yaml';
import sqlDefender from './sql-defender.yaml';
import sqlEntraAdmin from './sql-entra-admin.yaml';
import sqlFwOpen from './sql-fw-open.yaml';
import sqlPublicNet from './sql-public-net.yaml';
import sqlTde from './sql-tde.yaml';
import sqlTls from './sql-tls.yaml';
import srchLocalAuth from './srch-local-auth.yaml';
import stgBlobPublic from './stg-blob-public.yaml';
import stgCmk from './stg-cmk.yaml';
import stgContainerPublic from './stg-container-public.yaml';
import stgFwDefault from './stg-fw-default.yaml';
import stgHttps from './stg-https.yaml';
import stgInfraEnc from './stg-infra-enc.yaml';
import stgPublicNet from './stg-public-net.yaml';
import stgSharedKey from './stg-shared-key.yaml';
import stgSoftDelete from './stg-soft-delete.yaml';
import stgTls from './stg-tls.yaml';
import stgXtenant from './stg-xtenant.yaml';
import synAadOnly from './syn-aad-only.yaml';
import synManagedVnet from './syn-managed-vnet.yaml';
import synPublic from './syn-public.yaml';
import vmEncHost from './vm-enc-host.yaml';
import vmExtSecrets from './vm-ext-secrets.yaml';
import vmLinuxPwd from './vm-linux-pwd.yaml';
import vmPatch from './vm-patch.yaml';
import vmPublicIp from './vm-public-ip.yaml';
import vmTrustedLaunch from './vm-trusted-launch.yaml';

export const RULE_FILES: ReadonlyArray<readonly [string, string]> = [
  ['acr-admin.yaml', acrAdmin],
  ['acr-anon-pull.yaml', acrAnonPull],
  ['acr-public.yaml', acrPublic],
  ['adf-public.yaml', adfPublic],
  ['adx-double-enc.yaml', adxDoubleEnc],
  ['afd-waf.yaml', afdWaf],
  ['afd-waf-mode.yaml', afdWafMode],
  ['agw-waf.yaml', agwWaf],
  ['agw-waf-mode.yaml', agwWafMode],
  ['aks-api-access.yaml', aksApiAccess],
  ['aks-defender.yaml', aksDefender],
  ['aks-entra.yaml', aksEntra],
  ['aks-local-accounts.yaml', aksLocalAccounts],
  ['aks-netpol.yaml', aksNetpol],
  ['aks-rbac.yaml', aksRbac],
  ['apim-network.yaml', apimNetwork],
  ['apim-protocols.yaml', apimProtocols],
  ['app-auth.yaml', appAuth],
  ['app-basic-auth.yaml', appBasicAuth],
  ['app-client-cert.yaml', appClientCert],
  ['app-ftps.yaml', appFtps],
  ['app-https.yaml', appHttps],
  ['app-key-settings.yaml', appKeySettings],
  ['app-mi.yaml', appMi],
  ['app-remote-debug.yaml', appRemoteDebug],
  ['app-tls.yaml', appTls],
  ['appcs-local-auth.yaml', appcsLocalAuth],
  ['appi-local-auth.yaml', appiLocalAuth],
  ['auto-local-auth.yaml', autoLocalAuth],
  ['bkp-vault-protect.yaml', bkpVaultProtect],
  ['bkp-vm.yaml', bkpVm],
  ['cog-local-auth.yaml', cogLocalAuth],
  ['cog-public.yaml', cogPublic],
  ['cosmos-cmk.yaml', cosmosCmk],
  ['cosmos-key-meta.yaml', cosmosKeyMeta],
  ['cosmos-local-auth.yaml', cosmosLocalAuth],
  ['cosmos-public.yaml', cosmosPublic],
  ['cosmos-tls.yaml', cosmosTls],
  ['def-coverage.yaml', defCoverage],
  ['def-plans.yaml', defPlans],
  ['disk-cmk.yaml', diskCmk],
  ['disk-double-enc.yaml', diskDoubleEnc],
  ['evg-local-auth.yaml', evgLocalAuth],
  ['iam-ca-admin-mfa.yaml', iamCaAdminMfa],
  ['iam-custom-star.yaml', iamCustomStar],
  ['iam-graph-priv-role.yaml', iamGraphPrivRole],
  ['iam-owner-sub.yaml', iamOwnerSub],
  ['iam-priv-new-id.yaml', iamPrivNewId],
  ['kv-fw.yaml', kvFw],
  ['kv-key-expiry.yaml', kvKeyExpiry],
  ['kv-key-rotation.yaml', kvKeyRotation],
  ['kv-public-net.yaml', kvPublicNet],
  ['kv-purge.yaml', kvPurge],
  ['kv-rbac.yaml', kvRbac],
  ['kv-soft-delete.yaml', kvSoftDelete],
  ['lock-critical.yaml', lockCritical],
  ['mi-usage.yaml', miUsage],
  ['mon-activity-log.yaml', monActivityLog],
  ['mon-diag.yaml', monDiag],
  ['mon-law-retention.yaml', monLawRetention],
  ['mon-sentinel.yaml', monSentinel],
  ['msg-local-auth.yaml', msgLocalAuth],
  ['msg-public.yaml', msgPublic],
  ['msg-tls.yaml', msgTls],
  ['mysql-geo-backup.yaml', mysqlGeoBackup],
  ['mysql-public.yaml', mysqlPublic],
  ['mysql-ssl.yaml', mysqlSsl],
  ['nsg-any-port.yaml', nsgAnyPort],
  ['nsg-rdp.yaml', nsgRdp],
  ['nsg-ssh.yaml', nsgSsh],
  ['pg-geo-backup.yaml', pgGeoBackup],
  ['pg-public.yaml', pgPublic],
  ['pg-ssl.yaml', pgSsl],
  ['redis-nonssl.yaml', redisNonssl],
  ['redis-public.yaml', redisPublic],
  ['redis-tls.yaml', redisTls],
  ['res-location.yaml', resLocation],
  ['res-replica.yaml', resReplica],
  ['rlens-unused-suppression.yaml', rlensUnusedSuppression],
  ['sec-output.yaml', secOutput],
  ['sec-param-default.yaml', secParamDefault],
  ['sec-plaintext.yaml', secPlaintext],
  ['sigr-local-auth.yaml', sigrLocalAuth],
  ['sql-aad-only.yaml', sqlAadOnly],
  ['sql-audit.yaml', sqlAudit],
  ['sql-cmk.yaml', sqlCmk],
  ['sql-defender.yaml', sqlDefender],
  ['sql-entra-admin.yaml', sqlEntraAdmin],
  ['sql-fw-open.yaml', sqlFwOpen],
  ['sql-public-net.yaml', sqlPublicNet],
  ['sql-tde.yaml', sqlTde],
  ['sql-tls.yaml', sqlTls],
  ['srch-local-auth.yaml', srchLocalAuth],
  ['stg-blob-public.yaml', stgBlobPublic],
  ['stg-cmk.yaml', stgCmk],
  ['stg-container-public.yaml', stgContainerPublic],
  ['stg-fw-default.yaml', stgFwDefault],
  ['stg-https.yaml', stgHttps],
  ['stg-infra-enc.yaml', stgInfraEnc],
  ['stg-public-net.yaml', stgPublicNet],
  ['stg-shared-key.yaml', stgSharedKey],
  ['stg-soft-delete.yaml', stgSoftDelete],
  ['stg-tls.yaml', stgTls],
  ['stg-xtenant.yaml', stgXtenant],
  ['syn-aad-only.yaml', synAadOnly],
  ['syn-managed-vnet.yaml', synManagedVnet],
  ['syn-public.yaml', synPublic],
  ['vm-enc-host.yaml', vmEncHost],
  ['vm-ext-secrets.yaml', vmExtSecrets],
  ['vm-linux-pwd.yaml', vmLinuxPwd],
  ['vm-patch.yaml', vmPatch],
  ['vm-public-ip.yaml', vmPublicIp],
  ['vm-trusted-launch.yaml', vmTrustedLaunch],
];
