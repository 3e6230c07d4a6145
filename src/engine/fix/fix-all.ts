/**
 * Fix-all, once for every front end (the CLI's `--fix`, the editor's `source.fixAll.rlens`, the tests): apply
 * the chosen fixes of a file, rescan, and repeat while fixes build on each other. Additions to one container
 * are merged (one `properties` block, however many settings it gains), edits that would collide are left for
 * the next round, and a round that would add an analysis error (a parse error, a duplicate key) is undone and
 * retried fix by fix, refusing the fixes that break the file.
 */
import { applyEditGroups } from '../core/apply-edits';
import type { Finding, Fix, TextEdit } from '../core/finding';
import type { FormatWriter } from '../model/document';
import { scanText, type ScanOptions, type ScanResult } from '../scan';

/** `safe`: only fixes that change nothing but the flagged setting; `all`: also those that need review. */
export type FixLevel = 'safe' | 'all';

export interface FixAllOptions extends ScanOptions {
  readonly level?: FixLevel;
  /** Only fixes of these rules (rule fixture tests fix one rule at a time); all rules when absent. */
  readonly ruleIds?: readonly string[];
}

export interface AppliedFix {
  readonly ruleId: string;
  readonly title: string;
}

/** A fix left out, with why: it needs review (`--fix=all` applies it), edits another file, or would break this one. */
export interface PendingFix {
  readonly finding: Finding;
  readonly fix: Fix;
  readonly reason: 'review' | 'other-file' | 'breaks-file';
}

export interface FixAllResult {
  readonly text: string;
  readonly applied: readonly AppliedFix[];
  /** Fixes offered for the findings that remain and were not applied. */
  readonly pending: readonly PendingFix[];
  /** The scan of `text` (the fixed text, or the original when nothing applied). */
  readonly result: ScanResult;
}

/** Fixes rarely build on each other more than twice; the bound keeps a pathological catalog from looping. */
const MAX_ROUNDS = 10;

interface Chosen {
  readonly finding: Finding;
  readonly fix: Fix;
}

interface Group {
  readonly edits: readonly TextEdit[];
  readonly members: readonly Chosen[];
}

const keyOf = (c: Chosen): string => `${c.finding.ruleId}\0${c.finding.resource.name}\0${c.fix.title}`;

function choose(f: Finding, level: FixLevel): Fix | undefined {
  if (f.suppressed) return undefined;
  return level === 'all' ? f.fixes[0] : f.fixes.find((x) => x.safe);
}

/** Fixes of one round, those adding to the same container merged into one edit by the document's writer. */
function groupsOf(chosen: readonly Chosen[], writer: FormatWriter | undefined): Group[] {
  const out: Group[] = [];
  const byContainer = new Map<string, Chosen[]>();
  for (const c of chosen) {
    const additions = c.fix.edits.filter((e) => e.adds);
    const only = additions.length === 1 ? additions[0] : undefined;
    if (!only?.adds || !writer) {
      out.push({ edits: c.fix.edits, members: [c] });
      continue;
    }
    const key = `${only.file}\0${only.adds.container}`;
    const list = byContainer.get(key);
    if (list) list.push(c);
    else byContainer.set(key, [c]);
  }
  for (const list of byContainer.values()) {
    const merged =
      list.length > 1
        ? (writer?.mergeAdditions(list.map((c) => c.fix.edits.find((e) => e.adds) as TextEdit)) ?? [])
        : [];
    if (merged.length > 0) out.push({ edits: merged, members: list });
    else for (const c of list) out.push({ edits: c.fix.edits, members: [c] });
  }
  // Document order, so that which of two colliding fixes waits a round does not depend on rule order.
  const start = (g: Group): number => Math.min(...g.edits.map((e) => e.span.start));
  return out.sort((a, b) => start(a) - start(b));
}

/**
 * Applies the fixes of `level` to `text` (the file `file`, whose name picks the format) until none is left,
 * and returns the fixed text, what was applied, what was left and why, and the scan of the result. Only edits
 * to `file` itself are applied; a fix that edits another file (a parameter file) is left, as `other-file`.
 */
export function fixAll(text: string, file: string, options: FixAllOptions = {}): FixAllResult {
  const level = options.level ?? 'safe';
  let current = text;
  let result = scanText(current, file, options);
  const applied: AppliedFix[] = [];
  const breaking = new Map<string, Chosen>();
  const seen = new Set<string>([current]);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const chosen: Chosen[] = [];
    for (const finding of result.findings) {
      if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
      const fix = choose(finding, level);
      if (!fix || fix.edits.length === 0 || fix.edits.some((e) => e.file !== file)) continue;
      const c = { finding, fix };
      if (!breaking.has(keyOf(c))) chosen.push(c);
    }
    if (chosen.length === 0) break;
    const groups = groupsOf(chosen, result.document?.writer);
    const next = applyEditGroups(
      current,
      groups.map((g) => g.edits),
      file,
    );
    if (next.applied === 0 || seen.has(next.text)) break;
    const nextResult = scanText(next.text, file, options);
    if (nextResult.errors.length <= result.errors.length) {
      for (const i of next.accepted)
        for (const c of (groups[i] as Group).members) applied.push({ ruleId: c.finding.ruleId, title: c.fix.title });
      current = next.text;
      result = nextResult;
      seen.add(current);
      continue;
    }
    // Something in this round breaks the file: apply its groups one by one and refuse those that add errors.
    let progressed = false;
    const known = breaking.size;
    for (const i of next.accepted) {
      const group = groups[i] as Group;
      const one = applyEditGroups(current, [group.edits], file);
      if (one.applied === 0) continue;
      const oneResult = scanText(one.text, file, options);
      if (oneResult.errors.length > result.errors.length) {
        for (const c of group.members) breaking.set(keyOf(c), c);
        continue;
      }
      for (const c of group.members) applied.push({ ruleId: c.finding.ruleId, title: c.fix.title });
      current = one.text;
      result = oneResult;
      seen.add(current);
      progressed = true;
      // The other groups' offsets refer to the text before this one: they are chosen again next round.
      break;
    }
    if (!progressed && breaking.size === known) break;
  }
  return { text: current, applied, pending: pendingOf(result, file, level, breaking), result };
}

/** The fixes offered for the remaining findings that were not applied, with why. */
function pendingOf(
  result: ScanResult,
  file: string,
  level: FixLevel,
  breaking: ReadonlyMap<string, Chosen>,
): PendingFix[] {
  const out: PendingFix[] = [];
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    const fix = choose(finding, 'all');
    if (!fix) continue;
    if (breaking.has(keyOf({ finding, fix }))) out.push({ finding, fix, reason: 'breaks-file' });
    else if (fix.edits.some((e) => e.file !== file)) out.push({ finding, fix, reason: 'other-file' });
    else if (level === 'safe' && !fix.safe) out.push({ finding, fix, reason: 'review' });
  }
  return out;
}
