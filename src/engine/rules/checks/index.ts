/** The registry of code checks, by the name a rule file gives in `code:`. */
import type { AnalyzedDocument } from '../../model/document';
import type { RuleOptions } from '../rule-options';
import type { RawFinding, RuleMeta } from '../types';
import { activityLogExport } from './activity-log-export';
import { apimNetwork } from './apim-network';
import { apimProtocols } from './apim-protocols';
import { appGatewayWaf } from './app-gateway-waf';
import { appKeySettings } from './app-key-settings';
import { conditionalAccessAdminMfa } from './conditional-access-admin-mfa';
import { aksApiAccess } from './aks-api-access';
import { criticalLocks } from './critical-locks';
import { customRoleWildcard } from './custom-role-wildcard';
import { customerManagedKey } from './customer-managed-key';
import { diagnosticSettings } from './diagnostic-settings';
import { extensionSettingsSecrets } from './extension-settings-secrets';
import { defenderCoverage, sentinelOnboarding } from './monitoring-coverage';
import { frontDoorWaf } from './front-door-waf';
import { linuxPasswordAuth } from './linux-password-auth';
import { managedIdentityUsage } from './managed-identity-usage';
import { nicPublicIp } from './nic-public-ip';
import { nsgOpenPort } from './nsg-open-port';
import { plaintextSecret } from './plaintext-secret';
import { privilegedGraphPermission } from './privileged-graph-permission';
import { privilegedNewPrincipal } from './privileged-new-principal';
import { privilegedScope } from './privileged-scope';
import { allowedLocation, replicaLocation } from './residency';
import { secretOutput } from './secret-output';
import { secretParameterDefault } from './secret-parameter-default';
import { serverConfiguration } from './server-configuration';
import { sqlAuditing, sqlDefender, sqlEntraAdmin } from './sql-companions';
import { storageSoftDelete } from './storage-soft-delete';
import { sqlFirewallOpen } from './sql-firewall-open';
import { unusedSuppressionCheck } from './unused-suppression';
import { vmBackup } from './vm-backup';

/** A named check; `options` carries the data owner's requirements (allowed regions, …) from `ScanOptions`. */
export type CodeCheck = (rule: RuleMeta, doc: AnalyzedDocument, options: RuleOptions) => RawFinding[];

export const CODE_CHECKS: Readonly<Record<string, CodeCheck>> = {
  'nsg-open-port': nsgOpenPort,
  'nic-public-ip': nicPublicIp,
  'custom-role-wildcard': customRoleWildcard,
  'activity-log-export': activityLogExport,
  'allowed-location': allowedLocation,
  'replica-location': replicaLocation,
  'customer-managed-key': customerManagedKey,
  'sql-firewall-open': sqlFirewallOpen,
  'sql-auditing': sqlAuditing,
  'sql-entra-admin': sqlEntraAdmin,
  'sql-defender': sqlDefender,
  'storage-soft-delete': storageSoftDelete,
  'app-gateway-waf': appGatewayWaf,
  'apim-protocols': apimProtocols,
  'apim-network': apimNetwork,
  'front-door-waf': frontDoorWaf,
  'critical-locks': criticalLocks,
  'secret-parameter-default': secretParameterDefault,
  'secret-output': secretOutput,
  'managed-identity-usage': managedIdentityUsage,
  'extension-settings-secrets': extensionSettingsSecrets,
  'plaintext-secret': plaintextSecret,
  'unused-suppression': unusedSuppressionCheck,
  'server-configuration': serverConfiguration,
  'defender-coverage': defenderCoverage,
  'sentinel-onboarding': sentinelOnboarding,
  'privileged-new-principal': privilegedNewPrincipal,
  'privileged-scope': privilegedScope,
  'vm-backup': vmBackup,
  'aks-api-access': aksApiAccess,
  'linux-password-auth': linuxPasswordAuth,
  'diagnostic-settings': diagnosticSettings,
  'app-key-settings': appKeySettings,
  'conditional-access-admin-mfa': conditionalAccessAdminMfa,
  'privileged-graph-permission': privilegedGraphPermission,
};
