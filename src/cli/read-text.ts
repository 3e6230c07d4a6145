/**
 * The one way the CLI reads a text file: templates, their modules and parameter files, tfvars, `.rlens.yaml`,
 * baselines. The type and size are checked before anything is read, and no more than the limit is ever read:
 * a FIFO named `x.tf` must not hang the scan, `/dev/zero` must not fill memory, and a 3 GB file is refused from
 * its size alone.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES, skipCause, type SkipCause } from '../engine';

/** Why a path was not read as text: not a regular file, too large or binary, or the system's error code. */
export type NotRead =
  | { readonly kind: 'notRegular'; readonly what: string }
  | {
      readonly kind: 'skipped';
      readonly cause: SkipCause;
      /** The start of the text, to tell a template from other JSON. */ readonly head?: string;
    }
  | { readonly kind: 'failed'; readonly code: string };

export type TextRead = { readonly kind: 'text'; readonly text: string } | NotRead;

/** Enough of a file's start for `mayBeTemplate` (it looks at the first 4,000 characters). */
const HEAD_BYTES = 16 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** What a path is, when it is not a regular file, in words for a message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** Reads at most `limit` bytes from the start of `fd`, stopping at the end of the file. */
function readUpTo(fd: number, limit: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const part = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
    const n = readSync(fd, part, 0, part.length, total);
    if (n === 0) break;
    parts.push(n === part.length ? part : part.subarray(0, n));
    total += n;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total);
}

/** The text of a regular file of at most `maxBytes` bytes that is not binary (UTF-8, BOM kept, as `readFileSync`). */
export function readTextFile(path: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): TextRead {
  let fd: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { kind: 'notRegular', what: kindOf(st) };
    // Non-blocking, so that a path swapped for a FIFO since the stat cannot make the open wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { kind: 'failed', code: codeOf(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'notRegular', what: kindOf(st) };
    const tooLarge: SkipCause = { kind: 'tooLarge', maxBytes };
    if (st.size > maxBytes)
      return { kind: 'skipped', cause: tooLarge, head: readUpTo(fd, HEAD_BYTES).toString('utf8') };
    // One byte more than allowed tells a file that grew past the limit since the stat.
    const bytes = readUpTo(fd, maxBytes + 1);
    if (bytes.length > maxBytes)
      return { kind: 'skipped', cause: tooLarge, head: bytes.subarray(0, HEAD_BYTES).toString('utf8') };
    const text = bytes.toString('utf8');
    const cause = skipCause(text, maxBytes);
    return cause ? { kind: 'skipped', cause, head: text.slice(0, HEAD_BYTES) } : { kind: 'text', text };
  } catch (e) {
    return { kind: 'failed', code: codeOf(e) };
  } finally {
    closeSync(fd);
  }
}

/** The failure in words: `no such file or directory (ENOENT)`, `permission denied (EACCES)`, … */
export function describeFailure(code: string): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder',
    ELOOP: 'too many symbolic links',
    EMFILE: 'too many open files',
  };
  return words[code] ? `${words[code]} (${code})` : code;
}
