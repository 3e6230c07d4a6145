/**
 * Seeded text mutations for the fuzzer: the damage typing, copying, truncated downloads and hostile input do.
 * Every mutation is a pure function of (text, rng), so a case is reproduced from its seed alone.
 */

/** mulberry32: small, fast and good enough to pick positions; the same seed gives the same sequence everywhere. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** The seed of case `index` in a run seeded with `seed`: cases are independent, so one can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** Characters that mean something in JSON, Bicep or HCL, plus ordinary letters. */
const SYNTAX = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  ':',
  ',',
  '=',
  '.',
  '$',
  '\\',
  '/',
  '*',
  '#',
  '\n',
  ' ',
  '%',
  '<',
  '>',
  '?',
  '@',
  'a',
  '0',
  '-',
];

function lines(text: string): string[] {
  return text.split('\n');
}

function at(rng: Rng, text: string): number {
  return rng.int(text.length + 1);
}

function splice(text: string, start: number, deleteCount: number, insert = ''): string {
  return text.slice(0, start) + insert + text.slice(start + deleteCount);
}

/** A random UTF-16 unit: controls, lone surrogates, non-characters and ordinary text alike (never NUL: see below). */
function randomUnit(rng: Rng): string {
  switch (rng.int(5)) {
    case 0:
      return String.fromCharCode(1 + rng.int(31));
    case 1:
      return String.fromCharCode(0xd800 + rng.int(0x800));
    case 2:
      return rng.pick(['\uFEFF', '\uFFFE', '\uFFFF', '\u2028', '\u2029', '\u00A0', '\r']);
    case 3:
      return String.fromCodePoint(0x10000 + rng.int(0xfffff));
    default:
      return String.fromCharCode(32 + rng.int(0x3000));
  }
}

export type Mutation = (text: string, rng: Rng) => string;

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'delete characters': (t, r) => splice(t, at(r, t), 1 + r.int(8)),
  'insert characters': (t, r) =>
    splice(t, at(r, t), 0, Array.from({ length: 1 + r.int(6) }, () => r.pick(SYNTAX)).join('')),
  'duplicate characters': (t, r) => {
    const start = at(r, t);
    return splice(t, start, 0, t.slice(start, start + 1 + r.int(40)));
  },
  'delete lines': (t, r) => {
    const ls = lines(t);
    ls.splice(r.int(ls.length), 1 + r.int(5));
    return ls.join('\n');
  },
  'duplicate lines': (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    ls.splice(i, 0, ...ls.slice(i, i + 1 + r.int(10)));
    return ls.join('\n');
  },
  'swap lines': (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    const j = r.int(ls.length);
    [ls[i], ls[j]] = [ls[j] as string, ls[i] as string];
    return ls.join('\n');
  },
  truncate: (t, r) => t.slice(0, r.int(t.length)),
  'random bytes': (t, r) => {
    let out = t;
    for (let n = 1 + r.int(10); n > 0; n--) out = splice(out, at(r, out), r.int(2), randomUnit(r));
    return out;
  },
  // NUL after the binary sniff window, where the parsers do see it.
  'NUL late': (t, r) => splice(`${t}${' '.repeat(Math.max(0, 8300 - t.length))}`, 8200 + r.int(100), 0, '\0'),
  'long string': (t, r) => splice(t, at(r, t), 0, `"${'x'.repeat(100_000 + r.int(200_000))}"`),
  'long line': (t, r) =>
    splice(t, at(r, t), 0, r.pick(['a', ' ', '/', '$', '{', '"a",']).repeat(50_000 + r.int(50_000))),
  'long unterminated string': (t, r) =>
    splice(t, at(r, t), 0, `${r.pick(['"', "'", "'''", '${', '<<EOT\n'])}${'y'.repeat(100_000)}`),
  'deep nesting': (t, r) => {
    const depth = 10_000;
    const [open, close] = r.pick([
      ['[', ']'],
      ['{', '}'],
      ['(', ')'],
      ['{"a":', '}'],
      ['{ a = ', '}'],
      ['{\na: ', '}'],
    ] as const);
    const balanced = r.next() < 0.5;
    return splice(t, at(r, t), 0, open.repeat(depth) + (balanced ? close.repeat(depth) : ''));
  },
};

/** Mutations that make inputs of 100 KB and more; drawn less often so a bounded run covers more cases. */
const HEAVY = new Set(['long string', 'long line', 'long unterminated string', 'deep nesting']);
const LIGHT_NAMES = Object.keys(MUTATIONS).filter((n) => !HEAVY.has(n));
const HEAVY_NAMES = [...HEAVY];

/** One to three mutations, chosen by `rng`; returns the text and the names applied. */
export function mutate(text: string, rng: Rng): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const name = rng.next() < 0.12 ? rng.pick(HEAVY_NAMES) : rng.pick(LIGHT_NAMES);
    out = (MUTATIONS[name] as Mutation)(out, rng);
    applied.push(name);
  }
  return { text: out, applied };
}

/**
 * The file cut just after a `{` that opens a block at the end of a line: valid in no format, so the scan must
 * report an error if it still takes the file for a template. Undefined when there is no such place.
 */
export function truncateInsideBlock(text: string, rng: Rng): string | undefined {
  const places: number[] = [];
  for (let i = text.indexOf('{\n'); i >= 0; i = text.indexOf('{\n', i + 1)) places.push(i + 2);
  return places.length === 0 ? undefined : text.slice(0, rng.pick(places));
}
