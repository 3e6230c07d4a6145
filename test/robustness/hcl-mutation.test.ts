/**
 * Error tolerance measured on real files: damage one line at a time the way typing does (a value not yet
 * written, a dropped character, a string or bracket left open) and count how many of the file's other
 * attributes the parser still returns at the same nesting depth with exactly the same (shifted) span.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHcl, type Body } from '../../src/engine/formats/terraform';
import { TERRAFORM_FIXTURES } from '../terraform/paths';

const REAL = join(TERRAFORM_FIXTURES, 'real');

interface Attr {
  readonly depth: number;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function attributes(body: Body, depth = 0, out: Attr[] = []): Attr[] {
  for (const item of body.items) {
    if (item.kind === 'attribute') out.push({ depth, name: item.name, start: item.span.start, end: item.span.end });
    else attributes(item.body, depth + 1, out);
  }
  return out;
}

type Mutation = (line: string, lineNo: number) => string | undefined;

/** The mutations: each returns the damaged line, or undefined when it does not apply to this line. */
const MUTATIONS: Record<string, Mutation> = {
  'value not yet typed': (line) => /^(\s*[\w-]+\s*=\s?)\S/.exec(line)?.[1],
  'dropped character': (line, n) => {
    const first = line.search(/\S/);
    if (first < 0) return undefined;
    const at = first + ((n * 7919) % (line.length - first));
    return line.slice(0, at) + line.slice(at + 1);
  },
  'string left open': (line) => {
    const at = line.lastIndexOf('"');
    return at < 0 ? undefined : line.slice(0, at) + line.slice(at + 1);
  },
  'bracket left open': (line) => {
    const trimmed = line.trimEnd();
    return /[}\])]$/.test(trimmed) ? trimmed.slice(0, -1) : undefined;
  },
  'bracket opened': (line) => (/=\s*\S/.test(line) ? `${line.trimEnd()} {` : undefined),
};

interface Tally {
  total: number;
  kept: number;
}

function measure(text: string, mutation: Mutation, tally: Tally, losses: string[]): void {
  const original = attributes(parseHcl(text).body);
  const lines = text.split('\n');
  let offset = 0;
  lines.forEach((line, n) => {
    const lineStart = offset;
    const lineEnd = offset + line.length;
    offset = lineEnd + 1;
    const damaged = mutation(line, n);
    if (damaged === undefined || damaged === line) return;
    const delta = damaged.length - line.length;
    const mutated = text.slice(0, lineStart) + damaged + text.slice(lineEnd);
    const found = new Set(attributes(parseHcl(mutated).body).map((a) => `${a.depth}:${a.name}:${a.start}:${a.end}`));
    for (const a of original) {
      // Attributes on or around the damaged line are damaged themselves.
      if (a.start <= lineEnd && a.end >= lineStart) continue;
      const shift = a.start > lineEnd ? delta : 0;
      tally.total++;
      if (found.has(`${a.depth}:${a.name}:${a.start + shift}:${a.end + shift}`)) tally.kept++;
      else if (losses.length < 50)
        losses.push(`line ${n + 1} ${JSON.stringify(damaged.trim())}: lost ${a.name} at ${a.start}`);
    }
  });
}

describe('HCL parser: mutation test on real files', function () {
  this.timeout(120_000);
  const files = readdirSync(REAL).filter((f) => f.endsWith('.tf'));

  it('has real files to work on, which parse cleanly', () => {
    assert.ok(files.length >= 20, 'test/fixtures/terraform/real needs ~20 files');
    for (const f of files) assert.deepEqual(parseHcl(readFileSync(join(REAL, f), 'utf8')).diagnostics, [], f);
  });

  it('keeps ≥ 99% of attributes with exact spans after single-line damage', () => {
    const overall: Tally = { total: 0, kept: 0 };
    const report: string[] = [];
    const losses: string[] = [];
    for (const [name, mutation] of Object.entries(MUTATIONS)) {
      const tally: Tally = { total: 0, kept: 0 };
      for (const f of files) measure(readFileSync(join(REAL, f), 'utf8'), mutation, tally, losses);
      overall.total += tally.total;
      overall.kept += tally.kept;
      report.push(`${name}: ${((100 * tally.kept) / tally.total).toFixed(2)}% of ${tally.total}`);
    }
    const share = (100 * overall.kept) / overall.total;
    console.log(`      attributes kept: ${share.toFixed(2)}% of ${overall.total} (${report.join('; ')})`);
    // HCL_LOSSES=1 lists the first losses even when the share passes, to study what is still lost.
    if (process.env.HCL_LOSSES) console.log(losses.join('\n'));
    assert.ok(share >= 99, `only ${share.toFixed(2)}% kept; first losses:\n${losses.join('\n')}`);
  });
});
