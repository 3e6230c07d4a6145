/**
 * Bicep: an error-tolerant parser for `.bicep` and `.bicepparam` files. The entry point never throws:
 * problems come back as diagnostics, and the tree keeps everything that could be read, with exact spans.
 */
import { BicepParser } from './declarations';
import { lex } from './lexer';
import type { ParserOptions } from './parser-core';
import type { Diagnostic, Program } from './syntax';

export type * from './syntax';
export type { Comment } from './tokens';
export { forEachChild, walk } from './walk';

export interface ParseResult {
  readonly program: Program;
  /** Lexical and syntax errors, in the order found; empty for a valid file. */
  readonly diagnostics: readonly Diagnostic[];
}

function parseOnce(text: string, options: ParserOptions): ParseResult {
  const { tokens, comments, diagnostics: lexical } = lex(text);
  const parser = new BicepParser(text, tokens, options);
  const program = parser.program(comments);
  const diagnostics =
    lexical.length === 0
      ? parser.diagnostics
      : [...lexical, ...parser.diagnostics].sort((a, b) => a.span.start - b.span.start);
  return { program, diagnostics };
}

/**
 * Parses Bicep source text (template or parameters file; both share one grammar here).
 * Layout recovery (indentation ends an object whose `}` is missing) is used first; a file that then
 * reports errors is parsed again without it, and that reading wins when it is clean (odd but valid layout).
 */
export function parseBicep(text: string, options: ParserOptions = {}): ParseResult {
  // Recovery throws an `Expected` per damaged construct; capturing a stack for each made a long line of junk
  // spend most of its parse time there. The parse is synchronous, so nothing else sees the limit.
  const errorClass = Error as { stackTraceLimit?: number };
  const stackLimit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    const first = parseOnce(text, options);
    if (first.diagnostics.length === 0 || options.layoutRecovery === false) return first;
    const plain = parseOnce(text, { ...options, layoutRecovery: false });
    return plain.diagnostics.length === 0 ? plain : first;
  } catch (e) {
    // A bug must not take the editor down: report it as a diagnostic on an empty tree.
    const message = e instanceof Error ? e.message : String(e);
    return {
      program: { kind: 'program', span: { start: 0, end: text.length }, statements: [], comments: [] },
      diagnostics: [{ message: `Internal parser error: ${message}`, span: { start: 0, end: 0 } }],
    };
  } finally {
    errorClass.stackTraceLimit = stackLimit;
  }
}
