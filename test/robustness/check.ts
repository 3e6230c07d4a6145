/**
 * What a fuzz case must satisfy, shared by the fuzzer and the regression fixtures: scanText returns (no exception,
 * no engine error entry) with an error entry whenever the template cannot be parsed (`checkScan`), and within a
 * time budget (`overBudget`: only the robustness suite asks, since `npm test` asserts nothing about speed).
 */
import { parseTree, type ParseError } from 'jsonc-parser';
import { FORMATS, scanText } from '../../src/engine';
import { cpuMs } from './cpu-time';

/** Two CPU seconds for a small file, plus two per MB: generous for a slow CI machine, tight enough to catch a blow-up. */
export function budgetMs(text: string): number {
  return 2000 + (text.length / 1e6) * 2000;
}

/**
 * Does ARM's reader reject this text? jsonc-parser with ARM's leniencies (BOM, raw line breaks and tabs in strings):
 * an oracle independent of the engine's own error reporting.
 */
export function armRejects(text: string): boolean {
  const chars = text.split('');
  if (text.charCodeAt(0) === 0xfeff) chars[0] = ' ';
  let inString = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '\n' || c === '\r' || c === '\t') chars[i] = ' ';
    } else if (c === '"') inString = true;
    else if (c === '/' && chars[i + 1] === '/') while (i < chars.length && chars[i] !== '\n') i++;
    else if (c === '/' && chars[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? chars.length : end + 1;
    }
  }
  const errors: ParseError[] = [];
  parseTree(chars.join(''), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return errors.length > 0;
}

/** The stack of the exception the engine turned into an error entry, by running the handler without the net. */
function stackOf(text: string, file: string): string {
  const handler = FORMATS.find((h) => h.claims(file));
  try {
    handler?.analyze(text, file, {});
    return '(the handler did not throw on its own; the exception came from a rule)';
  } catch (e) {
    return e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
}

export interface CheckResult {
  /** CPU milliseconds the scan took (cpu-time.ts). */
  readonly ms: number;
  /** What went wrong, or undefined when the case passed. */
  readonly problem?: string;
}

/** Scans `text` as `file` and says what, if anything, breaks the robustness contract (its time aside). */
export function checkScan(text: string, file: string, mustError = false): CheckResult {
  const t0 = cpuMs();
  let result;
  try {
    result = scanText(text, file);
  } catch (e) {
    return {
      ms: cpuMs() - t0,
      problem: `exception escaped scanText: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
  const ms = cpuMs() - t0;
  const internal = result.errors.find((e) => e.message.startsWith('internal error'));
  if (internal) return { ms, problem: `${internal.message}\n${stackOf(text, file)}` };
  if (result.errors.some((e) => e.file !== file || e.message.trim() === ''))
    return { ms, problem: 'an error entry without the file or a message' };
  // The oracle only matters when the engine reported nothing; asking it first ran jsonc-parser's recursion on JSON
  // the engine had already refused as too deep, and overflowed the stack in this harness.
  if (result.document && result.errors.length === 0 && (mustError || (result.format === 'arm' && armRejects(text)))) {
    return { ms, problem: 'unparsable template but no error entry' };
  }
  return { ms };
}

/** Why a scan that took `ms` broke the time budget for `text`, or undefined when it kept to it. */
export function overBudget(ms: number, text: string): string | undefined {
  return ms > budgetMs(text) ? `took ${ms.toFixed(0)} ms of CPU, budget ${budgetMs(text).toFixed(0)} ms` : undefined;
}
