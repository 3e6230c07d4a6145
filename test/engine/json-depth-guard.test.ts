/** The pre-parse guard that keeps pathologically nested JSON away from the recursive parser. */
import assert from 'node:assert/strict';
import { jsonNestingDepth } from '../../src/engine/formats/arm/guard';

describe('jsonNestingDepth', () => {
  it('counts object and array nesting', () => {
    assert.equal(jsonNestingDepth('{"a": [1, {"b": [[]]}], "c": {}}'), 5);
    assert.equal(jsonNestingDepth('"just a string"'), 0);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    assert.equal(jsonNestingDepth('{"a": "[[[{{{"}'), 1);
    assert.equal(jsonNestingDepth('{"a": "say \\"[[[\\" twice"}'), 1);
    assert.equal(jsonNestingDepth('{"a": "ends in a backslash \\\\", "b": [[1]]}'), 3);
  });

  it('ignores brackets inside line and block comments', () => {
    assert.equal(jsonNestingDepth('{\n// [[[[ {{{\n"a": 1 /* [[[ */ }'), 1);
  });

  it('stops early past the limit and copes with unterminated strings and comments', () => {
    assert.equal(jsonNestingDepth('['.repeat(10_000), 1000), 1001);
    assert.equal(jsonNestingDepth('[["never closed'), 2);
    assert.equal(jsonNestingDepth('[[ /* never closed [[['), 2);
  });
});
