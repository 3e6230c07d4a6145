/**
 * `rlens scan --fix`: the engine's fix-all on one file, then an atomic write that keeps everything the fixes did
 * not touch. Every failure is an error entry for that file (the scan goes on), never a crash or a half-written file.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fixAll, LineIndex, type AnalysisError, type FixAllResult, type FixLevel, type ScanOptions } from '../engine';
import { unifiedDiff } from './unified-diff';

export interface FixRequest {
  readonly level: FixLevel;
  /** Print a unified diff of what would change, and change nothing. */
  readonly dryRun: boolean;
  /** The scan's roots (paths given on the command line): a symbolic link is fixed only when its target is under one. */
  readonly roots: readonly string[];
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface FixOutcome {
  /** The file's text after fixing (unchanged on a dry run or a failure). */
  readonly text: string;
  readonly errors: readonly AnalysisError[];
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when `path` (a real path) lies under a root: a folder given, or the folder of a file given. */
function isUnderRoots(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => {
    let root: string;
    try {
      root = statSync(r).isDirectory() ? realpathSync(r) : realpathSync(dirname(r));
    } catch {
      return false;
    }
    const rel = relative(root, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  });
}

/**
 * Writes `text` over `target` atomically: a new file beside it (same folder, so the rename cannot cross file
 * systems), with the original's mode (and owner, when allowed), flushed, then renamed over it.
 */
function writeAtomically(target: string, text: string): void {
  const st = statSync(target);
  const temp = join(dirname(target), `.${basename(target)}.rlens-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // `wx`: never through an existing file or link of that name.
  const fd = openSync(temp, 'wx', st.mode & 0o7777);
  try {
    try {
      writeSync(fd, Buffer.from(text, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, st.mode & 0o7777);
    try {
      chownSync(temp, st.uid, st.gid);
    } catch {
      // Only the owner's own files can be handed back; the mode is what matters.
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}

/** Whether this user may write the file (a rename in a writable folder would replace it regardless). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where a fix is written: the file, or a symbolic link's target when that lies under the scanned roots. */
function writeTarget(file: string, roots: readonly string[]): { target: string } | { error: string } {
  if (!lstatSync(file).isSymbolicLink()) return { target: file };
  const target = realpathSync(file);
  if (!isUnderRoots(target, roots))
    return { error: 'not fixed: it is a symbolic link to a file outside the scanned folders' };
  return { target };
}

function describeLeft(file: string, text: string, fixed: FixAllResult, level: FixLevel): string[] {
  const index = new LineIndex(text);
  const lines: string[] = [];
  for (const p of fixed.pending) {
    if (p.reason === 'review' && level === 'all') continue;
    const at = p.finding.file === file ? `${file}:${index.positionAt(p.finding.span.start).line + 1}` : p.finding.file;
    const why =
      p.reason === 'review'
        ? 'needs review, applied by --fix=all'
        : p.reason === 'other-file'
          ? 'edits another file, not applied'
          : 'refused: it would break the file';
    lines.push(`  ${at} ${p.finding.ruleId}: ${p.fix.title} (${why})\n`);
  }
  return lines;
}

/** Fixes one file as asked; `text` is what the scan read (UTF-8 decoded). */
export function fixFile(file: string, text: string, options: ScanOptions, request: FixRequest): FixOutcome {
  const fail = (message: string): FixOutcome => ({ text, errors: [{ file, message }] });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(`not fixed: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    fatalUtf8.decode(bytes);
  } catch {
    // Writing the decoded text back would replace every byte that is not UTF-8, comments included.
    return fail(
      'not fixed: the file is not valid UTF-8, and writing it back would change bytes the fixes do not touch',
    );
  }
  const fixed = fixAll(text, file, { ...options, level: request.level });
  const left = describeLeft(file, fixed.text, fixed, request.level);
  if (left.length > 0) request.stderr(`rlens: fixes not applied in ${file}:\n${left.join('')}`);
  if (fixed.text === text) return { text, errors: [] };
  const rules = [...new Set(fixed.applied.map((a) => a.ruleId))].join(', ');
  if (request.dryRun) {
    request.stdout(unifiedDiff(file, text, fixed.text));
    request.stderr(`would fix ${file}: ${fixed.applied.length} change(s) (${rules})\n`);
    return { text, errors: [] };
  }
  const where = writeTarget(file, request.roots);
  if ('error' in where) return fail(where.error);
  const st = statSync(where.target);
  // Root may write anything: a file nobody may write is left alone all the same.
  if ((st.mode & 0o222) === 0 || !writable(where.target)) return fail('not fixed: the file is read-only');
  try {
    writeAtomically(where.target, fixed.text);
  } catch (e) {
    return fail(`not fixed: cannot write it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  request.stderr(`fixed ${file}: ${fixed.applied.length} change(s) (${rules})\n`);
  return { text: fixed.text, errors: [] };
}
