/**
 * Which service model a resource type is delivered under. The model decides who owns a layer (a network
 * rule on a VM is fully the customer's; on a storage account the network layer is shared).
 */
import type { ServiceModel } from './layers';

interface ModelEntry {
  readonly model: ServiceModel;
  readonly title: string;
}

/** ARM resource types and namespaces (lower case). The longest matching prefix wins. */
const ARM_MODELS: ReadonlyArray<readonly [string, ServiceModel, string]> = [
  ['microsoft.compute', 'IaaS', 'Virtual machines and compute'],
  ['microsoft.compute/virtualmachines', 'IaaS', 'Virtual machine'],
  ['microsoft.compute/virtualmachinescalesets', 'IaaS', 'Virtual machine scale set'],
  ['microsoft.compute/disks', 'IaaS', 'Managed disk'],
  ['microsoft.network', 'IaaS', 'Virtual networking'],
  ['microsoft.network/networksecuritygroups', 'IaaS', 'Network security group'],
  ['microsoft.network/applicationgateways', 'PaaS', 'Application Gateway'],
  ['microsoft.network/frontdoors', 'PaaS', 'Front Door (classic)'],
  ['microsoft.network/frontdoorwebapplicationfirewallpolicies', 'PaaS', 'Front Door WAF policy'],
  ['microsoft.network/applicationgatewaywebapplicationfirewallpolicies', 'PaaS', 'Application Gateway WAF policy'],
  ['microsoft.network/azurefirewalls', 'PaaS', 'Azure Firewall'],
  ['microsoft.network/bastionhosts', 'PaaS', 'Azure Bastion'],
  ['microsoft.cdn', 'PaaS', 'Front Door and CDN'],
  ['microsoft.storage', 'PaaS', 'Storage account'],
  ['microsoft.keyvault', 'PaaS', 'Key Vault'],
  ['microsoft.sql', 'PaaS', 'Azure SQL'],
  ['microsoft.dbforpostgresql', 'PaaS', 'Azure Database for PostgreSQL'],
  ['microsoft.dbformysql', 'PaaS', 'Azure Database for MySQL'],
  ['microsoft.dbformariadb', 'PaaS', 'Azure Database for MariaDB'],
  ['microsoft.documentdb', 'PaaS', 'Cosmos DB'],
  ['microsoft.cache', 'PaaS', 'Azure Cache for Redis'],
  ['microsoft.web', 'PaaS', 'App Service'],
  ['microsoft.app', 'PaaS', 'Container Apps'],
  ['microsoft.containerregistry', 'PaaS', 'Container Registry'],
  ['microsoft.containerservice', 'PaaS', 'Kubernetes Service (AKS)'],
  ['microsoft.containerinstance', 'PaaS', 'Container Instances'],
  ['microsoft.apimanagement', 'PaaS', 'API Management'],
  ['microsoft.eventhub', 'PaaS', 'Event Hubs'],
  ['microsoft.servicebus', 'PaaS', 'Service Bus'],
  ['microsoft.eventgrid', 'PaaS', 'Event Grid'],
  ['microsoft.cognitiveservices', 'PaaS', 'Azure AI services'],
  ['microsoft.search', 'PaaS', 'Azure AI Search'],
  ['microsoft.datafactory', 'PaaS', 'Data Factory'],
  ['microsoft.synapse', 'PaaS', 'Synapse Analytics'],
  ['microsoft.databricks', 'PaaS', 'Azure Databricks'],
  ['microsoft.machinelearningservices', 'PaaS', 'Azure Machine Learning'],
  ['microsoft.recoveryservices', 'PaaS', 'Recovery Services'],
  ['microsoft.dataprotection', 'PaaS', 'Backup vault'],
  ['microsoft.operationalinsights', 'PaaS', 'Log Analytics'],
  ['microsoft.insights', 'PaaS', 'Azure Monitor'],
  ['microsoft.signalrservice', 'PaaS', 'SignalR / Web PubSub'],
  ['microsoft.automation', 'PaaS', 'Automation'],
  ['microsoft.appconfiguration', 'PaaS', 'App Configuration'],
  ['microsoft.logic', 'PaaS', 'Logic Apps'],
  ['microsoft.hdinsight', 'PaaS', 'HDInsight'],
  ['microsoft.batch', 'PaaS', 'Batch'],
  ['microsoft.kusto', 'PaaS', 'Data Explorer'],
  ['microsoft.devices', 'PaaS', 'IoT Hub'],
  ['microsoft.managedidentity', 'PaaS', 'Managed identity'],
  ['microsoft.authorization', 'SaaS', 'Azure RBAC (control plane)'],
  ['microsoft.security', 'SaaS', 'Microsoft Defender for Cloud'],
  ['microsoft.securityinsights', 'SaaS', 'Microsoft Sentinel'],
  ['microsoft.operationsmanagement', 'SaaS', 'Monitoring solutions'],
  ['microsoft.resources', 'PaaS', 'Deployments'],
  ['microsoft.graph', 'SaaS', 'Microsoft Entra ID (Graph)'],
];

/** azurerm (and azuread, msgraph) resource prefixes → the ARM (or Graph) type they create. */
const AZURERM_TO_ARM: ReadonlyArray<readonly [string, string]> = [
  ['azurerm_storage_', 'Microsoft.Storage/storageAccounts'],
  ['azurerm_key_vault', 'Microsoft.KeyVault/vaults'],
  ['azurerm_mssql_', 'Microsoft.Sql/servers'],
  ['azurerm_sql_', 'Microsoft.Sql/servers'],
  ['azurerm_network_security_', 'Microsoft.Network/networkSecurityGroups'],
  ['azurerm_linux_virtual_machine_scale_set', 'Microsoft.Compute/virtualMachineScaleSets'],
  ['azurerm_windows_virtual_machine_scale_set', 'Microsoft.Compute/virtualMachineScaleSets'],
  ['azurerm_linux_virtual_machine', 'Microsoft.Compute/virtualMachines'],
  ['azurerm_windows_virtual_machine', 'Microsoft.Compute/virtualMachines'],
  ['azurerm_virtual_machine', 'Microsoft.Compute/virtualMachines'],
  ['azurerm_virtual_machine_scale_set', 'Microsoft.Compute/virtualMachineScaleSets'],
  ['azurerm_orchestrated_virtual_machine_scale_set', 'Microsoft.Compute/virtualMachineScaleSets'],
  ['azurerm_managed_disk', 'Microsoft.Compute/disks'],
  ['azurerm_disk_encryption_set', 'Microsoft.Compute/diskEncryptionSets'],
  ['azurerm_kusto_', 'Microsoft.Kusto/clusters'],
  ['azurerm_linux_web_app', 'Microsoft.Web/sites'],
  ['azurerm_windows_web_app', 'Microsoft.Web/sites'],
  ['azurerm_linux_function_app', 'Microsoft.Web/sites'],
  ['azurerm_windows_function_app', 'Microsoft.Web/sites'],
  ['azurerm_app_service', 'Microsoft.Web/sites'],
  ['azurerm_function_app', 'Microsoft.Web/sites'],
  ['azurerm_logic_app_standard', 'Microsoft.Web/sites'],
  ['azurerm_service_plan', 'Microsoft.Web/serverfarms'],
  ['azurerm_postgresql_', 'Microsoft.DBforPostgreSQL/flexibleServers'],
  ['azurerm_mysql_', 'Microsoft.DBforMySQL/flexibleServers'],
  ['azurerm_mariadb_', 'Microsoft.DBforMariaDB/servers'],
  ['azurerm_cosmosdb_', 'Microsoft.DocumentDB/databaseAccounts'],
  ['azurerm_redis_', 'Microsoft.Cache/redis'],
  ['azurerm_kubernetes_', 'Microsoft.ContainerService/managedClusters'],
  ['azurerm_container_registry', 'Microsoft.ContainerRegistry/registries'],
  ['azurerm_container_app', 'Microsoft.App/containerApps'],
  ['azurerm_container_app_job', 'Microsoft.App/jobs'],
  ['azurerm_api_management', 'Microsoft.ApiManagement/service'],
  ['azurerm_eventhub', 'Microsoft.EventHub/namespaces'],
  ['azurerm_servicebus_', 'Microsoft.ServiceBus/namespaces'],
  ['azurerm_cognitive_', 'Microsoft.CognitiveServices/accounts'],
  ['azurerm_search_', 'Microsoft.Search/searchServices'],
  ['azurerm_data_factory', 'Microsoft.DataFactory/factories'],
  ['azurerm_synapse_', 'Microsoft.Synapse/workspaces'],
  ['azurerm_recovery_services_', 'Microsoft.RecoveryServices/vaults'],
  ['azurerm_backup_', 'Microsoft.RecoveryServices/vaults'],
  ['azurerm_log_analytics_', 'Microsoft.OperationalInsights/workspaces'],
  ['azurerm_monitor_', 'Microsoft.Insights/diagnosticSettings'],
  ['azurerm_role_', 'Microsoft.Authorization/roleAssignments'],
  ['azurerm_management_lock', 'Microsoft.Authorization/locks'],
  ['azurerm_data_protection_', 'Microsoft.DataProtection/backupVaults'],
  ['azurerm_security_center_', 'Microsoft.Security/pricings'],
  ['azurerm_sentinel_', 'Microsoft.SecurityInsights/onboardingStates'],
  ['azurerm_application_gateway', 'Microsoft.Network/applicationGateways'],
  ['azurerm_web_application_firewall_policy', 'Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies'],
  ['azurerm_cdn_frontdoor_', 'Microsoft.Cdn/profiles'],
  ['azurerm_frontdoor', 'Microsoft.Network/frontDoors'],
  ['azurerm_firewall', 'Microsoft.Network/azureFirewalls'],
  ['azurerm_bastion_host', 'Microsoft.Network/bastionHosts'],
  ['azurerm_public_ip', 'Microsoft.Network/publicIPAddresses'],
  ['azurerm_virtual_network', 'Microsoft.Network/virtualNetworks'],
  ['azurerm_subnet', 'Microsoft.Network/virtualNetworks/subnets'],
  ['azurerm_network_interface', 'Microsoft.Network/networkInterfaces'],
  ['azurerm_private_endpoint', 'Microsoft.Network/privateEndpoints'],
  ['azurerm_databricks_', 'Microsoft.Databricks/workspaces'],
  ['azurerm_machine_learning_', 'Microsoft.MachineLearningServices/workspaces'],
  ['azurerm_signalr_', 'Microsoft.SignalRService/signalR'],
  ['azurerm_web_pubsub', 'Microsoft.SignalRService/webPubSub'],
  ['azurerm_eventgrid_', 'Microsoft.EventGrid/topics'],
  ['azurerm_automation_', 'Microsoft.Automation/automationAccounts'],
  ['azurerm_app_configuration', 'Microsoft.AppConfiguration/configurationStores'],
  ['azurerm_application_insights', 'Microsoft.Insights/components'],
  ['azurerm_user_assigned_identity', 'Microsoft.ManagedIdentity/userAssignedIdentities'],
  ['azurerm_resource_group', 'Microsoft.Resources/resourceGroups'],
  // azuread: Microsoft Entra objects, managed through Microsoft Graph (the Bicep Graph extension's types where
  // one exists; Conditional Access policies have none and keep the Graph collection's name).
  ['azuread_', 'Microsoft.Graph/directoryObjects'],
  ['azuread_application', 'Microsoft.Graph/applications'],
  ['azuread_service_principal', 'Microsoft.Graph/servicePrincipals'],
  ['azuread_app_role_assignment', 'Microsoft.Graph/appRoleAssignedTo'],
  ['azuread_group', 'Microsoft.Graph/groups'],
  ['azuread_user', 'Microsoft.Graph/users'],
  ['azuread_conditional_access_policy', 'Microsoft.Graph/identity/conditionalAccess/policies'],
  // msgraph_resource and friends: any Graph object (the url says which).
  ['msgraph_', 'Microsoft.Graph/directoryObjects'],
];

/** The ARM type an azurerm resource type stands for; ARM types are returned as they are. */
export function armTypeOf(type: string): string | undefined {
  if (!/^(azurerm|azuread|msgraph)_/.test(type)) return type;
  let best: readonly [string, string] | undefined;
  for (const entry of AZURERM_TO_ARM)
    if (type.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1];
}

/** The service model of a resource type (ARM or azurerm), or undefined when the table has no entry. */
/** What template-level rules look at (parameters, outputs): no resource, so no service model; one owner in every model. */
export const TEMPLATE_SUBJECTS: ReadonlySet<string> = new Set(['parameter', 'output']);

/** Answers by type: every finding asks, and the table scan with `startsWith` showed in corpus profiles. */
const modelCache = new Map<string, ModelEntry | undefined>();

export function serviceModelOf(type: string): ModelEntry | undefined {
  if (modelCache.has(type)) return modelCache.get(type);
  const entry = lookupModel(type);
  // Bounded: types are few, but a fuzzed or generated file could invent many.
  if (modelCache.size < 4096) modelCache.set(type, entry);
  return entry;
}

function lookupModel(type: string): ModelEntry | undefined {
  const arm = armTypeOf(type)?.toLowerCase();
  if (!arm) return undefined;
  let best: readonly [string, ServiceModel, string] | undefined;
  for (const entry of ARM_MODELS) {
    if ((arm === entry[0] || arm.startsWith(`${entry[0]}/`)) && (!best || entry[0].length > best[0].length))
      best = entry;
  }
  return best ? { model: best[1], title: best[2] } : undefined;
}
