/**
 * `.rlens.yaml`, the workspace's shared configuration: rule severities, excludes, unknown-value reporting and
 * reasoned suppressions. Validated by hand against a small schema so that every problem has a span the editor can
 * underline; a bad entry is skipped, the rest still applies.
 *
 * ```yaml
 * rules: { STG-TLS: warning, KV-RBAC: off }
 * exclude: [legacy/**]
 * reportUnknown: false
 * allowedLocations: [westeurope, northeurope]   # data residency (RES-LOCATION, RES-REPLICA)
 * requireCustomerManagedKeys: true             # CMK rules warn instead of inform
 * suppressions:
 *   - { rule: STG-PUBLIC-NET, resource: stpublicsite, reason: "static website", expires: 2027-03-31 }
 * ```
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Span } from '../core/span';
import type { RuleSetting } from '../scan';
import type { ConfigSuppression } from '../suppress/config';

export interface RlensConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly exclude: readonly string[];
  readonly reportUnknown?: boolean;
  readonly suppressions: readonly ConfigSuppression[];
  /** Regions resources and replicas may use; residency rules are off without it. */
  readonly allowedLocations?: readonly string[];
  readonly requireCustomerManagedKeys?: boolean;
}

export interface ConfigProblem {
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

export const EMPTY_CONFIG: RlensConfig = { rules: {}, exclude: [], suppressions: [] };
const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
const TOP_KEYS = [
  'rules',
  'exclude',
  'reportUnknown',
  'suppressions',
  'allowedLocations',
  'requireCustomerManagedKeys',
];
const SUPPRESSION_KEYS = ['rule', 'resource', 'file', 'reason', 'expires'];

function spanOf(node: YamlNode | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[0] + 1, r[1]) } : fallback;
}

/** A scalar's value as text (numbers and dates written bare are still text to us). */
function text(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * Parses and validates `.rlens.yaml`. `knownRules` (ids) turns unknown rule ids into warnings, so a typo does not
 * silently leave a rule on.
 */
export function parseRlensConfig(
  source: string,
  knownRules: readonly string[] = [],
): { config: RlensConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const whole: Span = { start: 0, end: Math.max(1, Math.min(source.length, 1)) };
  const err = (message: string, node: YamlNode | null | undefined, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ message, span: spanOf(node, whole), severity });
  };
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors)
    problems.push({
      message: e.message.split('\n')[0] ?? e.message,
      span: { start: e.pos[0], end: Math.max(e.pos[0] + 1, e.pos[1]) },
      severity: 'error',
    });
  if (doc.errors.length > 0) return { config: EMPTY_CONFIG, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: EMPTY_CONFIG, problems };
  if (!isMap(root)) {
    err('.rlens.yaml must be a mapping (rules, exclude, reportUnknown, suppressions)', root);
    return { config: EMPTY_CONFIG, problems };
  }
  const known = new Set(knownRules.map((r) => r.toUpperCase()));
  const rules: Record<string, RuleSetting> = {};
  const exclude: string[] = [];
  const suppressions: ConfigSuppression[] = [];
  let reportUnknown: boolean | undefined;
  let allowedLocations: string[] | undefined;
  let requireCustomerManagedKeys: boolean | undefined;
  for (const pair of root.items) {
    const k = text(pair.key);
    const keyNode = pair.key as YamlNode;
    const value = pair.value as YamlNode | null;
    if (k === 'rules') {
      if (!isMap(value)) {
        err("'rules' must map rule ids to off, error, warning or info", value ?? keyNode);
        continue;
      }
      for (const rp of value.items) {
        const id = text(rp.key)?.toUpperCase();
        const setting = text(rp.value);
        if (!id) {
          err('a rule id must be text', rp.key as YamlNode);
          continue;
        }
        if (known.size > 0 && !known.has(id)) err(`unknown rule '${id}'`, rp.key as YamlNode, 'warning');
        if (!setting || !SETTINGS.includes(setting as RuleSetting)) {
          err(`'${id}' must be one of ${SETTINGS.join(', ')}`, (rp.value as YamlNode) ?? rp.key);
          continue;
        }
        rules[id] = setting as RuleSetting;
      }
    } else if (k === 'exclude') {
      if (!isSeq(value)) {
        err("'exclude' must be a list of glob patterns", value ?? keyNode);
        continue;
      }
      for (const item of value.items) {
        const glob = text(item);
        if (glob) exclude.push(glob);
        else err('an exclude pattern must be text', item as YamlNode);
      }
    } else if (k === 'reportUnknown') {
      if (isScalar(value) && typeof value.value === 'boolean') reportUnknown = value.value;
      else err("'reportUnknown' must be true or false", value ?? keyNode);
    } else if (k === 'allowedLocations') {
      if (!isSeq(value)) {
        err("'allowedLocations' must be a list of Azure regions (e.g. westeurope)", value ?? keyNode);
        continue;
      }
      allowedLocations = [];
      for (const item of value.items) {
        const region = text(item);
        if (region?.trim()) allowedLocations.push(region.trim());
        else err('a region must be text', item as YamlNode);
      }
    } else if (k === 'requireCustomerManagedKeys') {
      if (isScalar(value) && typeof value.value === 'boolean') requireCustomerManagedKeys = value.value;
      else err("'requireCustomerManagedKeys' must be true or false", value ?? keyNode);
    } else if (k === 'suppressions') {
      if (!isSeq(value)) {
        err("'suppressions' must be a list", value ?? keyNode);
        continue;
      }
      for (const item of value.items) {
        const s = suppressionOf(item as YamlNode, err);
        if (s) suppressions.push(s);
      }
    } else {
      err(`unknown key '${k ?? '?'}' (expected ${TOP_KEYS.join(', ')})`, keyNode, 'warning');
    }
  }
  return {
    config: {
      rules,
      exclude,
      suppressions,
      ...(reportUnknown !== undefined ? { reportUnknown } : {}),
      ...(allowedLocations ? { allowedLocations } : {}),
      ...(requireCustomerManagedKeys !== undefined ? { requireCustomerManagedKeys } : {}),
    },
    problems,
  };
}

function suppressionOf(
  item: YamlNode,
  err: (m: string, n: YamlNode | null | undefined, s?: 'error' | 'warning') => void,
): ConfigSuppression | undefined {
  if (!isMap(item)) {
    err('a suppression is a mapping with rule and reason', item);
    return undefined;
  }
  const fields: Record<string, string> = {};
  for (const p of item.items) {
    const k = text(p.key);
    const v = text(p.value);
    if (!k || !SUPPRESSION_KEYS.includes(k)) {
      err(
        `unknown key '${k ?? '?'}' in a suppression (expected ${SUPPRESSION_KEYS.join(', ')})`,
        p.key as YamlNode,
        'warning',
      );
      continue;
    }
    if (v === undefined) {
      err(`'${k}' must be text`, (p.value as YamlNode) ?? (p.key as YamlNode));
      continue;
    }
    fields[k] = k === 'expires' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v;
  }
  if (!fields.rule) {
    err("a suppression needs 'rule'", item);
    return undefined;
  }
  if (!fields.reason?.trim()) {
    err(`the suppression of ${fields.rule} needs a 'reason': say why the risk is accepted`, item);
    return undefined;
  }
  if (fields.expires && !/^\d{4}-\d{2}-\d{2}$/.test(fields.expires)) {
    err("'expires' must be a date (YYYY-MM-DD)", item);
    return undefined;
  }
  return {
    ruleId: fields.rule.toUpperCase(),
    reason: fields.reason,
    ...(fields.resource ? { resource: fields.resource } : {}),
    ...(fields.file ? { file: fields.file } : {}),
    ...(fields.expires ? { expires: fields.expires } : {}),
    span: spanOf(item, { start: 0, end: 0 }),
  };
}
