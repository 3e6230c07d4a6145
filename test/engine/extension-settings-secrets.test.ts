/**
 * VM-EXT-SECRETS edge cases the fixtures do not show: DSC PrivateSettingsRef pointers, members of a secure
 * object, addresses under credential-like keys, SAS signatures in URLs, azurerm heredoc JSON settings, and that
 * no message repeats the value.
 */
import assert from 'node:assert/strict';
import { scanText, type Finding } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

function findings(text: string, file: string): Finding[] {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings.filter((f) => f.ruleId === 'VM-EXT-SECRETS');
}

const extension = (
  name: string,
  settings: string,
): string => `resource ${name} 'Microsoft.Compute/virtualMachines/extensions@2024-03-01' = {
  name: 'vm/${name}'
  location: 'westeurope'
  properties: {
    publisher: 'Microsoft.Powershell'
    type: 'DSC'
    typeHandlerVersion: '2.77'
    settings: ${settings}
  }
}
`;

describe('VM-EXT-SECRETS', () => {
  it('Bicep: pointers, secure-object members and addresses are not secrets; a SAS signature and a secure string are', () => {
    const text = `@secure()
param spec object
@secure()
param token string
${extension('dsc', "{ configurationArguments: { adminCreds: { userName: 'azureuser', password: 'PrivateSettingsRef:AdminPassword' } } }")}${extension('member', "{ commandToExecute: 'sh init.sh ${spec.adminUsername}' }")}${extension('address', "{ tokenEndpoint: 'https://login.example.com/token' }")}${extension('sas', "{ fileUris: ['https://st.blob.core.windows.net/s/i.sh?sv=2022-11-02&sig=Zx9abcdefghijk%3D'] }")}${extension('direct', "{ commandToExecute: 'sh init.sh ${token}' }")}`;
    const got = findings(text, '/t/main.bicep');
    assert.deepEqual(got.map((f) => f.resource.name).sort(), ['vm/direct', 'vm/sas']);
    for (const f of got) assert.ok(!f.message.includes('Zx9'), 'the value is never repeated');
  });

  it('azurerm: heredoc JSON settings are read by key; protected_settings are not judged', () => {
    const text = `resource "azurerm_virtual_machine_extension" "join" {
  name                 = "join"
  virtual_machine_id   = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"
  publisher            = "Microsoft.Compute"
  type                 = "JsonADDomainExtension"
  type_handler_version = "1.3"
  settings             = <<SETTINGS
    { "Name": "corp.contoso.com", "Password": "Zx9-literal" }
SETTINGS
  protected_settings   = <<SETTINGS
    { "Password": "Zx9-protected" }
SETTINGS
}
`;
    const got = findings(text, '/t/main.tf');
    assert.deepEqual(
      got.map((f) => f.message),
      ["Public setting 'Password' of extension 'join' holds a credential; the API returns settings in clear text."],
    );
  });

  it('scale sets: inline extensions are named in the message (Bicep extensionProfile, azurerm extension blocks)', () => {
    const bicep = `@secure()
param pw string
resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {
  name: 'vmss'
  location: 'westeurope'
  properties: {
    virtualMachineProfile: {
      extensionProfile: {
        extensions: [
          { name: 'health', properties: { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux', typeHandlerVersion: '1.0', settings: { protocol: 'http', port: 80 } } }
          { name: 'cse', properties: { publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.1', settings: { commandToExecute: 'sh x.sh \${pw}' } } }
        ]
      }
    }
  }
}
`;
    assert.deepEqual(
      findings(bicep, '/t/main.bicep').map((f) => f.message),
      [
        "Public setting 'commandToExecute' of extension 'cse' of scale set 'vmss' carries secure parameter 'pw'; the API returns settings in clear text.",
      ],
    );
    const tf = `variable "pw" {
  type      = string
  sensitive = true
}
resource "azurerm_linux_virtual_machine_scale_set" "s" {
  name                = "vmss"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard_B2s"
  admin_username      = "azureuser"
  extension {
    name                 = "cse"
    publisher            = "Microsoft.Azure.Extensions"
    type                 = "CustomScript"
    type_handler_version = "2.1"
    settings             = jsonencode({ commandToExecute = "sh x.sh \${var.pw}" })
  }
}
`;
    assert.deepEqual(
      findings(tf, '/t/main.tf').map((f) => f.message),
      [
        "The public settings of extension 'cse' of scale set 'vmss' carry sensitive variable 'pw'; the API returns settings in clear text.",
      ],
    );
  });
});
