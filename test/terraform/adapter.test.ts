/**
 * The azurerm and azapi adapters end to end, on small in-memory modules: where values come from (tfvars,
 * defaults, locals, sibling files, module calls), what is judged (count, for_each, dynamic, patches,
 * configuring resources), the provider version in force, suppressions and the wording of the findings.
 */
import assert from 'node:assert/strict';
import { scanText, type Finding, type ScanOptions } from '../../src/engine';
import { analyzeTerraform, azurermMajor } from '../../src/engine/formats/terraform';
import { memoryHost } from './memory-host';

const TODAY = '2026-11-22';

function scan(files: Record<string, string>, file: string, options: ScanOptions = {}): Finding[] {
  const text = files[file];
  assert.ok(text !== undefined, file);
  const r = scanText(text, file, { host: memoryHost(files), today: TODAY, ...options });
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
  );
  return [...r.findings];
}

function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

function textAt(text: string | undefined, f: { span: { start: number; end: number } }): string {
  return (text ?? '').slice(f.span.start, f.span.end);
}

const STORAGE_TLS = `variable "tls" {
  default = "TLS1_2"
}

resource "azurerm_storage_account" "sa" {
  name            = "st"
  min_tls_version = var.tls
}
`;

describe('Terraform adapters', () => {
  describe('where values come from', () => {
    it('a variable default is judged, and the finding says "variable", not "parameter"', () => {
      const files = { '/m/main.tf': STORAGE_TLS.replace('TLS1_2', 'TLS1_0') };
      const [f] = only(scan(files, '/m/main.tf'), 'STG-TLS');
      assert.ok(f);
      assert.match(f.message, /Value from the default of variable 'tls'\.$/);
      assert.equal(textAt(files['/m/main.tf'], f), 'var.tls');
      assert.match(f.related[0]?.message ?? '', /default value of variable 'tls'/);
      assert.equal(f.fixes[0]?.title, 'Set variable \'tls\' to "TLS1_2"');
      assert.equal(f.fixes[0]?.safe, false);
    });

    it('terraform.tfvars overrides the default, *.auto.tfvars override terraform.tfvars (lexical order, later wins)', () => {
      const base = { '/m/main.tf': STORAGE_TLS };
      assert.deepEqual(only(scan({ ...base, '/m/terraform.tfvars': 'tls = "TLS1_2"\n' }, '/m/main.tf'), 'STG-TLS'), []);
      const [f] = only(scan({ ...base, '/m/terraform.tfvars': 'tls = "TLS1_0"\n' }, '/m/main.tf'), 'STG-TLS');
      assert.ok(f);
      assert.match(f.message, /Value from the tfvars value of 'tls'\./);
      assert.equal(f.related[0]?.file, '/m/terraform.tfvars');
      assert.match(f.related[0]?.message ?? '', /value of 'tls' in the tfvars file/);
      assert.deepEqual(
        f.fixes[0]?.edits.map((e) => e.file),
        ['/m/terraform.tfvars'],
      );
      const auto = {
        ...base,
        '/m/terraform.tfvars': 'tls = "TLS1_2"\n',
        '/m/a.auto.tfvars': 'tls = "TLS1_0"\n',
        '/m/b.auto.tfvars': 'tls = "TLS1_1"\n',
      };
      assert.match(only(scan(auto, '/m/main.tf'), 'STG-TLS')[0]?.message ?? '', /is TLS1_1/);
    });

    it('reads terraform.tfvars.json and *.auto.tfvars.json', () => {
      const files = { '/m/main.tf': STORAGE_TLS, '/m/terraform.tfvars.json': '{ "tls": "TLS1_0" }' };
      const [f] = only(scan(files, '/m/main.tf'), 'STG-TLS');
      assert.ok(f);
      assert.equal(f.related[0]?.file, '/m/terraform.tfvars.json');
      assert.deepEqual(
        f.fixes[0]?.edits.map((e) => e.newText),
        ['"TLS1_2"'],
      );
      const auto = { ...files, '/m/x.auto.tfvars.json': '{ "tls": "TLS1_2" }' };
      assert.deepEqual(only(scan(auto, '/m/main.tf'), 'STG-TLS'), []);
    });

    it('locals, and variables declared in a sibling file', () => {
      const files = {
        '/m/variables.tf': 'variable "tls" {\n  default = "TLS1_0"\n}\n',
        '/m/main.tf':
          'locals {\n  tls = var.tls\n  public = true\n}\n\nresource "azurerm_storage_account" "sa" {\n  name                            = "st"\n  min_tls_version                 = local.tls\n  allow_nested_items_to_be_public = local.public\n}\n',
      };
      const findings = scan(files, '/m/main.tf');
      const tls = only(findings, 'STG-TLS')[0];
      assert.ok(tls);
      // A local that passes a variable on keeps the variable as the origin.
      assert.match(tls.message, /default of variable 'tls'/);
      assert.equal(tls.related[0]?.file, '/m/variables.tf');
      const blob = only(findings, 'STG-BLOB-PUBLIC')[0];
      assert.ok(blob);
      assert.match(blob.message, /Value from variable 'local\.public'\./);
    });

    it('a variable without a value is unknown: reported only when asked, naming the variable', () => {
      const files = {
        '/m/main.tf':
          'variable "tls" {}\n\nresource "azurerm_storage_account" "sa" {\n  name            = "st"\n  min_tls_version = var.tls\n}\n',
      };
      assert.deepEqual(only(scan(files, '/m/main.tf'), 'STG-TLS'), []);
      const [f] = only(scan(files, '/m/main.tf', { reportUnknown: true }), 'STG-TLS');
      assert.equal(f?.message, "The minimum TLS version of storage account 'st' depends on variable 'tls'.");
      assert.equal(f?.severity, 'info');
    });

    it('a local module gets its inputs bound; its findings are in its own file, with fixes there', () => {
      const files = {
        '/r/main.tf': 'module "store" {\n  source = "./modules/store"\n  tls    = "TLS1_1"\n}\n',
        '/r/modules/store/main.tf':
          'variable "tls" {\n  default = "TLS1_2"\n}\n\nresource "azurerm_storage_account" "sa" {\n  name                            = "st"\n  min_tls_version                 = var.tls\n  allow_nested_items_to_be_public = true\n}\n',
      };
      const findings = scan(files, '/r/main.tf');
      const tls = only(findings, 'STG-TLS')[0];
      assert.ok(tls);
      assert.equal(tls.file, '/r/modules/store/main.tf');
      assert.match(tls.message, /Value passed for variable 'tls' by the module call\./);
      assert.equal(tls.related[0]?.file, '/r/main.tf');
      assert.deepEqual(
        tls.fixes[0]?.edits.map((e) => [e.file, files['/r/main.tf'].slice(e.span.start, e.span.end)]),
        [['/r/main.tf', '"TLS1_1"']],
      );
      // A literal in the module is fixed in the module's file, at its own offsets.
      const blob = only(findings, 'STG-BLOB-PUBLIC')[0];
      assert.ok(blob);
      const edit = blob.fixes[0]?.edits[0];
      assert.equal(edit?.file, '/r/modules/store/main.tf');
      assert.equal(files['/r/modules/store/main.tf'].slice(edit.span.start, edit.span.end), 'true');
    });

    it('module cycles end', () => {
      const files = {
        '/r/a/main.tf':
          'module "b" {\n  source = "../b"\n}\n\nresource "azurerm_storage_account" "a" {\n  name            = "a"\n  min_tls_version = "TLS1_0"\n}\n',
        '/r/b/main.tf':
          'module "a" {\n  source = "../a"\n}\n\nresource "azurerm_storage_account" "b" {\n  name            = "b"\n  min_tls_version = "TLS1_0"\n}\n',
      };
      const names = only(scan(files, '/r/a/main.tf'), 'STG-TLS')
        .map((f) => f.resource.name)
        .sort();
      assert.deepEqual(names, ['a', 'b']);
    });
  });

  describe('what is judged', () => {
    it('count = 0 deploys nothing; count = 1 is plain; for_each marks a loop', () => {
      const doc = analyzeTerraform(
        'resource "azurerm_storage_account" "off" {\n  count = 0\n  name  = "off"\n}\n\nresource "azurerm_storage_account" "one" {\n  count = 1\n  name  = "one"\n}\n\nresource "azurerm_storage_account" "many" {\n  for_each = toset(["a"])\n  name     = each.key\n}\n',
        '/m/main.tf',
        {},
      );
      assert.deepEqual(
        doc.resources.map((r) => [r.symbol, r.loop ?? false, r.conditional ?? false]),
        [
          ['azurerm_storage_account.one', true, false],
          ['azurerm_storage_account.many', true, false],
        ],
      );
      const name = doc.resources[1]?.body.properties.find((p) => p.key === 'name')?.value;
      assert.equal(name?.kind, 'unknown');
    });

    it('a dynamic block is unknown, never absent', () => {
      const files = {
        '/m/main.tf':
          'resource "azurerm_storage_account" "sa" {\n  name = "st"\n  dynamic "network_rules" {\n    for_each = var.rules\n    content {\n      default_action = network_rules.value\n    }\n  }\n}\n',
      };
      assert.deepEqual(only(scan(files, '/m/main.tf'), 'STG-FW-DEFAULT'), []);
      const [f] = only(scan(files, '/m/main.tf', { reportUnknown: true }), 'STG-FW-DEFAULT');
      assert.match(f?.message ?? '', /depends on variable 'rules'/);
    });

    it('azapi_update_resource is a patch: explicit insecure values are flagged, absent ones are not', () => {
      const patch = (props: string): Record<string, string> => ({
        '/m/main.tf': `resource "azapi_update_resource" "st" {\n  type        = "Microsoft.Storage/storageAccounts@2023-05-01"\n  resource_id = var.id\n  body = {\n    properties = {\n${props}\n    }\n  }\n}\n`,
      });
      // The storage rules that are data (property checks); an absent-judging code check must ask absenceIsJudged.
      const data = new Set([
        'STG-TLS',
        'STG-HTTPS',
        'STG-BLOB-PUBLIC',
        'STG-SHARED-KEY',
        'STG-PUBLIC-NET',
        'STG-FW-DEFAULT',
        'STG-INFRA-ENC',
        'STG-XTENANT',
      ]);
      assert.deepEqual(
        scan(patch('      isHnsEnabled = true'), '/m/main.tf').filter((f) => data.has(f.ruleId)),
        [],
      );
      const files = patch('      minimumTlsVersion = "TLS1_0"');
      const findings = scan(files, '/m/main.tf').filter((f) => data.has(f.ruleId));
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        ['STG-TLS'],
      );
      assert.equal(textAt(files['/m/main.tf'], findings[0] as Finding), '"TLS1_0"');
    });

    it('azapi body as an HCL object and as jsonencode(…) alike', () => {
      for (const body of [
        '{\n    properties = {\n      minimumTlsVersion = "TLS1_0"\n    }\n  }',
        'jsonencode({\n    properties = {\n      minimumTlsVersion = "TLS1_0"\n    }\n  })',
      ]) {
        const files = {
          '/m/main.tf': `resource "azapi_resource" "st" {\n  type = "Microsoft.Storage/storageAccounts@2023-05-01"\n  name = "st"\n  body = ${body}\n}\n`,
        };
        const [f] = only(scan(files, '/m/main.tf'), 'STG-TLS');
        assert.ok(f, body);
        assert.equal(textAt(files['/m/main.tf'], f), '"TLS1_0"');
        assert.equal(f.resource.type, 'Microsoft.Storage/storageAccounts');
      }
    });

    it('.tf.json resources and variables', () => {
      const files = {
        '/m/main.tf.json': JSON.stringify(
          {
            variable: { tls: { default: 'TLS1_0' } },
            resource: { azurerm_storage_account: { sa: { name: 'st', min_tls_version: '${var.tls}' } } },
          },
          null,
          2,
        ),
      };
      const [f] = only(scan(files, '/m/main.tf.json'), 'STG-TLS');
      assert.ok(f);
      assert.match(f.message, /default of variable 'tls'/);
      assert.deepEqual(
        f.fixes[0]?.edits.map((e) => e.newText),
        ['"TLS1_2"'],
      );
    });
  });

  describe('resources that configure another', () => {
    const account = 'resource "azurerm_storage_account" "sa" {\n  name = "st"\n}\n';
    const rules = (action: string): string =>
      `resource "azurerm_storage_account_network_rules" "rules" {\n  storage_account_id = azurerm_storage_account.sa.id\n  default_action     = "${action}"\n}\n`;

    it('network rules set by azurerm_storage_account_network_rules: Deny is clean, Allow is flagged on that resource', () => {
      const secure = { '/m/main.tf': `${account}\n${rules('Deny')}` };
      assert.deepEqual(only(scan(secure, '/m/main.tf'), 'STG-FW-DEFAULT'), []);
      const insecure = { '/m/main.tf': `${account}\n${rules('Allow')}` };
      const found = only(scan(insecure, '/m/main.tf'), 'STG-FW-DEFAULT');
      assert.deepEqual(
        found.map((f) => [f.resource.type, textAt(insecure['/m/main.tf'], f)]),
        [['azurerm_storage_account_network_rules', '"Allow"']],
      );
    });

    it('the configuring resource may sit in a sibling file', () => {
      const files = { '/m/main.tf': account, '/m/network.tf': rules('Deny') };
      assert.deepEqual(only(scan(files, '/m/main.tf'), 'STG-FW-DEFAULT'), []);
      // Without it, the account is flagged as before.
      assert.equal(only(scan({ '/m/main.tf': account }, '/m/main.tf'), 'STG-FW-DEFAULT').length, 1);
    });

    it('links targets inside a module too', () => {
      const files = {
        '/r/main.tf': 'module "m" {\n  source = "./m"\n}\n',
        '/r/m/main.tf': `${account}\n${rules('Deny')}`,
      };
      assert.deepEqual(only(scan(files, '/r/main.tf'), 'STG-FW-DEFAULT'), []);
      const doc = analyzeTerraform(files['/r/main.tf'], '/r/main.tf', { host: memoryHost(files) });
      assert.deepEqual(doc.resources.find((r) => r.type === 'azurerm_storage_account')?.configuredBy, {
        network_rules: 'module.m.azurerm_storage_account_network_rules.rules',
      });
    });
  });

  describe('azurerm provider version', () => {
    it('reads the highest major a constraint allows', () => {
      assert.deepEqual(azurermMajor('~> 3.117'), { major: 3, assumed: false });
      assert.deepEqual(azurermMajor('~> 3.117.0'), { major: 3, assumed: false });
      assert.deepEqual(azurermMajor('>= 4.0, < 5.0'), { major: 4, assumed: false });
      assert.deepEqual(azurermMajor('= 4.81.0'), { major: 4, assumed: false });
      assert.deepEqual(azurermMajor('>= 3.0'), { major: 5, assumed: false });
      assert.deepEqual(azurermMajor(undefined), { major: 5, assumed: true });
    });

    const providers = (constraint: string): string =>
      `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "${constraint}"\n    }\n  }\n}\n`;
    const omitted =
      'resource "azurerm_storage_account" "sa" {\n  name = "st"\n}\n\nresource "azurerm_redis_cache" "redis" {\n  name = "cache"\n}\n';
    const rules = ['STG-BLOB-PUBLIC', 'STG-XTENANT', 'REDIS-TLS'];
    const flagged = (files: Record<string, string>, options: ScanOptions = {}): string[] =>
      scan(files, '/m/main.tf', options)
        .filter((f) => rules.includes(f.ruleId))
        .map((f) => f.ruleId)
        .sort();

    it('v3: omitted allow_nested_items_to_be_public, cross_tenant_replication_enabled and Redis TLS are insecure', () => {
      assert.deepEqual(flagged({ '/m/main.tf': omitted, '/m/versions.tf': providers('~> 3.117') }), [
        'REDIS-TLS',
        'STG-BLOB-PUBLIC',
        'STG-XTENANT',
      ]);
    });

    it('v4: cross-tenant replication defaults to off; the other two are still insecure when omitted', () => {
      const files = { '/m/main.tf': omitted, '/m/versions.tf': providers('>= 4.0, < 5.0') };
      assert.deepEqual(flagged(files), ['REDIS-TLS', 'STG-BLOB-PUBLIC']);
      const blob = only(scan(files, '/m/main.tf'), 'STG-BLOB-PUBLIC')[0];
      assert.ok(blob);
      assert.doesNotMatch(blob.message, /assumed/);
      assert.match(blob.fixes[0]?.title ?? '', /^Add allow_nested_items_to_be_public: false \(review: /);
    });

    it('v5 pinned: all three are secure when omitted', () => {
      assert.deepEqual(flagged({ '/m/main.tf': omitted, '/m/versions.tf': providers('~> 5.0') }), []);
      assert.deepEqual(
        flagged({ '/m/main.tf': omitted, '/m/versions.tf': providers('~> 5.0') }, { reportUnknown: true }),
        [],
      );
    });

    it('no constraint: v5 is assumed, and a verdict resting on that says so', () => {
      const files = { '/m/main.tf': omitted };
      assert.deepEqual(flagged(files), []);
      const unknown = scan(files, '/m/main.tf', { reportUnknown: true }).filter((f) => rules.includes(f.ruleId));
      assert.deepEqual(unknown.map((f) => f.ruleId).sort(), rules.slice().sort());
      for (const f of unknown) {
        assert.equal(f.severity, 'info');
        assert.match(f.message, /no azurerm version constraint found; assumed v5/);
      }
    });
  });

  describe('suppressions', () => {
    const insecure = (comment: string): Record<string, string> => ({
      '/m/main.tf': `${comment}\nresource "azurerm_storage_account" "sa" {\n  name            = "st"\n  min_tls_version = "TLS1_0"\n}\n`,
    });

    it('a reasoned comment suppresses, with its reason', () => {
      const [f] = only(scan(insecure('# rlens-disable-next-line STG-TLS -- legacy clients'), '/m/main.tf'), 'STG-TLS');
      assert.equal(f?.suppressed?.reason, 'legacy clients');
      assert.equal(f?.suppressed?.source, 'inline');
    });

    it('// comments work too, and an [until DATE] lapses', () => {
      assert.equal(
        only(
          scan(insecure('// rlens-disable-next-line STG-TLS -- migrating [until 2027-01-31]'), '/m/main.tf'),
          'STG-TLS',
        )[0]?.suppressed?.expires,
        '2027-01-31',
      );
      const [lapsed] = only(
        scan(insecure('# rlens-disable-next-line STG-TLS -- migrating [until 2026-01-31]'), '/m/main.tf'),
        'STG-TLS',
      );
      assert.equal(lapsed?.suppressed, undefined);
      assert.match(lapsed?.message ?? '', /Its suppression expired on 2026-01-31/);
    });

    it('a comment without a reason is ignored and the finding says so', () => {
      const [f] = only(scan(insecure('# rlens-disable-next-line STG-TLS'), '/m/main.tf'), 'STG-TLS');
      assert.equal(f?.suppressed, undefined);
      assert.match(f?.message ?? '', /it gives no reason/);
    });
  });
});
