/**
 * Error tolerance measured on real files: damage one line at a time the way typing does (a value not yet
 * written, a key half typed, a dropped character, a string or bracket left open, a `{` just typed) and count
 * how many of the file's other object properties the parser still returns at the same nesting depth with
 * exactly the same (shifted) span.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBicep, walk, type Program } from '../../src/engine/formats/bicep';
import { BICEP_FIXTURES } from '../bicep/paths';

const REAL = join(BICEP_FIXTURES, 'real');
/** Lines mutated per file and mutation, spread evenly over the file, to keep the test quick. */
const LINES_PER_FILE = 80;

interface Prop {
  readonly depth: number;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function properties(program: Program): Prop[] {
  const out: Prop[] = [];
  walk(program, (node, parents) => {
    if (node.kind !== 'property') return;
    const depth = parents.filter((p) => p.kind === 'object').length;
    out.push({ depth, name: node.name ?? '?', start: node.span.start, end: node.span.end });
  });
  return out;
}

type Mutation = (line: string, lineNo: number) => string | undefined;

const MUTATIONS: Record<string, Mutation> = {
  'value not yet typed': (line) => /^(\s*[\w']+\s*:\s?)\S/.exec(line)?.[1],
  'key half typed': (line) => {
    const m = /^(\s*)(\w{2,})\s*:/.exec(line);
    return m?.[1] !== undefined && m[2] ? m[1] + m[2].slice(0, Math.ceil(m[2].length / 2)) : undefined;
  },
  'dropped character': (line, n) => {
    const first = line.search(/\S/);
    if (first < 0) return undefined;
    const at = first + ((n * 7919) % (line.length - first));
    return line.slice(0, at) + line.slice(at + 1);
  },
  'string left open': (line) => {
    const at = line.lastIndexOf("'");
    return at < 0 ? undefined : line.slice(0, at) + line.slice(at + 1);
  },
  'bracket left open': (line) => {
    const trimmed = line.trimEnd();
    return /[}\])]$/.test(trimmed) ? trimmed.slice(0, -1) : undefined;
  },
  'unclosed { typed as a value': (line) => {
    const m = /^(\s*\w+\s*:\s*)\S/.exec(line);
    return m?.[1] ? `${m[1]}{` : undefined;
  },
  'unclosed { typed after a line': (line) => (/\S/.test(line) ? `${line.trimEnd()} {` : undefined),
};

interface Tally {
  total: number;
  kept: number;
}

function measure(text: string, mutation: Mutation, tally: Tally, losses: string[], file: string): void {
  const original = properties(parseBicep(text).program);
  const lines = text.split('\n');
  const stride = Math.max(1, Math.floor(lines.length / LINES_PER_FILE));
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  for (let n = 0; n < lines.length; n += stride) {
    const line = (lines[n] ?? '').replace(/\r$/, '');
    const damaged = mutation(line, n);
    if (damaged === undefined || damaged === line) continue;
    const lineStart = starts[n] ?? 0;
    const lineEnd = lineStart + line.length;
    const delta = damaged.length - line.length;
    const mutated = text.slice(0, lineStart) + damaged + text.slice(lineEnd);
    const found = new Set(
      properties(parseBicep(mutated).program).map((p) => `${p.depth}:${p.name}:${p.start}:${p.end}`),
    );
    for (const p of original) {
      if (p.end >= lineStart && p.start <= lineEnd) continue; // on (or around) the damaged line
      const shift = (o: number): number => (o > lineEnd ? o + delta : o);
      tally.total++;
      if (found.has(`${p.depth}:${p.name}:${shift(p.start)}:${shift(p.end)}`)) tally.kept++;
      else if (losses.length < 5)
        losses.push(`${file}:${n + 1} '${p.name}' (line ${text.slice(0, p.start).split('\n').length})`);
    }
  }
}

describe('Bicep parser: error tolerance on real files', () => {
  const files = readdirSync(REAL)
    .filter((f) => f.endsWith('.bicep') || f.endsWith('.bicepparam'))
    .sort();
  const overall: Tally = { total: 0, kept: 0 };

  it('has real files to damage, all parsing cleanly', () => {
    assert.ok(files.length >= 20, `only ${files.length} files in ${REAL}`);
    for (const f of files) assert.deepEqual(parseBicep(readFileSync(join(REAL, f), 'utf8')).diagnostics, [], f);
  });

  for (const [name, mutation] of Object.entries(MUTATIONS)) {
    it(`keeps ≥ 99% of the other properties when a line has: ${name}`, function () {
      this.timeout(120_000);
      const tally: Tally = { total: 0, kept: 0 };
      const losses: string[] = [];
      for (const f of files) measure(readFileSync(join(REAL, f), 'utf8'), mutation, tally, losses, f);
      overall.total += tally.total;
      overall.kept += tally.kept;
      const share = tally.kept / tally.total;
      console.log(`      ${name}: ${(share * 100).toFixed(2)}% of ${tally.total} properties kept`);
      assert.ok(tally.total > 1000, 'too few properties measured');
      assert.ok(share >= 0.99, `kept ${(share * 100).toFixed(2)}%; e.g. lost ${losses.join(', ')}`);
    });
  }

  after(() => {
    if (overall.total > 0)
      console.log(
        `      overall: ${((overall.kept / overall.total) * 100).toFixed(2)}% of ${overall.total} properties kept`,
      );
  });
});
