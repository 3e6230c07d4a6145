/**
 * `.rlens.yaml` exclude globs, matched in time linear in the path: the glob becomes a small automaton (Thompson's
 * construction) run over the path with a set of states, never backtracking. Translating globs into regular
 * expressions made `**` and `*` nested quantifiers: `**` ten times, or `*a` eight times, against a deep path took
 * minutes.
 *
 * Syntax (relative to the configuration's folder, `/` separators): `*` any run within a segment, `?` one character
 * of a segment, `**` any run across segments, `**` followed by `/` zero or more whole folders, `{a,b}` alternatives (nestable).
 * A pattern without `/` matches at any depth; one ending in `/` names a folder; a pattern matching a folder also
 * matches everything inside it.
 */

const SLASH = 47;

type State =
  | { kind: 'char'; code: number; out: number }
  | { kind: 'segment' | 'any'; out: number }
  | { kind: 'split'; out: number; out2: number }
  | { kind: 'match' };

/** A piece of automaton: its start and the dangling exits to connect to whatever follows. */
interface Fragment {
  readonly start: number;
  readonly exits: Array<{ readonly state: number; readonly field: 'out' | 'out2' }>;
}

class Builder {
  readonly states: State[] = [];

  add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }

  patch(f: Fragment, to: number): void {
    for (const e of f.exits) (this.states[e.state] as { out: number; out2: number })[e.field] = to;
  }

  /** One state consuming one character. */
  single(s: State & { out: number }): Fragment {
    const i = this.add(s);
    return { start: i, exits: [{ state: i, field: 'out' }] };
  }

  /** Zero or more of a one-character state (`*`, `**`). */
  loop(kind: 'segment' | 'any'): Fragment {
    const split = this.add({ kind: 'split', out: -1, out2: -1 });
    const step = this.add({ kind, out: split });
    (this.states[split] as { out: number }).out = step;
    return { start: split, exits: [{ state: split, field: 'out2' }] };
  }

  /** `**` followed by `/`: nothing, or any run ending in a slash. */
  folders(): Fragment {
    const skip = this.add({ kind: 'split', out: -1, out2: -1 });
    const run = this.loop('any');
    const slash = this.add({ kind: 'char', code: SLASH, out: -1 });
    this.patch(run, slash);
    (this.states[skip] as { out: number }).out = run.start;
    return {
      start: skip,
      exits: [
        { state: slash, field: 'out' },
        { state: skip, field: 'out2' },
      ],
    };
  }

  sequence(parts: readonly Fragment[]): Fragment {
    if (parts.length === 0) {
      // An empty alternative: a split whose both exits lead on.
      const s = this.add({ kind: 'split', out: -1, out2: -1 });
      return {
        start: s,
        exits: [
          { state: s, field: 'out' },
          { state: s, field: 'out2' },
        ],
      };
    }
    for (let i = 0; i + 1 < parts.length; i++) this.patch(parts[i] as Fragment, (parts[i + 1] as Fragment).start);
    return { start: (parts[0] as Fragment).start, exits: (parts[parts.length - 1] as Fragment).exits };
  }

  alternatives(options: readonly Fragment[]): Fragment {
    let f = options[options.length - 1] as Fragment;
    for (let i = options.length - 2; i >= 0; i--) {
      const o = options[i] as Fragment;
      const s = this.add({ kind: 'split', out: o.start, out2: f.start });
      f = { start: s, exits: [...o.exits, ...f.exits] };
    }
    return f;
  }
}

/** Reads `g` from `pos` into fragments until the end, or a `,`/`}` that closes the group being read. */
function parseSequence(b: Builder, g: string, pos: { i: number }, inGroup: boolean): Fragment {
  const parts: Fragment[] = [];
  while (pos.i < g.length) {
    const c = g[pos.i] as string;
    if (inGroup && (c === ',' || c === '}')) break;
    if (c === '*' && g[pos.i + 1] === '*') {
      const slash = g[pos.i + 2] === '/';
      parts.push(slash ? b.folders() : b.loop('any'));
      pos.i += slash ? 3 : 2;
    } else if (c === '*') {
      parts.push(b.loop('segment'));
      pos.i++;
    } else if (c === '?') {
      parts.push(b.single({ kind: 'segment', out: -1 }));
      pos.i++;
    } else if (c === '{') {
      pos.i++;
      const options = [parseSequence(b, g, pos, true)];
      while (g[pos.i] === ',') {
        pos.i++;
        options.push(parseSequence(b, g, pos, true));
      }
      if (g[pos.i] === '}') pos.i++; // an unclosed group runs to the end of the pattern
      parts.push(b.alternatives(options));
    } else {
      parts.push(b.single({ kind: 'char', code: c.charCodeAt(0), out: -1 }));
      pos.i++;
    }
  }
  return b.sequence(parts);
}

export interface Glob {
  /** Whether `path` (relative, `/` separators) or a folder holding it matches. */
  test(path: string): boolean;
}

/** Compiles an exclude glob; see the file comment for the syntax. */
export function compileGlob(glob: string): Glob {
  let g = glob.replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g += '**';
  if (!g.includes('/')) g = `**/${g}`;
  const b = new Builder();
  const body = parseSequence(b, g, { i: 0 }, false);
  // A pattern naming a folder excludes what is inside it: an optional `/` and anything after.
  const match = b.add({ kind: 'match' });
  const inside = b.add({ kind: 'split', out: -1, out2: match });
  const slash = b.add({ kind: 'char', code: SLASH, out: -1 });
  const rest = b.loop('any');
  b.patch(rest, match);
  (b.states[slash] as { out: number }).out = rest.start;
  (b.states[inside] as { out: number }).out = slash;
  b.patch(body, inside);
  return { test: (path) => run(b.states, body.start, path) };
}

/** Runs the automaton over `path` with a set of current states (each added once per step): O(path × states). */
function run(states: readonly State[], start: number, path: string): boolean {
  const mark = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const add = (list: number[], s: number, step: number): void => {
    // Splits are followed here (iteratively), so lists hold only states that consume or match.
    const stack = [s];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (i < 0 || mark[i] === step) continue;
      mark[i] = step;
      const st = states[i] as State;
      if (st.kind === 'split') stack.push(st.out2, st.out);
      else list.push(i);
    }
  };
  add(current, start, 0);
  for (let k = 0; k < path.length; k++) {
    const code = path.charCodeAt(k);
    next.length = 0;
    for (const i of current) {
      const st = states[i] as State;
      if (st.kind === 'match') continue;
      if (st.kind === 'split') continue;
      const ok = st.kind === 'char' ? st.code === code : st.kind === 'any' || code !== SLASH;
      if (ok) add(next, st.out, k + 1);
    }
    if (next.length === 0) return false;
    [current, next] = [next, current];
  }
  return current.some((i) => states[i]?.kind === 'match');
}
