import assert from 'node:assert/strict';
import { allRules, DEPLOYMENT_MODELS, LAYERS, ownerOf, serviceModelOf, TEMPLATE_SUBJECTS } from '../../src/engine';

describe('shared-responsibility model', () => {
  it('has the ten layers of the table, in order', () => {
    assert.deepEqual(
      LAYERS.map((l) => l.title),
      [
        'Customer data',
        'Configurations and settings',
        'Identities and users',
        'Client devices',
        'Applications',
        'Network controls',
        'Operating system',
        'Physical hosts',
        'Physical network',
        'Physical datacenter',
      ],
    );
  });

  it('gives the customer everything on-premises and nothing physical in the cloud', () => {
    for (const l of LAYERS) assert.equal(ownerOf(l.id, 'On-premises'), 'customer');
    for (const id of ['physical-hosts', 'physical-network', 'physical-datacenter'] as const) {
      for (const m of ['IaaS', 'PaaS', 'SaaS'] as const) assert.equal(ownerOf(id, m), 'microsoft');
    }
    assert.equal(ownerOf('network-controls', 'IaaS'), 'customer');
    assert.equal(ownerOf('network-controls', 'PaaS'), 'shared');
    assert.equal(ownerOf('network-controls', 'SaaS'), 'microsoft');
    assert.equal(ownerOf('operating-system', 'PaaS'), 'microsoft');
    assert.equal(ownerOf('applications', 'PaaS'), 'shared');
  });

  it('every Microsoft-owned cell says what Microsoft secures', () => {
    for (const l of LAYERS) {
      if (DEPLOYMENT_MODELS.some((m) => ownerOf(l.id, m) === 'microsoft')) assert.ok(l.microsoftSecures, l.id);
    }
  });

  it('every resource type a rule targets has a service model', () => {
    for (const rule of allRules()) {
      for (const type of rule.resourceTypes) {
        if (TEMPLATE_SUBJECTS.has(type)) continue;
        assert.ok(serviceModelOf(type), `${rule.id}: no service model for ${type}`);
      }
    }
  });

  it('no rule can land in a Microsoft-owned cell for the types it targets', () => {
    for (const rule of allRules()) {
      for (const type of rule.resourceTypes) {
        const model = TEMPLATE_SUBJECTS.has(type) ? undefined : serviceModelOf(type)?.model;
        if (model) assert.notEqual(ownerOf(rule.layer, model), 'microsoft', `${rule.id} on ${type} (${model})`);
      }
    }
  });
});
