/** A scan's reports in one output format, as chunks the CLI streams to stdout or a file (`output.ts`). */
import { mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  jsonReportChunks,
  sarifChunks,
  toHtml,
  toJsonReport,
  toMarkdown,
  toText,
  type FileReport,
  type ReportChunks,
} from '../engine';
import type { Format } from './args';
import { fileSink, writeChunks, type TextSink } from './output';

export interface RenderOptions {
  readonly version: string;
  readonly showSuppressed: boolean;
  /** Colours in text output (a terminal, not a file). */
  readonly colour: boolean;
  /** The SARIF file this run writes, if any: HTML and Markdown reports link to it. */
  readonly sarifFile?: string;
}

/** `target` as a link from a report written at `from` (stdout: from the working directory), with `/` separators. */
function linkFrom(from: string | undefined, target: string): string {
  const base = from ? dirname(resolve(from)) : process.cwd();
  return relative(base, resolve(target)).split(/[\\/]/).join('/');
}

export function render(
  format: Format,
  reports: readonly FileReport[],
  options: RenderOptions,
  file?: string,
): ReportChunks {
  const sarifHref = options.sarifFile ? linkFrom(file, options.sarifFile) : undefined;
  switch (format) {
    // JSON and SARIF are written as they are produced: one string of a large report passes V8's string limit.
    case 'json':
      return jsonReportChunks(reports);
    case 'sarif':
      return sarifChunks(reports, options.version);
    case 'html':
      return [toHtml(reports, { toolVersion: options.version, ...(sarifHref ? { sarifHref } : {}) })];
    case 'markdown':
      return [toMarkdown(toJsonReport(reports), sarifHref ? { sarifHref } : {})];
    case 'text':
      return [toText(reports, { showSuppressed: options.showSuppressed, colour: !file && options.colour })];
  }
}

/**
 * Writes a report file, creating its folder (CI steps name `out/rlens.sarif` before `out/` exists); false with a
 * message on `stderr` when it cannot.
 */
export function writeReport(file: string, chunks: ReportChunks, stderr: (text: string) => void): boolean {
  let sink: TextSink;
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    sink = fileSink(file);
  } catch (e) {
    stderr(`rlens: cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return false;
  }
  writeChunks(chunks, sink);
  return true;
}
