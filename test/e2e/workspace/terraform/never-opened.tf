# Never opened by the suite: only Scan Workspace can report it.
resource "azurerm_key_vault" "kv" {
  name                       = "kvnevertf"
  location                   = "westeurope"
  resource_group_name        = "rg-e2e"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = false
  soft_delete_retention_days = 90
}
