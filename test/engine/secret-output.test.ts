/**
 * SEC-OUTPUT edge cases the fixtures do not show: what reveals a secure parameter (the value, a string built from
 * it) and what does not (a hash, a comparison, a condition, what reference() returns), in ARM and Bicep alike;
 * Terraform's own rule that anything computed from a sensitive variable is sensitive; and that no message repeats
 * a secret's value.
 */
import assert from 'node:assert/strict';
import { scanText, type Finding } from '../../src/engine';
import { memoryHost } from '../terraform/memory-host';

const RULE = 'SEC-OUTPUT';

function flagged(text: string, file: string): string[] {
  const r = scanText(text, file, { host: memoryHost({ [file]: text }) });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return r.findings
    .filter((f: Finding) => f.ruleId === RULE)
    .map((f) => f.resource.name)
    .sort();
}

describe('SEC-OUTPUT', () => {
  it('Bicep: the value and strings built from it are reported; hashes, comparisons, conditions and @secure() outputs are not', () => {
    const text = `@secure()
param pwd string
param flag bool

output plain string = pwd
output url string = 'https://admin:\${pwd}@example.com'
output upper string = toUpper(pwd)
output hashed string = uniqueString(pwd)
output isEmpty bool = empty(pwd)
output compared bool = pwd == 'x'
output negated bool = !empty(pwd)
output chosen string = pwd == '' ? 'none' : 'set'
output picked string = flag ? 'a' : 'b'
@secure()
output declared string = pwd
`;
    assert.deepEqual(flagged(text, '/t/main.bicep'), ['plain', 'upper', 'url']);
  });

  it('ARM: the same verdicts, reference() of a resource named by a secure parameter included', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { pwd: { type: 'securestring' }, settings: { type: 'secureObject' } },
        resources: [],
        outputs: {
          plain: { type: 'string', value: "[parameters('pwd')]" },
          url: { type: 'string', value: "[concat('https://admin:', parameters('pwd'), '@example.com')]" },
          member: { type: 'string', value: "[parameters('settings').adminPassword]" },
          hashed: { type: 'string', value: "[uniqueString(parameters('pwd'))]" },
          compared: { type: 'bool', value: "[equals(parameters('pwd'), '')]" },
          fqdn: { type: 'string', value: "[reference(parameters('settings').pipName).dnsSettings.fqdn]" },
          declared: { type: 'securestring', value: "[parameters('pwd')]" },
        },
      },
      null,
      2,
    );
    assert.deepEqual(flagged(text, '/t/azuredeploy.json'), ['member', 'plain', 'url']);
  });

  it('Terraform: anything computed from a sensitive variable is reported unless the output is sensitive', () => {
    const text = `variable "pwd" {
  type      = string
  sensitive = true
}
output "plain" {
  value = var.pwd
}
output "hashed" {
  value = sha256(var.pwd)
}
output "declared" {
  value     = var.pwd
  sensitive = true
}
`;
    assert.deepEqual(flagged(text, '/t/main.tf'), ['hashed', 'plain']);
  });

  it("a secure parameter's default or parameter-file value returned as it is is reported", () => {
    const text =
      "@secure()\nparam pwd string = 'Sup3r-Secret!'\noutput plain string = pwd\noutput hashed string = uniqueString(pwd)\n";
    assert.deepEqual(flagged(text, '/t/default.bicep'), ['plain']);
  });

  it('never repeats the secret in a message', () => {
    const text = "@secure()\nparam pwd string = 'Sup3r-Secret!'\noutput plain string = pwd\n";
    const r = scanText(text, '/t/leak.bicep', { host: memoryHost({ '/t/leak.bicep': text }) });
    for (const f of r.findings) assert.ok(!f.message.includes('Sup3r-Secret!'), f.message);
  });
});
