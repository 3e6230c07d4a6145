# A deliberately insecure demo: each resource breaks a customer-side control.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

variable "min_tls_version" {
  type    = string
  default = "TLS1_0"
}

resource "azurerm_storage_account" "demo" {
  name                     = "stdemoinsecure"
  resource_group_name      = "rg-demo"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = var.min_tls_version
}

resource "azurerm_key_vault" "demo" {
  name                = "kv-demo-insecure"
  resource_group_name = "rg-demo"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "allow-ssh-anywhere"
  resource_group_name         = "rg-demo"
  network_security_group_name = "nsg-demo"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
}

resource "azapi_resource" "legacy_storage" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stlegacyinsecure"
  location  = "westeurope"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-demo"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_LRS" }
    properties = {
      supportsHttpsTrafficOnly = false
      minimumTlsVersion        = "TLS1_2"
    }
  }
}
