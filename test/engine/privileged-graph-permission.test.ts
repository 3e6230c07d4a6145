/**
 * IAM-GRAPH-PRIV-ROLE beyond the fixtures: beta Graph types, ids in any case, tfvars, and how a Terraform index by
 * a literal key is kept on the unknown value it yields.
 */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';
import { lookup } from '../../src/engine/core/value';
import { memoryHost } from '../terraform/memory-host';

const RULE = 'IAM-GRAPH-PRIV-ROLE';

function run(
  files: Record<string, string>,
  file: string,
): { messages: string[]; doc: ReturnType<typeof scanText>['document'] } {
  const r = scanText(files[file] ?? '', file, { host: memoryHost(files) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return { messages: r.findings.filter((f) => f.ruleId === RULE).map((f) => f.message), doc: r.document };
}

describe(RULE, () => {
  it('reads beta Graph types and ids in upper case', () => {
    const text = `extension microsoftGraphBeta
param principalId string
param graphSpId string
resource grant 'Microsoft.Graph/appRoleAssignedTo@beta' = {
  appRoleId: '06B708A9-E830-4DB3-A914-8E69DA51D44F'
  principalId: principalId
  resourceId: graphSpId
}
`;
    const { messages } = run({ '/m/main.bicep': text }, '/m/main.bicep');
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /AppRoleAssignment\.ReadWrite\.All/);
  });

  it('Terraform: an id from tfvars is judged; an unknown map indexed by a literal key keeps the key', () => {
    const main = `variable "role" {
  type = string
}
resource "azuread_app_role_assignment" "a" {
  app_role_id         = var.role
  principal_object_id = "00000000-0000-0000-0000-000000000001"
  resource_object_id  = "00000000-0000-0000-0000-000000000002"
}
resource "azuread_app_role_assignment" "b" {
  app_role_id         = azuread_service_principal.msgraph.app_role_ids["Mail.Read"]
  principal_object_id = "00000000-0000-0000-0000-000000000001"
  resource_object_id  = "00000000-0000-0000-0000-000000000002"
}
`;
    const { messages, doc } = run(
      { '/m/main.tf': main, '/m/terraform.tfvars': 'role = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"\n' },
      '/m/main.tf',
    );
    assert.equal(messages.length, 1);
    assert.match(
      messages[0] ?? '',
      /^App role assignment 'a' grants the Microsoft Graph permission RoleManagement\.ReadWrite\.Directory/,
    );
    const b = doc?.resources.find((r) => r.symbol === 'azuread_app_role_assignment.b');
    assert.ok(b);
    const found = lookup(b.body, ['app_role_id']);
    assert.ok(found.state === 'present' && found.value.kind === 'unknown');
    assert.deepEqual(found.value.call, { name: 'index', args: ['Mail.Read'] });
  });
});
