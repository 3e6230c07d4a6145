import assert from 'node:assert/strict';
import { evaluateExpression, type ArmScope } from '../../src/engine/formats/arm/expression';
import type { Value } from '../../src/engine/core/value';
import { toJs } from '../../src/engine/eval/values';

const span = { start: 0, end: 1 };
const scope: ArmScope = {
  parameter: (name) =>
    name === 'known'
      ? { kind: 'string', value: 'TLS1_2', span }
      : { kind: 'unknown', span, reason: `parameter '${name}' has no default value`, dependsOn: [name] },
  variable: (name) => ({
    kind: 'object',
    span,
    properties: [{ key: 'tier', keySpan: span, span, value: { kind: 'string', value: name, span } }],
  }),
};
const ev = (s: string): Value => evaluateExpression(s, span, scope);

describe('ARM expressions', () => {
  const cases: Array<[string, unknown]> = [
    ["[concat('a', 'b', 'c')]", 'abc'],
    ["[format('{0}-{1}', 'x', 2)]", 'x-2'],
    ["[if(equals(1, 1), 'yes', 'no')]", 'yes'],
    ['[not(and(true(), or(false(), true())))]', false],
    ["[toLower('ABC')]", 'abc'],
    ["[toUpper('abc')]", 'ABC'],
    ['[string(42)]', '42'],
    ["[bool('true')]", true],
    ["[int('17')]", 17],
    ['[json(\'{"a":[1,2]}\').a[1]]', 2],
    ["[union(createObject('a', 1), createObject('b', 2))]", { a: 1, b: 2 }],
    ["[createArray(1, 'two')]", [1, 'two']],
    ["[contains(createArray('x', 'y'), 'y')]", true],
    ["[empty('')]", true],
    ["[coalesce(json('null'), 'fallback')]", 'fallback'],
    ["[parameters('known')]", 'TLS1_2'],
    ["[variables('premium').tier]", 'premium'],
    ["[concat('it''s')]", "it's"],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => assert.deepEqual(toJs(ev(expr)), expected));
  }

  it('a parameter without a default is unknown and names the parameter', () => {
    const v = ev("[concat('st', parameters('name'))]");
    assert.equal(v.kind, 'unknown');
    assert.deepEqual(v.kind === 'unknown' ? v.dependsOn : [], ['name']);
  });

  it('deployment-time functions are unknown with a reason, never guessed', () => {
    const v = ev('[resourceGroup().location]');
    assert.equal(v.kind, 'unknown');
    assert.match(v.kind === 'unknown' ? v.reason : '', /resourceGroup\(\) is only known at deployment/);
  });

  it('if() with an unknown condition but equal branches is known', () => {
    assert.equal(toJs(ev("[if(equals(parameters('env'), 'prod'), 'TLS1_2', 'TLS1_2')]")), 'TLS1_2');
  });

  it('an unreadable expression is unknown, not an exception', () => {
    const v = ev("[concat('a', ]");
    assert.equal(v.kind, 'unknown');
  });

  it('deep nesting is refused without a stack overflow', () => {
    const v = ev(`[${'not('.repeat(5000)}true()${')'.repeat(5000)}]`);
    assert.equal(v.kind, 'unknown');
  });
});
