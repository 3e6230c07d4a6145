/**
 * Bicep end to end: parse, bind parameter values from the `.bicepparam` file that uses the template, walk
 * the resources (and those of local modules) into the shared model. A `.bicepparam` file scanned on its own
 * is the template it names with its values bound, reporting the findings that come from those values.
 * Never throws; parse errors come back with what could still be read.
 */
import type { AnalysisError, Finding } from '../../core/finding';
import { basename, dirname, joinPath, normalise } from '../../core/paths';
import type { AnalysisNote, AnalyzeOptions, AnalyzedDocument, DeploymentScope, FileHost } from '../../model/document';
import { parseBicep } from './index';
import { ModuleExpansions, uniqueNotes } from '../module-expansion';
import { templateResources, type Collector } from './modules';
import { FileScope, type SuppliedValue } from './scope';
import type { Program } from './syntax';
import { BicepWriter, FilesWriter } from './writer';
import { parseBicepCached } from './parse-cache';
import { resolveNameLinks } from '../../model/links';

const MAX_REPORTED_ERRORS = 20;

/** Resolves `relative` (a `using` or module path) against the directory of `from`. */
function resolvePath(from: string, relative: string): string {
  return joinPath(dirname(from), relative);
}

function samePath(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

/** The template a `.bicepparam` program names with `using`, when it is a plain path. */
function usingTarget(program: Program): string | undefined {
  const using = program.statements.find((s) => s.kind === 'using');
  return using?.kind === 'using' && using.path.kind === 'string' && using.path.expressions.length === 0
    ? using.path.segments[0]
    : undefined;
}

/** The values a `.bicepparam` program assigns, each remembering `path` as where it is written. */
function parameterValues(program: Program, path: string, host: FileHost | undefined): Map<string, SuppliedValue> {
  const out = new Map<string, SuppliedValue>();
  const scope = new FileScope(program, new Map(), { file: path, originFile: path, ...(host ? { host } : {}) });
  for (const s of program.statements) {
    if (s.kind !== 'param' || s.name.kind !== 'identifier' || !s.value) continue;
    out.set(s.name.name, { value: scope.evaluator.evaluate(s.value), file: path });
  }
  return out;
}

/**
 * The parameter values for `file`: explicit `.bicepparam` files first, else `<stem>.bicepparam` or any
 * `.bicepparam` beside the template whose `using` names it.
 */
function readParameterValues(
  file: string,
  options: AnalyzeOptions,
  errors: AnalysisError[],
  dependencies: string[],
): Map<string, SuppliedValue> {
  const host = options.host;
  if (!host) return new Map();
  const explicit = (options.parameterFiles ?? []).filter((p) => p.endsWith('.bicepparam'));
  const candidates = explicit.length > 0 ? explicit : siblingParameterFiles(file, host);
  for (const path of candidates) {
    const text = host.readFile(path);
    if (text === undefined) continue;
    const { program, diagnostics } = parseBicepCached(text);
    const target = usingTarget(program);
    if (explicit.length === 0 && (target === undefined || !samePath(resolvePath(path, target), file))) continue;
    if (diagnostics.length > 0)
      errors.push({
        file,
        message: `parameter file ${basename(path)} has syntax errors; its readable values were used`,
      });
    dependencies.push(path);
    return parameterValues(program, path, host);
  }
  return new Map();
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

/** Analyses a `.bicep` template with its modules, or a `.bicepparam` file through the template it uses. */
export function analyzeBicep(text: string, file: string, options: AnalyzeOptions): AnalyzedDocument {
  const { program, diagnostics } = parseBicep(text);
  const errors: AnalysisError[] = diagnostics
    .slice(0, MAX_REPORTED_ERRORS)
    .map((d) => ({ file, message: `Bicep syntax: ${d.message}`, span: d.span }));
  const writer = new FilesWriter(new BicepWriter(text, file));
  const dependencies: string[] = [];
  const notes: AnalysisNote[] = [];
  const collector: Collector = {
    errors,
    notes,
    dependencies,
    writer,
    expansions: new ModuleExpansions(),
    ...(options.host ? { host: options.host } : {}),
  };
  const done = (
    rest: Omit<AnalyzedDocument, 'file' | 'format' | 'errors' | 'writer' | 'dependencies' | 'notes'>,
  ): AnalyzedDocument => ({
    file,
    format: 'bicep',
    errors,
    writer,
    dependencies: [...new Set(dependencies)],
    ...(notes.length > 0 ? { notes: uniqueNotes(notes) } : {}),
    ...rest,
    // Modules' resources included: links by name and scope are resolved over the whole document.
    resources: resolveNameLinks(rest.resources),
  });
  if (file.toLowerCase().endsWith('.bicepparam')) return analyzeParameterFile(program, file, options, collector, done);
  const supplied = readParameterValues(file, options, errors, dependencies);
  const scope = new FileScope(program, supplied, { file, ...(options.host ? { host: options.host } : {}) });
  const resources = templateResources({ file, text, program, scope, chain: [normalise(file)] }, collector);
  return done({
    resources,
    parameters: scope.parameterInfos(),
    outputs: scope.outputInfos(program),
    deploymentScope: bicepTargetScope(program),
  });
}

/** `targetScope = 'subscription'` and the like; a file without one deploys to a resource group. */
function bicepTargetScope(program: Program): DeploymentScope {
  const s = program.statements.find((x) => x.kind === 'targetScope');
  const v =
    s?.kind === 'targetScope' && s.value.kind === 'string' && s.value.expressions.length === 0
      ? s.value.segments.join('')
      : '';
  return v === 'subscription' || v === 'managementGroup' || v === 'tenant' ? v : 'resourceGroup';
}

/**
 * A `.bicepparam` file: the template it uses, analysed with these values. Only findings that come from a
 * value written here are reported, at that value (the template's own findings belong to the template).
 */
function analyzeParameterFile(
  program: Program,
  file: string,
  options: AnalyzeOptions,
  c: Collector,
  done: (
    rest: Omit<AnalyzedDocument, 'file' | 'format' | 'errors' | 'writer' | 'dependencies' | 'notes'>,
  ) => AnalyzedDocument,
): AnalyzedDocument {
  const target = usingTarget(program);
  const template = target === undefined ? undefined : normalise(resolvePath(file, target));
  const text = template === undefined || !/\.bicep$/i.test(template) ? undefined : options.host?.readFile(template);
  if (template === undefined || text === undefined) {
    if (target !== undefined)
      c.notes.push({
        file,
        message: `the template '${target}' could not be read: only this file's syntax was checked`,
      });
    return done({ resources: [], parameters: [] });
  }
  c.dependencies.push(template);
  c.writer.add(template, new BicepWriter(text, template));
  const templateProgram = parseBicepCached(text).program;
  const supplied = parameterValues(program, file, options.host);
  const scope = new FileScope(templateProgram, supplied, {
    file: template,
    originFile: template,
    ...(options.host ? { host: options.host } : {}),
  });
  const resources = templateResources({ file: template, text, program: templateProgram, scope, chain: [template] }, c);
  const placeFinding = (f: Finding): Finding | undefined => {
    const here = f.related.find((r) => r.file === file);
    if (!here) return undefined;
    const usedAt = { file: f.file, span: f.span, message: `The value is used here, in ${basename(f.file)}.` };
    return { ...f, file, span: here.span, related: [usedAt, ...f.related.filter((r) => r !== here)] };
  };
  return done({ resources, parameters: scope.parameterInfos(), placeFinding });
}
