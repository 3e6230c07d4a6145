/**
 * Loads rule metadata from YAML and validates it against the rule schema. A bad rule file is reported with
 * its file name and line, never half-loaded.
 */
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { SEVERITIES, type Severity } from '../core/finding';
import type { Literal } from '../core/value';
import type { Dialect } from '../model/resource';
import { isLayerId } from '../responsibility/layers';
import type { LocatedCodeRule } from './code-rule';
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
  'id',
  'title',
  'severity',
  'risk',
  'layer',
  'mcsb',
  'policy',
  'rationale',
  'remediation',
  'references',
  'messages',
  'checks',
]);
/** What a code rule's unit declares: a YAML file that says it too would be a second home for the same fact. */
const UNIT_KEYS = ['messages', 'checks', 'dialects', 'resourceTypes', 'options', 'code'];
/** Keys older rule files had, with where the fact lives now. */
const MOVED_KEYS: Readonly<Record<string, string>> = {
  code: 'a code rule is found by its id: its unit (createRule) in src/engine/rules/checks/ declares the check',
  dialects: "a data rule's dialects come from its checks; a code rule's unit declares them",
  resourceTypes: "a data rule's resource types come from its checks; a code rule's unit declares them",
  options: "a code rule's unit declares its check's options",
};
/** The message ids property checks report: `insecure` and `unknown` always, `absent` when an absence is insecure. */
const DATA_MESSAGES = ['insecure', 'absent', 'unknown'];
const CHECK_KEYS = new Set([
  'dialects',
  'type',
  'types',
  'path',
  'paths',
  'aliases',
  'invertedAliases',
  'secure',
  'insecure',
  'min',
  'absent',
  'absentSeverity',
  'fix',
  'fixRecreates',
  'when',
]);

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
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      this.fail([...path, key], `'${key}' must be a list of strings`);
    return v as string[];
  }

  literalList(v: Json | undefined, path: (string | number)[]): Literal[] | undefined {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object'))
      this.fail(path, 'must be a list of plain values');
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

/**
 * `type: T` or `types: [T, …]`, `path: P` or `paths: [P, …]` (the same check on each type and path): one of each,
 * never both, and a list has no duplicates.
 */
function oneOrMany(r: Reader, c: Record<string, Json>, one: string, many: string, path: (string | number)[]): string[] {
  if (c[one] !== undefined && c[many] !== undefined)
    r.fail([...path, many], `a check names '${one}' or '${many}', not both`);
  if (c[many] === undefined) return [r.string(c, one, path)];
  const list = r.stringList(c, many, path);
  if (list.length === 0 || list.some((x) => x.trim() === ''))
    r.fail([...path, many], `'${many}' must list at least one non-empty name`);
  const dup = list.find((x, i) => list.indexOf(x) !== i);
  if (dup !== undefined) r.fail([...path, many], `'${many}' names '${dup}' twice`);
  return list;
}

/**
 * One check block, as the property checks it stands for: each of its types with each of its paths, in that order
 * (type by type, paths in the order written), so a block with several types judges exactly as one block per type.
 */
function parseCheck(r: Reader, c: Json, path: (string | number)[]): PropertyCheck[] {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return r.fail(path, 'a check must be a mapping');
  for (const k of Object.keys(c)) if (!CHECK_KEYS.has(k)) r.fail([...path, k], `unknown check key '${k}'`);
  const dialects = r.stringList(c, 'dialects', path);
  for (const d of dialects)
    if (!DIALECTS.includes(d as Dialect)) r.fail([...path, 'dialects'], `unknown dialect '${d}'`);
  const secure = r.literalList(c.secure, [...path, 'secure']);
  const insecure = r.literalList(c.insecure, [...path, 'insecure']);
  const min = c.min;
  if (!secure && !insecure && typeof min !== 'number') r.fail(path, "a check needs 'secure', 'insecure' or 'min'");
  const absentSeverity = c.absentSeverity;
  if (absentSeverity !== undefined && !SEVERITIES.includes(absentSeverity as Severity))
    r.fail([...path, 'absentSeverity'], 'bad severity');
  const fix = c.fix;
  if (fix !== undefined && fix !== null && typeof fix === 'object')
    r.fail([...path, 'fix'], "'fix' must be a plain value");
  if (c.fixRecreates !== undefined && typeof c.fixRecreates !== 'boolean')
    r.fail([...path, 'fixRecreates'], "'fixRecreates' must be true or false");
  let when: PropertyCheck['when'];
  if (c.when !== undefined) {
    const w = c.when;
    if (!w || typeof w !== 'object' || Array.isArray(w) || typeof w.path !== 'string')
      return r.fail([...path, 'when'], "'when' needs 'path' and 'in'");
    when = { path: w.path.split('.'), in: r.literalList(w.in, [...path, 'when', 'in']) ?? [] };
  }
  const types = oneOrMany(r, c, 'type', 'types', path);
  const paths = oneOrMany(r, c, 'path', 'paths', path);
  // Aliases are older names of one property: with several paths it would not say whose.
  if (paths.length > 1 && (c.aliases !== undefined || c.invertedAliases !== undefined))
    r.fail([...path, 'paths'], "a check with 'aliases' names one 'path'");
  const rest = {
    ...(c.aliases !== undefined ? { aliases: r.stringList(c, 'aliases', path).map((a) => a.split('.')) } : {}),
    ...(c.invertedAliases !== undefined
      ? { invertedAliases: r.stringList(c, 'invertedAliases', path).map((a) => a.split('.')) }
      : {}),
    ...(secure ? { secure } : {}),
    ...(insecure ? { insecure } : {}),
    ...(typeof min === 'number' ? { min } : {}),
    absent: parseAbsent(r, c.absent, [...path, 'absent']),
    ...(absentSeverity ? { absentSeverity: absentSeverity as Severity } : {}),
    ...(fix !== undefined ? { fix: fix } : {}),
    ...(c.fixRecreates === true ? { fixRecreates: true } : {}),
    ...(when ? { when } : {}),
  };
  return types.flatMap((type) =>
    paths.map((p) => ({ dialects: dialects as Dialect[], type, path: p.split('.'), ...rest })),
  );
}

/**
 * Parses and validates one rule file. Throws RuleLoadError naming the file and line. The build hands the
 * bundled catalog over as JSON (converted from YAML at build time, which saves every process the YAML parse);
 * it is validated here all the same.
 */
export function loadRule(
  file: string,
  text: string,
  unitFor: (id: string) => LocatedCodeRule | undefined = () => undefined,
): RuleMeta {
  if (text.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RuleLoadError(file, 1, 'the precompiled rule is not valid JSON');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new RuleLoadError(file, 1, 'a rule file must be a mapping');
    return validateRule(file, data as Record<string, Json>, () => 1, unitFor);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError)
    throw new RuleLoadError(
      file,
      lines.linePos(firstError.pos[0]).line,
      firstError.message.split('\n')[0] ?? 'YAML error',
    );
  if (!isMap(doc.contents)) throw new RuleLoadError(file, 1, 'a rule file must be a mapping');
  return validateRule(file, doc.toJS() as Record<string, Json>, yamlLocator(doc, lines), unitFor);
}

/**
 * A code rule whose unit carries its prose in `meta` (no YAML file): validated by the same rules as a YAML rule
 * file, errors naming the unit's file.
 */
export function loadUnitRule(located: LocatedCodeRule): RuleMeta {
  const file = unitPath(located.file);
  const meta = located.unit.meta;
  if (!meta) throw new RuleLoadError(file, 1, `${located.unit.id}: the unit has no 'meta'`);
  if (typeof meta !== 'object' || Array.isArray(meta))
    throw new RuleLoadError(file, 1, `${located.unit.id}: 'meta' must be an object`);
  // `id` comes from the unit; anything else in meta that a rule file may not say fails as an unknown key.
  const o = { ...(meta as unknown as Record<string, Json>), id: located.unit.id };
  return validateRule(
    file,
    o,
    () => 1,
    (id) => (id === located.unit.id ? located : undefined),
  );
}

/** Where a code rule's unit lives, for errors, docs and `RuleMeta.source`. */
export function unitPath(file: string): string {
  return `src/engine/rules/checks/${file}.ts`;
}

function validateRule(
  file: string,
  o: Record<string, Json>,
  locate: Locate,
  unitFor: (id: string) => LocatedCodeRule | undefined,
): RuleMeta {
  const r: Reader = new Reader(file, locate);
  for (const k of Object.keys(o)) {
    const moved = MOVED_KEYS[k];
    if (!RULE_KEYS.has(k) && moved === undefined) r.fail([k], `unknown key '${k}'`);
  }
  const id = r.string(o, 'id', []);
  if (!ID_PATTERN.test(id)) r.fail(['id'], `id '${id}' must look like AREA-NAME in capitals`);
  const located = unitFor(id);
  if (located) {
    const here = unitPath(located.file);
    if (located.unit.meta !== undefined && file !== here)
      r.fail(
        ['id'],
        `${id}: the rule's prose is declared twice, in ${file} and in the 'meta' of ${here}; keep one (delete ${file})`,
      );
    for (const k of UNIT_KEYS)
      if (o[k] !== undefined)
        r.fail([k], `${id}: '${k}' is declared by its code unit in ${here}; remove it from ${file}`);
  } else {
    for (const k of Object.keys(o)) {
      const moved = MOVED_KEYS[k];
      if (moved !== undefined) r.fail([k], `${id}: '${k}' is not a rule file key: ${moved}`);
    }
  }
  const severity = r.string(o, 'severity', []);
  if (!SEVERITIES.includes(severity as Severity))
    r.fail(['severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  const risk = r.string(o, 'risk', []);
  if (!RISKS.includes(risk as Risk)) r.fail(['risk'], `risk must be one of ${RISKS.join(', ')}`);
  const layer = r.string(o, 'layer', []);
  if (!isLayerId(layer)) r.fail(['layer'], `unknown layer '${layer}'`);
  let policy: RuleMeta['policy'];
  if (o.policy !== undefined) {
    const p = o.policy;
    if (!p || typeof p !== 'object' || Array.isArray(p) || typeof p.name !== 'string' || typeof p.id !== 'string')
      r.fail(['policy'], "'policy' needs 'name' and 'id'");
    policy = { name: p.name, id: p.id };
  }
  const prose = {
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
  };
  if (located) return { ...prose, ...codeRuleParts(r, located), source: file };

  const rawChecks = o.checks;
  if (rawChecks === undefined)
    r.fail([], `${id}: a rule needs 'checks', or a code unit (createRule with id '${id}') in src/engine/rules/checks/`);
  if (!Array.isArray(rawChecks) || rawChecks.length === 0) r.fail(['checks'], "'checks' must be a non-empty list");
  const checks = rawChecks.flatMap((c, i) => parseCheck(r, c, ['checks', i]));
  const messages = o.messages;
  if (
    !messages ||
    typeof messages !== 'object' ||
    Array.isArray(messages) ||
    Object.values(messages).some((m) => typeof m !== 'string')
  ) {
    r.fail(['messages'], "'messages' must map message ids to strings");
  }
  // Exactly the ids the checks can report: a missing one would leave a finding without its message, an extra one
  // is a typo or a leftover.
  const needed = DATA_MESSAGES.filter((m) => m !== 'absent' || checks.some((c) => c.absent !== 'secure'));
  for (const m of needed)
    if (typeof messages[m] !== 'string')
      r.fail(['messages'], `${id}: message '${m}' is missing (its checks report it)`);
  for (const m of Object.keys(messages))
    if (!needed.includes(m))
      r.fail(
        ['messages', m],
        `${id}: message '${m}' is never reported by its checks (they report ${needed.join(', ')})`,
      );
  return {
    ...prose,
    messages: messages as Record<string, string>,
    resourceTypes: [...new Set(checks.map((c) => c.type))],
    dialects: [...new Set(checks.flatMap((c) => c.dialects))],
    checks,
    source: file,
  };
}

/** A code rule's messages, dialects, resource types, options and check, from its unit (checked at run time too). */
function codeRuleParts(
  r: Reader,
  { unit, file }: LocatedCodeRule,
): Pick<RuleMeta, 'messages' | 'resourceTypes' | 'dialects' | 'checks' | 'code' | 'check' | 'options'> {
  const where = `its code unit in ${unitPath(file)}`;
  for (const d of unit.dialects)
    if (!DIALECTS.includes(d)) r.fail([], `${unit.id}: unknown dialect '${String(d)}' in ${where}`);
  if (unit.dialects.length === 0) r.fail([], `${unit.id}: ${where} declares no dialects`);
  const messages: Readonly<Record<string, string>> = unit.messages;
  if (Object.keys(messages).length === 0) r.fail([], `${unit.id}: ${where} declares no messages`);
  for (const [k, m] of Object.entries(messages))
    if (typeof m !== 'string' || m.trim() === '')
      r.fail([], `${unit.id}: message '${k}' in ${where} must be a non-empty string`);
  return {
    messages,
    resourceTypes: [...new Set(unit.resourceTypes)],
    dialects: [...unit.dialects],
    checks: [],
    code: file,
    check: unit.check,
    ...(unit.options ? { options: unit.options } : {}),
  };
}
