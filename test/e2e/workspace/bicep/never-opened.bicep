// Never opened by the suite: only Scan Workspace can report it.
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kvneverbicep'
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: false
  }
}
