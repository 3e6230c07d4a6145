/**
 * IAM-CA-ADMIN-MFA beyond the fixtures: azuread resources are read like azurerm ones (attribute tree, Graph
 * service model), role ids from variable defaults and tfvars are judged, unknown ones are not, and a policy that
 * does not ask for MFA is not this rule's business.
 */
import assert from 'node:assert/strict';
import { scanText, serviceModelOf } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

const RULE = 'IAM-CA-ADMIN-MFA';

const policy = (excluded: string, controls = '["mfa"]'): string => `variable "roles" {
  type    = list(string)
  default = ["62e90394-69f5-4237-9190-012177145e10"]
}
variable "unknown_roles" {
  type = list(string)
}
resource "azuread_conditional_access_policy" "p" {
  display_name = "MFA for everyone"
  state        = "enabled"
  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users = ["All"]
      excluded_roles = ${excluded}
    }
  }
  grant_controls {
    operator          = "OR"
    built_in_controls = ${controls}
  }
}
`;

function run(text: string, extra: Record<string, string> = {}): string[] {
  const files = { '/m/main.tf': text, ...extra };
  const r = scanText(text, '/m/main.tf', { host: memoryHost(files) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings.filter((f) => f.ruleId === RULE).map((f) => f.message);
}

describe(RULE, () => {
  it('azuread resources are analysed with the Microsoft Graph service model', () => {
    const r = scanText(policy('[]'), '/m/main.tf', { host: memoryHost({ '/m/main.tf': policy('[]') }) });
    const res = r.document?.resources.find((x) => x.type === 'azuread_conditional_access_policy');
    assert.equal(res?.dialect, 'azurerm');
    assert.equal(serviceModelOf('azuread_conditional_access_policy')?.model, 'SaaS');
    assert.equal(
      serviceModelOf('azuread_app_role_assignment')?.title,
      serviceModelOf('Microsoft.Graph/appRoleAssignedTo')?.title,
    );
  });

  it('a role id from a variable default is judged, and the message names the role, not the id', () => {
    const [message, ...rest] = run(policy('var.roles'));
    assert.equal(rest.length, 0);
    assert.match(
      message ?? '',
      /^Conditional Access policy 'MFA for everyone' requires MFA but exempts Global Administrator:/,
    );
  });

  it('a role id from terraform.tfvars is judged', () => {
    const found = run(policy('var.unknown_roles'), {
      '/m/terraform.tfvars': 'unknown_roles = ["E8611AB8-C189-46E8-94E1-60213AB1F814"]\n',
    });
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /exempts Privileged Role Administrator/);
  });

  it('unknown role ids, non-admin roles and policies without MFA are not reported', () => {
    assert.deepEqual(run(policy('var.unknown_roles')), []);
    assert.deepEqual(run(policy('["88d8e3e3-8f55-4a1e-953a-9b9898b8876b"]')), []);
    assert.deepEqual(run(policy('var.roles', '["block"]')), []);
  });
});
