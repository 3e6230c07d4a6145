/**
 * JSON written in pieces. A report with hundreds of thousands of findings is larger than the longest string V8
 * can build (`RangeError: Invalid string length`), so reports are produced as a sequence of chunks that a front
 * end writes out as they come (a file, stdout, a byte buffer) instead of one `JSON.stringify` of the whole.
 *
 * The text is exactly what `JSON.stringify(value, null, 2)` would give if every `streamed(...)` were a plain
 * array: the report formats' outputs do not change with the way they are written.
 */

/** Chunks of a report's text, in order; concatenated they are the whole file. */
export type ReportChunks = Iterable<string>;

/** An array written one element at a time, never held as one string (elements are produced lazily). */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

/** Marks `items` to be written element by element by `jsonChunks`. */
export function streamed(items: Iterable<unknown>): StreamedArray {
  return new StreamedArray(items);
}

const INDENT = '  ';

/** One element as `JSON.stringify` writes it inside an array (undefined and functions become null), re-indented. */
function element(item: unknown, indent: string): string {
  const text = JSON.stringify(item, null, 2) ?? 'null';
  return text.includes('\n') ? text.split('\n').join(`\n${indent}`) : text;
}

function* arrayChunks(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = indent + INDENT;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}${element(item, inner)}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
}

/**
 * The JSON text of `value` (2-space indentation), in chunks: the parts outside `streamed` arrays are small and
 * written with `JSON.stringify`, the streamed arrays element by element.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  const arrays: StreamedArray[] = [];
  // A placeholder per streamed array; the salt keeps a string in the data from ever being taken for one.
  const salt = Math.random().toString(36).slice(2);
  const placeholder = (i: number): string => `<<rlens-streamed-${salt}-${i}>>`;
  const envelope =
    JSON.stringify(
      value,
      (_key, v: unknown) => (v instanceof StreamedArray ? placeholder(arrays.push(v) - 1) : v),
      2,
    ) ?? 'null';
  let from = 0;
  for (let i = 0; i < arrays.length; i++) {
    const marker = JSON.stringify(placeholder(i));
    const at = envelope.indexOf(marker, from);
    const before = envelope.slice(from, at);
    yield before;
    // The array's closing bracket lines up with the line the array opens on.
    const lineStart = envelope.lastIndexOf('\n', at) + 1;
    const indent = /^ */.exec(envelope.slice(lineStart, at))?.[0] ?? '';
    yield* arrayChunks((arrays[i] as StreamedArray).items, indent);
    from = at + marker.length;
  }
  yield envelope.slice(from);
}

/** The chunks joined (for small reports and tests; a large report must be written chunk by chunk). */
export function joinChunks(chunks: ReportChunks): string {
  let text = '';
  for (const c of chunks) text += c;
  return text;
}
