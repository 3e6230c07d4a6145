// A deliberately insecure demo: each resource breaks a customer-side control.
param location string = resourceGroup().location
param minimumTls string = 'TLS1_0'

@secure()
param sqlAdminPassword string = 'ChangeMe123!'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdemo${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: minimumTls
    allowBlobPublicAccess: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-demo-insecure'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: false
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01' = {
  name: 'sql-demo-insecure'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: sqlAdminPassword
    minimalTlsVersion: '1.0'
  }

  resource allowAll 'firewallRules' = {
    name: 'AllowEverything'
    properties: {
      startIpAddress: '0.0.0.0'
      endIpAddress: '255.255.255.255'
    }
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-demo-insecure'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-rdp-anywhere'
        properties: {
          priority: 100
          access: 'Allow'
          direction: 'Inbound'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '3389'
        }
      }
    ]
  }
}
