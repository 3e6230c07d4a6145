/** The data owner's requirements: allowed regions (RES-*) and customer-managed keys (CMK rules), end to end. */
import assert from 'node:assert/strict';
import { allRules } from '../../src/engine';
import { parseRlensConfig } from '../../src/engine/editor-support/config';
import { CMK_TARGETS } from '../../src/engine/rules/checks/customer-managed-key';
import { RAISE_WITH_NAMES } from '../../src/engine/rules/rule-options';
import { pairedRegion } from '../../src/engine/rules/checks/paired-regions';
import { RULE_FIXTURES, join, scanFile } from '../helpers/fixtures';

const LOCATION = join(RULE_FIXTURES, 'RES-LOCATION', 'arm', 'insecure.json');
const REPLICA = join(RULE_FIXTURES, 'RES-REPLICA', 'azurerm', 'insecure.tf');
const STG_CMK = join(RULE_FIXTURES, 'STG-CMK', 'arm', 'insecure.json');

describe('data residency options', () => {
  it('reports nothing when no allowed regions are configured', () => {
    for (const file of [LOCATION, REPLICA]) {
      for (const options of [{}, { allowedLocations: [] }, { allowedLocations: [' '] }]) {
        assert.deepEqual(
          scanFile(file, { ...options, reportUnknown: true }).findings.filter((f) => f.ruleId.startsWith('RES-')),
          [],
        );
      }
    }
  });

  it('never guesses resourceGroup().location or a parameter without a value: unknown, and only when asked', () => {
    const quiet = scanFile(LOCATION, { allowedLocations: ['westeurope'] }).findings.filter(
      (f) => f.ruleId === 'RES-LOCATION',
    );
    assert.ok(quiet.every((f) => !f.unknown));
    const asked = scanFile(LOCATION, { allowedLocations: ['westeurope'], reportUnknown: true }).findings.filter(
      (f) => f.ruleId === 'RES-LOCATION' && f.unknown,
    );
    assert.deepEqual(asked.map((f) => [f.resource.name, f.severity]).sort(), [
      ['strg', 'info'],
      ['stunset', 'info'],
    ]);
    assert.match(asked.find((f) => f.resource.name === 'stunset')?.message ?? '', /parameter 'unset'/);
  });

  it('names where a region comes from and the region a geo-redundant copy goes to', () => {
    const fromParam = scanFile(LOCATION, { allowedLocations: ['westeurope'] }).findings.find(
      (f) => f.resource.name === 'kvparam' && f.ruleId === 'RES-LOCATION',
    );
    assert.match(fromParam?.message ?? '', /eastus.*default of parameter 'location'/);
    assert.equal(fromParam?.layer, 'customer-data');
    const replica = scanFile(REPLICA, { allowedLocations: ['westeurope'] }).findings.filter(
      (f) => f.ruleId === 'RES-REPLICA',
    );
    assert.ok(
      replica.some((f) => /copy in northeurope, the pair of westeurope/.test(f.message)),
      replica.map((f) => f.message).join('\n'),
    );
    assert.ok(replica.some((f) => /server 'sql-dr' in northeurope/.test(f.message)));
  });

  it('knows region pairs, one-way pairs and unpaired regions', () => {
    assert.equal(pairedRegion('West Europe'), 'northeurope');
    assert.equal(pairedRegion('eastus'), 'westus');
    assert.equal(pairedRegion('westus3'), 'eastus');
    assert.equal(pairedRegion('brazilsouth'), 'southcentralus');
    assert.equal(pairedRegion('southcentralus'), 'northcentralus');
    assert.equal(pairedRegion('polandcentral'), undefined);
  });
});

describe('customer-managed key requirement', () => {
  it('keeps CMK rules at info by default and raises them to warning when required', () => {
    const severities = (options: object): string[] =>
      scanFile(STG_CMK, options)
        .findings.filter((f) => f.ruleId === 'STG-CMK')
        .map((f) => f.severity);
    assert.deepEqual(severities({}), ['info', 'info']);
    assert.deepEqual(severities({ requireCustomerManagedKeys: true }), ['warning', 'warning']);
    // A user's explicit severity still wins.
    assert.deepEqual(severities({ requireCustomerManagedKeys: true, rules: { 'STG-CMK': 'error' } }), [
      'error',
      'error',
    ]);
  });

  it('rule files name only requirements and key targets that exist', () => {
    const raised = allRules().filter((r) => r.options?.raiseWith !== undefined);
    assert.deepEqual(raised.map((r) => r.id).sort(), ['COSMOS-CMK', 'DISK-CMK', 'SQL-CMK', 'STG-CMK']);
    for (const r of raised) {
      assert.ok(RAISE_WITH_NAMES.includes(String(r.options?.raiseWith)), r.id);
      assert.equal(r.severity, 'info', `${r.id}: only info rules are raised`);
    }
    for (const r of allRules().filter((x) => x.code === 'customer-managed-key'))
      assert.ok(CMK_TARGETS.includes(String(r.options?.target)), r.id);
  });
});

describe('.rlens.yaml requirement keys', () => {
  it('reads allowedLocations and requireCustomerManagedKeys, and rejects bad values with a span', () => {
    const { config, problems } = parseRlensConfig(
      'allowedLocations: [westeurope, North Europe]\nrequireCustomerManagedKeys: true\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.allowedLocations, ['westeurope', 'North Europe']);
    assert.equal(config.requireCustomerManagedKeys, true);
    const bad = parseRlensConfig('allowedLocations: westeurope\nrequireCustomerManagedKeys: yes please\n');
    assert.deepEqual(
      bad.problems.map((p) => p.message),
      [
        "'allowedLocations' must be a list of Azure regions (e.g. westeurope)",
        "'requireCustomerManagedKeys' must be true or false",
      ],
    );
    assert.equal(bad.config.allowedLocations, undefined);
  });
});
