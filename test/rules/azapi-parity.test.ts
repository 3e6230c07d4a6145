/**
 * Parity, generated: every ARM fixture is re-written as azapi (`azapi_resource` with the same type, API version,
 * name and an HCL `body` holding the evaluated ARM body) and must get the same verdicts of its rule on the same
 * resources. azapi bodies are ARM-shaped, so one rule id must mean one verdict in both.
 */
import assert from 'node:assert/strict';
import { allRules, scanText } from '../../src/engine';
import { toJs } from '../../src/engine/eval/values';
import { RULE_FIXTURES, existsSync, fsHost, join, readFileSync } from '../helpers/fixtures';

/** A JSON value as HCL: quoted keys, `$${` for a literal `${`, `%%{` for a literal `%{`. */
function hcl(v: unknown, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v))
    return v.length === 0 ? '[]' : `[\n${v.map((x) => `${inner}${hcl(x, inner)}`).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.length === 0
    ? '{}'
    : `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)} = ${hcl(x, inner)}`).join('\n')}\n${indent}}`;
}

function verdicts(
  findings: ReadonlyArray<{ ruleId: string; resource: { name: string }; unknown?: boolean; suppressed?: unknown }>,
  ruleId: string,
): string[] {
  return findings
    .filter((f) => f.ruleId === ruleId && !f.unknown && !f.suppressed)
    .map((f) => f.resource.name)
    .sort();
}

describe('ARM and azapi agree (generated from the ARM fixtures)', () => {
  let compared = 0;
  for (const rule of allRules()) {
    // Meta rules judge suppressions, which the generated azapi text does not carry.
    if (!rule.dialects.includes('azapi') || rule.id.startsWith('RLENS-')) continue;
    for (const sample of ['insecure', 'secure']) {
      const file = join(RULE_FIXTURES, rule.id, 'arm', `${sample}.json`);
      if (!existsSync(file)) continue;
      const optionsFile = join(RULE_FIXTURES, rule.id, 'options.json');
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as object) : {};
      it(`${rule.id} ${sample}`, function () {
        const arm = scanText(readFileSync(file, 'utf8'), file, { host: fsHost, today: '2026-11-22', ...options });
        const blocks: string[] = [];
        const names: string[] = [];
        arm.document?.resources.forEach((r, i) => {
          // Only resources whose whole body is known can be written as literal azapi; nested deployments and
          // resources in copy loops have no single azapi equivalent.
          if (r.loop || r.type.toLowerCase() === 'microsoft.resources/deployments' || !r.apiVersion) return;
          const body = toJs(r.body) as Record<string, unknown> | undefined;
          if (!body) return;
          const {
            type: _t,
            apiVersion: _a,
            name: _n,
            dependsOn: _d,
            resources: _r,
            condition: _c,
            metadata: _m,
            ...rest
          } = body;
          names.push(r.name);
          blocks.push(
            `resource "azapi_resource" "r${i}" {\n  type = "${r.type}@${r.apiVersion}"\n  name = ${hcl(r.name, '  ')}\n  body = ${hcl(rest, '  ')}\n}\n`,
          );
        });
        if (blocks.length === 0) this.skip();
        const tf = `${blocks.join('\n')}`;
        const azapi = scanText(tf, join(RULE_FIXTURES, rule.id, 'azapi', `generated-${sample}.tf`), {
          today: '2026-11-22',
          ...options,
        });
        assert.deepEqual(azapi.errors, []);
        const expected = verdicts(arm.findings, rule.id).filter((n) => names.includes(n));
        assert.deepEqual(verdicts(azapi.findings, rule.id), expected, tf);
        compared++;
      });
    }
  }
  after(() => {
    // A generator that silently compares nothing would prove nothing.
    assert.ok(compared > 50, `only ${compared} fixtures compared`);
  });
});
