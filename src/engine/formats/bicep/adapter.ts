/**
 * Bicep end to end: parse, bind parameter values from the `.bicepparam` file that uses the template, walk
 * the resources into the shared model. Never throws; parse errors come back with what could still be read.
 */
import type { AnalysisError } from '../../core/finding';
import { basename, dirname, joinPath, normalise } from '../../core/paths';
import type { AnalyzeOptions, AnalyzedDocument, FileHost } from '../../model/document';
import { parseBicep } from './index';
import { collectResources } from './resources';
import { FileScope, type SuppliedValue } from './scope';
import { BicepWriter } from './writer';

const MAX_REPORTED_ERRORS = 20;

/** Resolves `relative` (a `using` or module path) against the directory of `from`. */
function resolvePath(from: string, relative: string): string {
  return joinPath(dirname(from), relative);
}

function samePath(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

/**
 * The parameter values for `file`: explicit `.bicepparam` files first, else `<stem>.bicepparam` or any
 * `.bicepparam` beside the template whose `using` names it.
 */
function readParameterValues(file: string, options: AnalyzeOptions, errors: AnalysisError[], dependencies: string[]): Map<string, SuppliedValue> {
  const out = new Map<string, SuppliedValue>();
  const host = options.host;
  if (!host) return out;
  const explicit = (options.parameterFiles ?? []).filter((p) => p.endsWith('.bicepparam'));
  const candidates = explicit.length > 0 ? explicit : siblingParameterFiles(file, host);
  for (const path of candidates) {
    const text = host.readFile(path);
    if (text === undefined) continue;
    const { program, diagnostics } = parseBicep(text);
    const using = program.statements.find((s) => s.kind === 'using');
    const target = using?.kind === 'using' && using.path.kind === 'string' ? using.path.segments[0] : undefined;
    if (explicit.length === 0 && (target === undefined || !samePath(resolvePath(path, target), file))) continue;
    if (diagnostics.length > 0) errors.push({ file, message: `parameter file ${basename(path)} has syntax errors; its readable values were used` });
    const scope = new FileScope(program, new Map());
    for (const s of program.statements) {
      if (s.kind !== 'param' || s.name.kind !== 'identifier' || !s.value) continue;
      out.set(s.name.name, { value: scope.evaluator.evaluate(s.value), file: path });
    }
    dependencies.push(path);
    break;
  }
  return out;
}

function siblingParameterFiles(file: string, host: FileHost): string[] {
  const dir = dirname(file);
  const names = host.listDirectory?.(dir) ?? [];
  const stem = basename(file).replace(/\.bicep$/i, '');
  const own = `${stem}.bicepparam`;
  return names
    .filter((n) => n.toLowerCase().endsWith('.bicepparam'))
    .sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)))
    .map((n) => joinPath(dir, n));
}

/** Analyses a `.bicep` template (a `.bicepparam` file yields its parse errors and no resources). */
export function analyzeBicep(text: string, file: string, options: AnalyzeOptions): AnalyzedDocument {
  const { program, diagnostics } = parseBicep(text);
  const errors: AnalysisError[] = diagnostics.slice(0, MAX_REPORTED_ERRORS).map((d) => ({ file, message: `Bicep syntax: ${d.message}`, span: d.span }));
  const writer = new BicepWriter(text, file);
  const dependencies: string[] = [];
  if (file.toLowerCase().endsWith('.bicepparam')) {
    return { file, format: 'bicep', resources: [], parameters: [], errors, writer, dependencies };
  }
  const supplied = readParameterValues(file, options, errors, dependencies);
  const scope = new FileScope(program, supplied);
  const resources = collectResources({ file, text, program, scope });
  return { file, format: 'bicep', resources, parameters: scope.parameterInfos(), errors, writer, dependencies };
}
