/** MON-ACTIVITY-LOG: which settings are subscription-level, and category lists built by loops. */
import assert from 'node:assert/strict';
import { scanText } from '../../src/engine';

const found = (text: string, file: string): string[] =>
  scanText(text, file, {})
    .findings.filter((f) => f.ruleId === 'MON-ACTIVITY-LOG')
    .map((f) => f.message);

const bicep = (scope: string, categories: string[]): string => `targetScope = '${scope}'
param workspaceId string
var exported = [
${categories.map((c) => `  '${c}'`).join('\n')}
]
resource activity 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'activity'
  properties: {
    workspaceId: workspaceId
    logs: [for c in exported: {
      category: c
      enabled: true
    }]
  }
}
`;

describe('MON-ACTIVITY-LOG', () => {
  it('evaluates a category list built by a loop over a known variable', () => {
    assert.deepEqual(found(bicep('subscription', ['Administrative', 'Security', 'Policy']), 'main.bicep'), []);
    const [message] = found(bicep('subscription', ['Administrative', 'Security']), 'main.bicep');
    assert.match(message ?? '', /does not export the Policy categor/);
  });

  it('does not judge an unscoped setting in a resource-group template (it is not the activity log)', () => {
    assert.deepEqual(found(bicep('resourceGroup', ['Administrative']), 'main.bicep'), []);
  });

  it('does not judge a category list that depends on a parameter', () => {
    const text = bicep('subscription', ['Administrative'])
      .replace('param workspaceId string', 'param workspaceId string\nparam exportedCategories array')
      .replace('in exported:', 'in exportedCategories:');
    assert.deepEqual(found(text, 'main.bicep'), []);
  });

  it('Terraform: only settings that target the subscription are judged', () => {
    const tf = (target: string): string => `resource "azurerm_monitor_diagnostic_setting" "s" {
  name                       = "s"
  target_resource_id         = ${target}
  log_analytics_workspace_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category = "Administrative"
  }
}
`;
    assert.equal(found(tf('"/subscriptions/00000000-0000-0000-0000-000000000000"'), 'main.tf').length, 1);
    assert.deepEqual(found(tf('azurerm_key_vault.kv.id'), 'main.tf'), []);
  });
});
