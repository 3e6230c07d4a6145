/**
 * Loads rule metadata from YAML and validates it against the rule schema. A bad rule file is reported with
 * its file name and line, never half-loaded.
 */
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { SEVERITIES, type Severity } from '../core/finding';
import type { Literal } from '../core/value';
import type { Dialect } from '../model/resource';
import { isLayerId } from '../responsibility/layers';
import { RISKS, type AbsentPolicy, type PropertyCheck, type Risk, type RuleMeta } from './types';

export class RuleLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const DIALECTS: readonly Dialect[] = ['arm', 'bicep', 'azurerm', 'azapi'];
const ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const RULE_KEYS = new Set([
  'id', 'title', 'severity', 'risk', 'layer', 'mcsb', 'policy', 'rationale', 'remediation', 'references', 'messages',
  'checks', 'code', 'options', 'resourceTypes', 'dialects',
]);
const CHECK_KEYS = new Set(['dialects', 'type', 'path', 'aliases', 'invertedAliases', 'secure', 'insecure', 'min', 'absent', 'absentSeverity', 'fix', 'fixRecreates', 'when']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The line of a key path in the source, for error messages (1 when the source has no lines to give). */
type Locate = (path: readonly (string | number)[]) => number;

function yamlLocator(doc: Document, lines: LineCounter): Locate {
  return (path) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const parentNode = doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
    return lines.linePos(node?.range?.[0] ?? parentNode?.range?.[0] ?? 0).line;
  };
}

class Reader {
  constructor(
    private readonly file: string,
    private readonly locate: Locate,
  ) {}

  fail(path: readonly (string | number)[], message: string): never {
    throw new RuleLoadError(this.file, this.locate(path), message);
  }

  string(obj: Record<string, Json>, key: string, path: (string | number)[], optional = false): string {
    const v = obj[key];
    if (v === undefined && optional) return '';
    if (typeof v !== 'string' || v.trim() === '') this.fail([...path, key], `'${key}' must be a non-empty string`);
    return v;
  }

  stringList(obj: Record<string, Json>, key: string, path: (string | number)[], optional = false): string[] {
    const v = obj[key];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) this.fail([...path, key], `'${key}' must be a list of strings`);
    return v as string[];
  }

  literalList(v: Json | undefined, path: (string | number)[]): Literal[] | undefined {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object')) this.fail(path, 'must be a list of plain values');
    return v as Literal[];
  }
}

function parseAbsent(r: Reader, v: Json | undefined, path: (string | number)[]): AbsentPolicy {
  if (v === 'secure' || v === 'insecure') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v.apiVersionBefore === 'string') return { apiVersionBefore: v.apiVersionBefore };
    if (typeof v.providerMajorBelow === 'number') return { providerMajorBelow: v.providerMajorBelow };
  }
  return r.fail(path, "'absent' must be secure, insecure, { apiVersionBefore: DATE } or { providerMajorBelow: N }");
}

function parseCheck(r: Reader, c: Json, path: (string | number)[]): PropertyCheck {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return r.fail(path, 'a check must be a mapping');
  for (const k of Object.keys(c)) if (!CHECK_KEYS.has(k)) r.fail([...path, k], `unknown check key '${k}'`);
  const dialects = r.stringList(c, 'dialects', path);
  for (const d of dialects) if (!DIALECTS.includes(d as Dialect)) r.fail([...path, 'dialects'], `unknown dialect '${d}'`);
  const secure = r.literalList(c.secure, [...path, 'secure']);
  const insecure = r.literalList(c.insecure, [...path, 'insecure']);
  const min = c.min;
  if (!secure && !insecure && typeof min !== 'number') r.fail(path, "a check needs 'secure', 'insecure' or 'min'");
  const absentSeverity = c.absentSeverity;
  if (absentSeverity !== undefined && !SEVERITIES.includes(absentSeverity as Severity)) r.fail([...path, 'absentSeverity'], 'bad severity');
  const fix = c.fix;
  if (fix !== undefined && fix !== null && typeof fix === 'object') r.fail([...path, 'fix'], "'fix' must be a plain value");
  if (c.fixRecreates !== undefined && typeof c.fixRecreates !== 'boolean') r.fail([...path, 'fixRecreates'], "'fixRecreates' must be true or false");
  let when: PropertyCheck['when'];
  if (c.when !== undefined) {
    const w = c.when;
    if (!w || typeof w !== 'object' || Array.isArray(w) || typeof w.path !== 'string') return r.fail([...path, 'when'], "'when' needs 'path' and 'in'");
    when = { path: w.path.split('.'), in: r.literalList(w.in, [...path, 'when', 'in']) ?? [] };
  }
  return {
    dialects: dialects as Dialect[],
    type: r.string(c, 'type', path),
    path: r.string(c, 'path', path).split('.'),
    ...(c.aliases !== undefined ? { aliases: r.stringList(c, 'aliases', path).map((a) => a.split('.')) } : {}),
    ...(c.invertedAliases !== undefined ? { invertedAliases: r.stringList(c, 'invertedAliases', path).map((a) => a.split('.')) } : {}),
    ...(secure ? { secure } : {}),
    ...(insecure ? { insecure } : {}),
    ...(typeof min === 'number' ? { min } : {}),
    absent: parseAbsent(r, c.absent, [...path, 'absent']),
    ...(absentSeverity ? { absentSeverity: absentSeverity as Severity } : {}),
    ...(fix !== undefined ? { fix: fix } : {}),
    ...(c.fixRecreates === true ? { fixRecreates: true } : {}),
    ...(when ? { when } : {}),
  };
}

/** Parses and validates one rule file. Throws RuleLoadError naming the file and line. */
/**
 * Parses and validates one rule file. Throws RuleLoadError naming the file and line. The build hands the
 * bundled catalog over as JSON (converted from YAML at build time, which saves every process the YAML parse);
 * it is validated here all the same.
 */
export function loadRule(file: string, text: string): RuleMeta {
  if (text.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RuleLoadError(file, 1, 'the precompiled rule is not valid JSON');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new RuleLoadError(file, 1, 'a rule file must be a mapping');
    return validateRule(file, data as Record<string, Json>, () => 1);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) throw new RuleLoadError(file, lines.linePos(firstError.pos[0]).line, firstError.message.split('\n')[0] ?? 'YAML error');
  if (!isMap(doc.contents)) throw new RuleLoadError(file, 1, 'a rule file must be a mapping');
  return validateRule(file, doc.toJS() as Record<string, Json>, yamlLocator(doc, lines));
}

function validateRule(file: string, o: Record<string, Json>, locate: Locate): RuleMeta {
  const r: Reader = new Reader(file, locate);
  for (const k of Object.keys(o)) if (!RULE_KEYS.has(k)) r.fail([k], `unknown key '${k}'`);
  const id = r.string(o, 'id', []);
  if (!ID_PATTERN.test(id)) r.fail(['id'], `id '${id}' must look like AREA-NAME in capitals`);
  const severity = r.string(o, 'severity', []);
  if (!SEVERITIES.includes(severity as Severity)) r.fail(['severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  const risk = r.string(o, 'risk', []);
  if (!RISKS.includes(risk as Risk)) r.fail(['risk'], `risk must be one of ${RISKS.join(', ')}`);
  const layer = r.string(o, 'layer', []);
  if (!isLayerId(layer)) r.fail(['layer'], `unknown layer '${layer}'`);
  const messages = o.messages;
  if (!messages || typeof messages !== 'object' || Array.isArray(messages) || Object.values(messages).some((m) => typeof m !== 'string')) {
    r.fail(['messages'], "'messages' must map message ids to strings");
  }
  let policy: RuleMeta['policy'];
  if (o.policy !== undefined) {
    const p = o.policy;
    if (!p || typeof p !== 'object' || Array.isArray(p) || typeof p.name !== 'string' || typeof p.id !== 'string') r.fail(['policy'], "'policy' needs 'name' and 'id'");
    policy = { name: p.name, id: p.id };
  }
  const rawChecks = o.checks ?? [];
  if (!Array.isArray(rawChecks)) r.fail(['checks'], "'checks' must be a list");
  const checks = rawChecks.map((c, i) => parseCheck(r, c, ['checks', i]));
  const code = o.code === undefined ? undefined : r.string(o, 'code', []);
  if (checks.length === 0 && !code) r.fail([], "a rule needs 'checks' or 'code'");
  const declaredTypes = r.stringList(o, 'resourceTypes', [], true);
  const declaredDialects = r.stringList(o, 'dialects', [], true);
  for (const d of declaredDialects) if (!DIALECTS.includes(d as Dialect)) r.fail(['dialects'], `unknown dialect '${d}'`);
  const options = o.options;
  if (options !== undefined && (!options || typeof options !== 'object' || Array.isArray(options))) r.fail(['options'], "'options' must be a mapping");
  const dialects = new Set<Dialect>([...(declaredDialects as Dialect[]), ...checks.flatMap((c) => c.dialects)]);
  if (dialects.size === 0) r.fail([], "a code rule must declare 'dialects'");
  return {
    id,
    title: r.string(o, 'title', []),
    severity: severity as Severity,
    risk: risk as Risk,
    layer,
    mcsb: r.stringList(o, 'mcsb', [], true),
    ...(policy ? { policy } : {}),
    rationale: r.string(o, 'rationale', []),
    remediation: r.string(o, 'remediation', []),
    references: r.stringList(o, 'references', []),
    messages: messages as Record<string, string>,
    resourceTypes: [...new Set([...declaredTypes, ...checks.map((c) => c.type)])],
    dialects: [...dialects],
    checks,
    ...(code ? { code } : {}),
    ...(options ? { options: options as Record<string, Literal> } : {}),
    source: file,
  };
}
