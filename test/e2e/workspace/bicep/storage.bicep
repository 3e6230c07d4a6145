// Live-diagnostics case for the e2e suite: TLS 1.0 must be flagged, fixed and suppressible.
param location string = 'westeurope'

resource stlive 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlivebicep'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_0'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    publicNetworkAccess: 'Disabled'
  }
}
