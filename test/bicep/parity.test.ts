/**
 * Parity: for every rule with both ARM and Bicep fixtures, the two give the same rule ids on the same
 * resources (by name), in the insecure and in the secure sample alike.
 */
import assert from 'node:assert/strict';
import { allRules } from '../../src/engine';
import { RULE_FIXTURES, existsSync, join, scanFile } from '../helpers/fixtures';

function verdicts(file: string): string[] {
  const { findings, errors } = scanFile(file);
  assert.deepEqual(errors, [], file);
  return [
    ...new Set(
      findings
        .filter((f) => !f.suppressed && !f.unknown)
        .map((f) => `${f.ruleId} on ${f.resource.type.toLowerCase()} '${f.resource.name}'`),
    ),
  ].sort();
}

describe('Bicep and ARM fixtures agree', () => {
  for (const rule of allRules()) {
    for (const sample of ['insecure', 'secure']) {
      const arm = join(RULE_FIXTURES, rule.id, 'arm', `${sample}.json`);
      const bicep = join(RULE_FIXTURES, rule.id, 'bicep', `${sample}.bicep`);
      if (!existsSync(arm) || !existsSync(bicep)) continue;
      it(`${rule.id} ${sample}: same rule ids on the same resources`, () => {
        assert.deepEqual(verdicts(bicep), verdicts(arm));
      });
    }
  }
});
