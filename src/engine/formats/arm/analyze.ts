/** ARM JSON templates end to end: recognise, parse (JSONC, as ARM accepts), bind parameter files, walk resources. */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { AnalysisError } from '../../core/finding';
import { basename, dirname, joinPath } from '../../core/paths';
import type { AnalyzeOptions, AnalyzedDocument, DeploymentScope, FileHost, OutputInfo } from '../../model/document';
import type { Resource } from '../../model/resource';
import { describeJsonError, firstPerLine } from '../json-errors';
import { blankHalfTypedLines } from './recover';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './guard';
import { child, nodeSpan, stringOf, toValue } from './json-values';
import { walkTemplate } from './resources';
import { TemplateScope, type SuppliedValue } from './template-scope';
import { ArmWriter } from './writer';
import { resolveNameLinks } from '../../model/links';

/** jsonc-parser's ParseErrorCode.UnexpectedEndOfString (a const enum, which isolated modules cannot import). */
const UNEXPECTED_END_OF_STRING = 12;
const TEMPLATE_SCHEMA = /deploymentTemplate\.json/i;
const PARAMETERS_SCHEMA = /deploymentParameters\.json/i;

/** Quick test on raw text, before any parsing: does it name the template schema? */
export function looksLikeArmTemplate(text: string): boolean {
  const head = text.slice(0, 4000);
  return /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i.test(head) || TEMPLATE_SCHEMA.test(head);
}

/**
 * ARM's own reader accepts a BOM and raw line breaks inside strings (multi-line scripts); jsonc-parser does
 * not. Both are replaced by spaces of the same length, so every offset still points into the real text.
 */
function armTolerant(text: string): string {
  const chars = text.split('');
  if (text.charCodeAt(0) === 0xfeff) chars[0] = ' ';
  let inString = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '\n' || c === '\r' || c === '\t') chars[i] = ' ';
    } else if (c === '"') inString = true;
    else if (c === '/' && chars[i + 1] === '/') while (i < chars.length && chars[i] !== '\n') i++;
    else if (c === '/' && chars[i + 1] === '*') {
      i += 2;
      while (i < chars.length && !(chars[i] === '*' && chars[i + 1] === '/')) i++;
      i++;
    }
  }
  return chars.join('');
}

function parseJson(text: string, file: string, errors: AnalysisError[]): JsonNode | undefined {
  const options = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };
  const asWritten: ParseError[] = [];
  let parseErrors = asWritten;
  let root = parseTree(text, parseErrors, options);
  // The tolerant pass costs a copy of the text, so it runs only for files that need it.
  if (parseErrors.some((e) => (e.error as number) === UNEXPECTED_END_OF_STRING || e.offset === 0)) {
    parseErrors = [];
    root = parseTree(armTolerant(text), parseErrors, options);
  }
  // A half-typed line: parse again without it, so the rest of the file keeps its findings while the person types.
  // Lines are read as written (a string ends at its line), so a template with multi-line strings and an error
  // elsewhere keeps the first parse, which has fewer errors.
  let recovered = false;
  if (parseErrors.length > 0) {
    const withoutBom = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    let fewest = parseErrors.length;
    let tried = withoutBom;
    for (const byIndentation of [false, true]) {
      // Each parse of a large broken file costs; a repair that changed nothing (or nothing more) is not parsed.
      const repaired = blankHalfTypedLines(withoutBom, byIndentation);
      if (repaired === tried) continue;
      tried = repaired;
      const recoveredErrors: ParseError[] = [];
      const tree = parseTree(repaired, recoveredErrors, options);
      if (recoveredErrors.length < fewest) {
        root = tree;
        fewest = recoveredErrors.length;
        recovered = true;
      }
      if (fewest === 0) break;
    }
  }
  // The errors reported are those of the text as written; when the repair read lines as written, so do they
  // (an unclosed string is reported on its own line, not where the tolerant pass ran into the next quote).
  const reported = recovered ? asWritten : parseErrors;
  for (const e of firstPerLine(text, reported, 20)) {
    errors.push({
      file,
      message: `invalid JSON: ${describeJsonError(text, e)}`,
      span: { start: e.offset, end: e.offset + e.length },
    });
  }
  return root;
}

/**
 * A key written twice in one object: JSON readers keep one of the values (ARM the last) and drop the other
 * without a word, so a template that reads clean could deploy something else. Reported as an error.
 */
function reportDuplicateKeys(root: JsonNode, file: string, errors: AnalysisError[]): void {
  // Iterative: the depth guard allows nesting deeper than a comfortable recursion.
  const stack: JsonNode[] = [root];
  let reported = 0;
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (typeof k?.value === 'string') {
          if (!seen.has(k.value)) seen.add(k.value);
          else if (reported++ < 20)
            errors.push({
              file,
              message: `duplicate key ${JSON.stringify(k.value)}: this object already has it, and only one of the two is deployed`,
              span: nodeSpan(k),
            });
        }
        if (v?.children) stack.push(v);
      }
    } else if (node.children) {
      for (const c of node.children) if (c.children) stack.push(c);
    }
  }
}

/** Parameter files: explicit ones first, else `<name>.parameters.json` (and `azuredeploy.parameters.json`) beside it. */
function parameterFileCandidates(file: string, options: AnalyzeOptions): string[] {
  if (options.parameterFiles && options.parameterFiles.length > 0) return [...options.parameterFiles];
  const dir = dirname(file);
  const stem = basename(file).replace(/\.jsonc?$/i, '');
  return [joinPath(dir, `${stem}.parameters.json`)];
}

/**
 * Parameter files by path with the text they were read from: the editor rescans a template on every keystroke, and
 * an unchanged parameter file is then not parsed again. `undefined` values mark a file that could not be read.
 * Small (parameter files are) and bounded: least recently used out.
 */
const parameterFiles = new Map<
  string,
  { readonly text: string; readonly values: ReadonlyMap<string, SuppliedValue> | undefined }
>();
const PARAMETER_FILES_KEPT = 64;

function parseParameterFile(text: string, path: string): ReadonlyMap<string, SuppliedValue> | undefined {
  const out = new Map<string, SuppliedValue>();
  const fileErrors: AnalysisError[] = [];
  const root = jsonNestingDepth(text) > MAX_JSON_DEPTH ? undefined : parseJson(text, path, fileErrors);
  if (!root || fileErrors.length > 0) return undefined;
  if (!PARAMETERS_SCHEMA.test(stringOf(child(root, '$schema')) ?? '') && !child(root, 'parameters')) return out;
  const params = child(root, 'parameters');
  for (const prop of params?.type === 'object' ? (params.children ?? []) : []) {
    const [k, v] = prop.children ?? [];
    const valueNode = child(v, 'value');
    // Key Vault references (`reference`) are secrets resolved at deployment: unknown here, on purpose.
    if (typeof k?.value === 'string' && valueNode)
      out.set(k.value.toLowerCase(), { value: toValue(valueNode, undefined), file: path });
  }
  return out;
}

function readParameterFile(
  path: string,
  host: FileHost,
  errors: AnalysisError[],
  file: string,
): ReadonlyMap<string, SuppliedValue> {
  const text = host.readFile(path);
  if (text === undefined) return new Map();
  let entry = parameterFiles.get(path);
  if (entry?.text !== text) entry = { text, values: parseParameterFile(text, path) };
  parameterFiles.delete(path);
  parameterFiles.set(path, entry);
  if (parameterFiles.size > PARAMETER_FILES_KEPT) parameterFiles.delete(parameterFiles.keys().next().value as string);
  if (!entry.values) {
    errors.push({ file, message: `parameter file ${basename(path)} could not be read; defaults were used` });
    return new Map();
  }
  return entry.values;
}

/** The template's own `outputs` (not those of nested deployments), evaluated. */
function armOutputs(root: JsonNode, scope: TemplateScope): OutputInfo[] {
  const section = child(root, 'outputs');
  if (section?.type !== 'object') return [];
  const out: OutputInfo[] = [];
  for (const prop of section.children ?? []) {
    const [key, decl] = prop.children ?? [];
    if (typeof key?.value !== 'string' || decl?.type !== 'object') continue;
    const valueNode = child(decl, 'value') ?? child(decl, 'copy');
    if (!valueNode) continue;
    const type = (stringOf(child(decl, 'type')) ?? '').toLowerCase();
    out.push({
      name: key.value,
      span: nodeSpan(key),
      value: toValue(valueNode, scope),
      sensitive: type === 'securestring' || type === 'secureobject',
    });
  }
  return out;
}

/**
 * Analyses an ARM template. Returns undefined for JSON that is not a deployment template (quietly ignored),
 * and a document with `errors` for a template that cannot be read in full.
 */
export function analyzeArm(text: string, file: string, options: AnalyzeOptions): AnalyzedDocument | undefined {
  const errors: AnalysisError[] = [];
  const writer = new ArmWriter(text, file);
  const empty = (msg: string): AnalyzedDocument => ({
    file,
    format: 'arm',
    resources: [],
    parameters: [],
    errors: [{ file, message: msg }],
    writer,
    dependencies: [],
  });
  if (!looksLikeArmTemplate(text)) return undefined;
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH)
    return empty(`JSON nested deeper than ${MAX_JSON_DEPTH} levels was not analysed`);
  const root = parseJson(text, file, errors);
  if (root?.type !== 'object') return errors.length > 0 ? { ...empty('not a JSON object'), errors } : undefined;
  if (!TEMPLATE_SCHEMA.test(stringOf(child(root, '$schema')) ?? '')) return undefined;
  reportDuplicateKeys(root, file, errors);

  const supplied = new Map<string, SuppliedValue>();
  const dependencies: string[] = [];
  if (options.host) {
    for (const path of parameterFileCandidates(file, options)) {
      const values = readParameterFile(path, options.host, errors, file);
      if (values.size > 0) dependencies.push(path);
      for (const [k, v] of values) supplied.set(k, v);
    }
  }
  const scope = new TemplateScope(root, supplied);
  const resources: Resource[] = [];
  walkTemplate(root, scope, { file, resources, errors }, '', 0);
  const deploymentScope = armDeploymentScope(stringOf(child(root, '$schema')) ?? '');
  const outputs = armOutputs(root, scope);
  // Nested deployments' resources included: links by name and scope are resolved over the whole document.
  return {
    file,
    format: 'arm',
    resources: resolveNameLinks(resources),
    parameters: scope.parameterInfos(),
    outputs,
    errors,
    writer,
    dependencies,
    deploymentScope,
  };
}

/** The scope a template's `$schema` names (subscriptionDeploymentTemplate.json, …); deploymentTemplate.json is a resource group. */
function armDeploymentScope(schema: string): DeploymentScope {
  if (/subscriptionDeploymentTemplate\.json/i.test(schema)) return 'subscription';
  if (/managementGroupDeploymentTemplate\.json/i.test(schema)) return 'managementGroup';
  if (/tenantDeploymentTemplate\.json/i.test(schema)) return 'tenant';
  return 'resourceGroup';
}
