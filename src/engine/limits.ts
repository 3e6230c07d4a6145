/**
 * Input limits checked before any parsing, so that a huge or binary file costs a scan almost nothing: the editor
 * stays responsive and a CI run over a repository with generated blobs does not stall.
 */

/** Files larger than this (UTF-8 bytes) are skipped unless `ScanOptions.maxFileBytes` says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How much of the head is searched for a NUL character, as git and most editors do to call a file binary. */
const BINARY_SNIFF_CHARS = 8 * 1024;

/** The UTF-8 size of `text`, counting only until it passes `stopAbove` (the exact size does not matter past it). */
function utf8Bytes(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function sizeLabel(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  const kb = bytes / 1024;
  return kb >= 1 ? `${Number.isInteger(kb) ? kb : kb.toFixed(1)} KB` : `${bytes} bytes`;
}

/** Why a file is not analysed, before or after reading it. */
export type SkipCause = { readonly kind: 'tooLarge'; readonly maxBytes: number } | { readonly kind: 'binary' };

/** Why `text` must not be analysed at all, or undefined when it may be. */
export function skipCause(text: string, maxFileBytes: number = DEFAULT_MAX_FILE_BYTES): SkipCause | undefined {
  // Every UTF-16 unit is 1 to 3 bytes in UTF-8, so most texts are decided by their length alone.
  const tooLarge =
    text.length > maxFileBytes || (text.length * 3 > maxFileBytes && utf8Bytes(text, maxFileBytes) > maxFileBytes);
  if (tooLarge) return { kind: 'tooLarge', maxBytes: maxFileBytes };
  if (text.slice(0, BINARY_SNIFF_CHARS).includes('\0')) return { kind: 'binary' };
  return undefined;
}

/** The error a scanned file gets for `cause`. */
export function skipMessage(cause: SkipCause): string {
  return cause.kind === 'tooLarge'
    ? `skipped: file is larger than ${sizeLabel(cause.maxBytes)}`
    : 'skipped: binary file (NUL bytes near the start; UTF-16 text is not supported)';
}

/** The same, for a file read on the side (a module, a parameter file): words that follow "not read: ". */
export function skipNote(cause: SkipCause): string {
  return cause.kind === 'tooLarge' ? `it is larger than ${sizeLabel(cause.maxBytes)}` : 'it is a binary file';
}

/** Why `text` must not be analysed at all (the error message), or undefined when it may be. */
export function skipReason(text: string, maxFileBytes: number = DEFAULT_MAX_FILE_BYTES): string | undefined {
  const cause = skipCause(text, maxFileBytes);
  return cause && skipMessage(cause);
}
