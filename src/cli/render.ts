/** Renders a scan's reports in one output format; the CLI writes the result to stdout or to files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { FileReport } from '../engine/report/file-report';
import { toHtml } from '../engine/report/html';
import { toJsonReport } from '../engine/report/json';
import { toMarkdown } from '../engine/report/markdown';
import { toSarif } from '../engine/report/sarif';
import { toText } from '../engine/report/text';
import type { Format } from './args';

export interface RenderOptions {
  readonly version: string;
  readonly showSuppressed: boolean;
  /** The SARIF file this run writes, if any: HTML and Markdown reports link to it. */
  readonly sarifFile?: string;
}

/** `target` as a link from a report written at `from` (stdout: from the working directory), with `/` separators. */
function linkFrom(from: string | undefined, target: string): string {
  const base = from ? dirname(resolve(from)) : process.cwd();
  return relative(base, resolve(target)).split(/[\\/]/).join('/');
}

export function render(format: Format, reports: readonly FileReport[], options: RenderOptions, file?: string): string {
  const sarifHref = options.sarifFile ? linkFrom(file, options.sarifFile) : undefined;
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(reports), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(reports, options.version), null, 2)}\n`;
    case 'html':
      return toHtml(reports, { toolVersion: options.version, ...(sarifHref ? { sarifHref } : {}) });
    case 'markdown':
      return toMarkdown(toJsonReport(reports), sarifHref ? { sarifHref } : {});
    case 'text':
      return toText(reports, { showSuppressed: options.showSuppressed });
  }
}

/** Writes a report file, creating its folder (CI steps name `out/rlens.sarif` before `out/` exists); false with a message on stderr when it cannot. */
export function writeReport(file: string, text: string, stderr: (text: string) => void): boolean {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text);
    return true;
  } catch (e) {
    stderr(`rlens: cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return false;
  }
}
