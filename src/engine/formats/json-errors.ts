/** jsonc-parser's error codes as sentences a person can act on, one per broken place. */
import { createScanner, type ParseError } from 'jsonc-parser';

/** By jsonc-parser's ParseErrorCode (a const enum, which isolated modules cannot import). */
const MESSAGES: Readonly<Record<number, string>> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'expected a property name in double quotes',
  4: 'expected a value',
  5: "expected ':' after a property name",
  7: "expected '}' to close the object",
  8: "expected ']' to close the array",
  9: 'unexpected text after the end of the template',
  10: 'invalid comment',
  11: "comment not closed (missing '*/')",
  12: "string not closed (missing '\"')",
  13: 'number not complete',
  14: 'invalid unicode escape in a string',
  15: 'invalid escape character in a string',
  16: 'invalid character in a string (control characters must be escaped)',
};
const COMMA_EXPECTED = 6;

/** Is `offset` inside an array (rather than an object)? Read with jsonc's own scanner, brackets outside strings. */
function inArray(text: string, offset: number): boolean {
  const scanner = createScanner(text, true);
  const stack: number[] = [];
  // SyntaxKind: OpenBraceToken 1, CloseBraceToken 2, OpenBracketToken 3, CloseBracketToken 4, EOF 17.
  const next = (): number => Number(scanner.scan());
  for (let kind = next(); kind !== 17 && scanner.getTokenOffset() < offset; kind = next()) {
    if (kind === 1 || kind === 3) stack.push(kind);
    else if (kind === 2 || kind === 4) stack.pop();
  }
  return stack[stack.length - 1] === 3;
}

/** The message for one parse error of `text`. */
export function describeJsonError(text: string, error: ParseError): string {
  if ((error.error as number) === COMMA_EXPECTED) {
    return inArray(text, error.offset) ? "expected ',' or ']' after a value" : "expected ',' or '}' after a property";
  }
  return MESSAGES[error.error as number] ?? 'invalid JSON';
}

/**
 * One error per line, the first: the errors after a broken place on the same line follow from it (an unclosed
 * string, then a missing colon where the parser resumed), and saying them all buries the cause.
 */
export function firstPerLine(text: string, errors: readonly ParseError[], max: number): ParseError[] {
  const out: ParseError[] = [];
  // One forward pass over the text (errors in offset order): a long line with many errors stays linear.
  let lineStart = 0;
  let scanned = 0;
  let lastLineStart = -1;
  for (const e of [...errors].sort((a, b) => a.offset - b.offset)) {
    for (; scanned < e.offset; scanned++) if (text.charCodeAt(scanned) === 10) lineStart = scanned + 1;
    if (lineStart === lastLineStart) continue;
    lastLineStart = lineStart;
    out.push(e);
    if (out.length === max) break;
  }
  return out;
}
