/** Applies text edits to one file's text (`fixAll`, the CLI, tests), refusing any that would break it. */
import type { TextEdit } from './finding';

export interface AppliedEdits {
  readonly text: string;
  /** Edits (or, for `applyEditGroups`, groups) applied. */
  readonly applied: number;
  /** Edits (or groups) refused: they overlap one applied before them, or add a key that one of them added. */
  readonly rejected: number;
  /** Indexes of the edits (or groups) applied, in the order given. */
  readonly accepted: readonly number[];
}

interface Placed {
  readonly edit: TextEdit;
  readonly seq: number;
}

/** True when two edits cannot both apply: their spans overlap, or one inserts strictly inside the other's span. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start < b.span.end && b.span.start < a.span.end) return true;
  const inside = (point: TextEdit, range: TextEdit): boolean =>
    point.span.start === point.span.end && range.span.start < point.span.start && point.span.start < range.span.end;
  return inside(a, b) || inside(b, a);
}

/** Keys (container and first path segment) an edit adds; members under one new parent add that parent once. */
function addedKeys(e: TextEdit): string[] {
  if (!e.adds) return [];
  return [...new Set(e.adds.members.map((m) => `${e.file}\0${e.adds?.container}\0${m.path[0] ?? ''}`))];
}

/**
 * Applies groups of edits (each group one fix): a group applies whole or not at all. A group is refused when
 * one of its edits overlaps an edit already accepted, or adds a key to a container that an accepted edit (or an
 * earlier edit of the same group) already adds: applying both would write the key twice, which Bicep rejects
 * (BCP025) and JSON resolves by keeping the last. Insertions at the same point that add different keys (or
 * none) are fine and keep their order. Only edits to `file` are considered when it is given.
 */
export function applyEditGroups(text: string, groups: readonly (readonly TextEdit[])[], file?: string): AppliedEdits {
  const accepted: Placed[] = [];
  const keys = new Set<string>();
  let applied = 0;
  let rejected = 0;
  let seq = 0;
  const acceptedGroups: number[] = [];
  for (const [index, group] of groups.entries()) {
    const mine = group.filter((e) => file === undefined || e.file === file);
    if (mine.length === 0) continue;
    const groupKeys = mine.flatMap(addedKeys);
    const clash =
      new Set(groupKeys).size !== groupKeys.length ||
      groupKeys.some((k) => keys.has(k)) ||
      mine.some((e, i) => mine.some((o, j) => j < i && overlaps(e, o)) || conflictsWithAccepted(accepted, e));
    if (clash) {
      rejected++;
      continue;
    }
    for (const e of mine) insertSorted(accepted, { edit: e, seq: seq++ });
    for (const k of groupKeys) keys.add(k);
    acceptedGroups.push(index);
    applied++;
  }
  // Last first, so that earlier offsets stay valid; at one point, later-accepted text goes after earlier text.
  let out = text;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const e = (accepted[i] as Placed).edit;
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return { text: out, applied, rejected, accepted: acceptedGroups };
}

/**
 * Applies edits to `file` (all edits when no file is given), each on its own: an edit that overlaps one applied
 * before it, or adds a key another edit added to the same container, is refused and counted in `rejected`.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], file?: string): AppliedEdits {
  return applyEditGroups(
    text,
    edits.map((e) => [e]),
    file,
  );
}

/** Accepted edits stay sorted by start, then end, then acceptance order; neighbours are found by binary search. */
function insertSorted(list: Placed[], p: Placed): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid] as Placed;
    const before =
      m.edit.span.start < p.edit.span.start ||
      (m.edit.span.start === p.edit.span.start &&
        (m.edit.span.end < p.edit.span.end || (m.edit.span.end === p.edit.span.end && m.seq < p.seq)));
    if (before) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, p);
}

function conflictsWithAccepted(list: readonly Placed[], e: TextEdit): boolean {
  // The first accepted edit that could reach `e`: accepted edits never overlap, so their ends rise with their starts.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Placed).edit.span.end < e.span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) {
    const a = (list[i] as Placed).edit;
    if (a.span.start > e.span.end) break;
    if (a.file === e.file && overlaps(a, e)) return true;
  }
  return false;
}
