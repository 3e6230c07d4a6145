/**
 * The HCL parser's speed on hostile input (moved from test/terraform/hcl-parser.test.ts, which asserts nothing
 * about time): a long line of brackets parses at once, and time grows linearly with size.
 */
import assert from 'node:assert/strict';
import { parseHcl, type Attribute, type HclFile } from '../../src/engine/formats/terraform';
import { cpuMs } from './cpu-time';

function attr(file: HclFile, name: string): Attribute {
  const a = file.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
  assert.ok(a, `attribute ${name}`);
  return a;
}

describe('HCL parser', () => {
  describe('limits', () => {
    it('a 120 KB line of 10,000 brackets and stray closers parses quickly', () => {
      const text = `a = ${'('.repeat(10_000)}${'y'.repeat(100_000)}${')'.repeat(10_000)}\nb = 1\n`;
      const t0 = cpuMs();
      const file = parseHcl(text);
      assert.ok(cpuMs() - t0 < 1000, `${(cpuMs() - t0).toFixed(0)} ms`);
      assert.equal(attr(file, 'b').name, 'b');
    });

    it('time grows linearly with size, also for broken input', () => {
      const unit = 'resource "a" "b" {\n  name = \n  tags = {\n    x = [1,\n  y = "abc\n}\n';
      const time = (n: number): number => {
        const text = unit.repeat(n);
        const t0 = performance.now();
        parseHcl(text);
        return performance.now() - t0;
      };
      time(200);
      const small = Math.max(time(1000), 1);
      const large = time(8000);
      assert.ok(large < small * 8 * 4, `1000 units: ${small.toFixed(1)} ms, 8000 units: ${large.toFixed(1)} ms`);
    });
  });
});
