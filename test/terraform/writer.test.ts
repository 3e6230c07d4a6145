/** The HCL writer: fixes as `terraform fmt` would write them, in the file's own line endings. */
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/engine';
import { analyzeTerraform } from '../../src/engine/formats/terraform';

/** Inserts `path = value` into the first resource of `text` and returns the new text. */
function insert(text: string, path: string[], value: string | boolean, file = '/m/main.tf'): string {
  const doc = analyzeTerraform(text, file, {});
  const resource = doc.resources[0];
  assert.ok(resource);
  const edits = doc.writer.insertProperty(resource, path, value);
  assert.ok(edits.length > 0, 'no edit');
  return applyEdits(text, edits, file).text;
}

describe('HCL writer', () => {
  it('adds an attribute to the block, widening the aligned group', () => {
    const text = 'resource "azurerm_storage_account" "sa" {\n  name     = "st"\n  location = "westeurope"\n}\n';
    assert.equal(
      insert(text, ['min_tls_version'], 'TLS1_2'),
      'resource "azurerm_storage_account" "sa" {\n  name            = "st"\n  location        = "westeurope"\n  min_tls_version = "TLS1_2"\n}\n',
    );
  });

  it('a shorter name joins the group at its width', () => {
    const text = 'resource "azurerm_key_vault" "kv" {\n  name                = "kv"\n  resource_group_name = "rg"\n}\n';
    assert.equal(
      insert(text, ['tags_x'], true),
      'resource "azurerm_key_vault" "kv" {\n  name                = "kv"\n  resource_group_name = "rg"\n  tags_x              = true\n}\n',
    );
  });

  it('adds into an existing nested block', () => {
    const text =
      'resource "azurerm_linux_web_app" "app" {\n  name = "app"\n  site_config {\n    always_on = true\n  }\n}\n';
    assert.equal(
      insert(text, ['site_config', 'ftps_state'], 'Disabled'),
      'resource "azurerm_linux_web_app" "app" {\n  name = "app"\n  site_config {\n    always_on  = true\n    ftps_state = "Disabled"\n  }\n}\n',
    );
  });

  it('creates a missing nested block after the last member', () => {
    const text = 'resource "azurerm_storage_account" "sa" {\n  name = "st"\n}\n';
    assert.equal(
      insert(text, ['network_rules', 'default_action'], 'Deny'),
      'resource "azurerm_storage_account" "sa" {\n  name = "st"\n  network_rules {\n    default_action = "Deny"\n  }\n}\n',
    );
  });

  it('keeps CRLF line endings and tab indentation', () => {
    const text = 'resource "azurerm_storage_account" "sa" {\r\n\tname = "st"\r\n}\r\n';
    assert.equal(
      insert(text, ['network_rules', 'default_action'], 'Deny'),
      'resource "azurerm_storage_account" "sa" {\r\n\tname = "st"\r\n\tnetwork_rules {\r\n\t\tdefault_action = "Deny"\r\n\t}\r\n}\r\n',
    );
  });

  it('azapi: adds under body, creating objects, inside jsonencode too', () => {
    const text =
      'resource "azapi_resource" "st" {\n  type = "Microsoft.Storage/storageAccounts@2023-05-01"\n  body = jsonencode({\n    kind = "StorageV2"\n  })\n}\n';
    assert.equal(
      insert(text, ['properties', 'minimumTlsVersion'], 'TLS1_2'),
      'resource "azapi_resource" "st" {\n  type = "Microsoft.Storage/storageAccounts@2023-05-01"\n  body = jsonencode({\n    kind = "StorageV2"\n    properties = {\n      minimumTlsVersion = "TLS1_2"\n    }\n  })\n}\n',
    );
  });

  it('replaces a value in place, and writes a reasoned suppression comment above the resource', () => {
    const text = 'resource "azurerm_storage_account" "sa" {\n  min_tls_version = "TLS1_0"\n}\n';
    const doc = analyzeTerraform(text, '/m/main.tf', {});
    const resource = doc.resources[0];
    assert.ok(resource);
    const value = resource.body.properties.find((p) => p.key === 'min_tls_version')?.value;
    assert.ok(value);
    assert.equal(
      applyEdits(text, doc.writer.replaceValue(resource, value, 'TLS1_2'), '/m/main.tf').text,
      text.replace('TLS1_0', 'TLS1_2'),
    );
    assert.equal(
      applyEdits(text, doc.writer.suppress(resource, 'STG-TLS', 'legacy', '2027-01-31'), '/m/main.tf').text.split(
        '\n',
      )[0],
      '# rlens-disable-next-line STG-TLS -- legacy [until 2027-01-31]',
    );
  });
});
