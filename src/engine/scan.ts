/**
 * The engine's front door: text in, findings out. Shared by the CLI, the editor and the browser build.
 */
import type { AnalysisError, Finding, Severity, Suppression } from './core/finding';
import type { AnalyzeOptions, AnalyzedDocument, SourceFormat } from './model/document';
import { FORMATS } from './formats/all';
import { handlerFor } from './formats/registry';
import { recordRefusals } from './host-refusals';
import { skipReason } from './limits';
import { allRules } from './rules/registry';
import { runPropertyChecks } from './rules/property-check';
import { toFinding } from './rules/to-finding';
import { effectiveRule, type RuleOptions } from './rules/rule-options';
import type { RuleMeta } from './rules/types';
import type { ConfigSuppression } from './suppress/config';
import {
  unusedInlineSuppressions,
  usedConfigSuppressions,
  UNUSED_SUPPRESSION_ID,
  type RuleHit,
} from './suppress/unused';

/** Per-rule settings: off, or a severity that replaces the rule's. */
export type RuleSetting = 'off' | Severity;

export interface ScanOptions extends AnalyzeOptions, RuleOptions {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Report values the engine cannot know as info findings ("depends on parameter X"). */
  readonly reportUnknown?: boolean;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the clock. */
  readonly today?: string;
  /** Suppressions from configuration (`.rlens.yaml`), matched by rule and resource. */
  readonly configSuppressions?: readonly ConfigSuppression[];
  /** The catalog to use (tests pass their own); defaults to the built-in rules. */
  readonly catalog?: readonly RuleMeta[];
  /** Larger files (UTF-8 bytes) are skipped with an error entry; default 5 MB (`DEFAULT_MAX_FILE_BYTES`). */
  readonly maxFileBytes?: number;
}

export interface ScanResult {
  readonly file: string;
  /** Undefined when no format claimed the file or the file was not a template. */
  readonly format?: SourceFormat;
  readonly document?: AnalyzedDocument;
  readonly findings: readonly Finding[];
  readonly errors: readonly AnalysisError[];
  /**
   * The `configSuppressions` that matched something in this file (a reported finding or not: unknown verdicts
   * count), so that a front end can judge the unused ones once its whole scan is done (`unusedConfigSuppressions`).
   */
  readonly usedConfigSuppressions: readonly ConfigSuppression[];
}

/** What the rules found in one document, and which configuration suppressions they used. */
export interface DocumentCheck {
  readonly findings: Finding[];
  readonly usedConfigSuppressions: readonly ConfigSuppression[];
}

/** Does any format claim this path? (Cheap: no reading.) */
export function isScannable(file: string): boolean {
  return handlerFor(FORMATS, file) !== undefined;
}

/** Today's date (UTC), read from the clock at most once a minute: building a Date per file showed in profiles. */
let today: { readonly iso: string; readonly until: number } | undefined;

function todayIso(): string {
  const now = Date.now();
  if (!today || now >= today.until) today = { iso: new Date(now).toISOString().slice(0, 10), until: now + 60_000 };
  return today.iso;
}

/** Ids a suppression may name (built-in and the catalog's), once per catalog rather than once per file. */
const knownIdsByCatalog = new WeakMap<readonly RuleMeta[], ReadonlySet<string>>();

function knownRuleIds(catalog: readonly RuleMeta[]): ReadonlySet<string> {
  let ids = knownIdsByCatalog.get(catalog);
  if (!ids) {
    ids = new Set([...allRules(), ...catalog].map((x) => x.id));
    knownIdsByCatalog.set(catalog, ids);
  }
  return ids;
}

/** Runs every enabled rule over an analysed document. */
export function checkDocument(doc: AnalyzedDocument, options: ScanOptions = {}): Finding[] {
  return checkDocumentFully(doc, options).findings;
}

/** Runs every enabled rule over an analysed document, saying also which configuration suppressions were used. */
export function checkDocumentFully(doc: AnalyzedDocument, options: ScanOptions = {}): DocumentCheck {
  const settings = options.rules ?? {};
  const today = options.today ?? todayIso();
  const findings: Finding[] = [];
  const catalog = options.catalog ?? allRules();
  const hits: RuleHit[] = [];
  for (const listed of catalog) {
    const setting = settings[listed.id];
    if (setting === 'off') continue;
    const rule = effectiveRule(listed, options);
    const raw = rule.checks.length > 0 ? runPropertyChecks(rule, doc) : [];
    if (rule.check) for (const r of rule.check(rule, doc, options)) raw.push(r);
    for (const r of raw) {
      hits.push({ ruleId: rule.id, raw: r });
      if (r.unknown && !options.reportUnknown) continue;
      const made = toFinding(rule, r, doc, {
        today,
        ...(setting ? { severity: setting } : {}),
        config: options.configSuppressions ?? [],
      });
      const finding = made && doc.placeFinding ? doc.placeFinding(made) : made;
      if (finding) findings.push(finding);
    }
  }
  // After every rule ran: suppressions that matched none of their hits (unknown verdicts count as hits).
  const usedConfig = usedConfigSuppressions(options.configSuppressions ?? [], hits, doc.file);
  const meta = catalog.find((r) => r.id === UNUSED_SUPPRESSION_ID);
  if (meta && settings[meta.id] !== 'off') {
    const off = new Set(Object.keys(settings).filter((id) => settings[id] === 'off'));
    for (const r of unusedInlineSuppressions(doc, hits, knownRuleIds(catalog), off)) {
      const finding = toFinding(meta, r, doc, {
        today,
        ...(settings[meta.id] ? { severity: settings[meta.id] as Severity } : {}),
        config: options.configSuppressions ?? [],
      });
      if (finding) findings.push(finding);
    }
  }
  // Rule ids are ASCII: plain comparison orders them as localeCompare did, without ICU's cost per comparison.
  findings.sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { findings, usedConfigSuppressions: usedConfig };
}

/**
 * The result for a file that is not analysed (too large, binary, not a regular file): an error naming `reason`,
 * unless the handler can tell from `head` (the text or its first bytes, when they could be read) that the file is
 * not one of its templates anyway (JSON that is not ARM), which stays quiet as analysis would.
 */
export function skippedScan(file: string, reason: string, head?: string): ScanResult {
  const handler = handlerFor(FORMATS, file);
  if (!handler || (head !== undefined && handler.mayBeTemplate?.(head) === false))
    return { file, findings: [], errors: [], usedConfigSuppressions: [] };
  return {
    file,
    format: handler.format,
    findings: [],
    errors: [{ file, message: reason }],
    usedConfigSuppressions: [],
  };
}

/** Scans one file's text. Never throws: an engine failure becomes an error entry naming the file. */
export function scanText(text: string, file: string, options: ScanOptions = {}): ScanResult {
  const handler = handlerFor(FORMATS, file);
  if (!handler) return { file, findings: [], errors: [], usedConfigSuppressions: [] };
  const skipped = skipReason(text, options.maxFileBytes);
  if (skipped !== undefined) return skippedScan(file, skipped, text);
  try {
    // A host that can refuse reads (the CLI's and the editor's) has each refusal noted on the document.
    const recorder = options.host?.refusal ? recordRefusals(options.host, file) : undefined;
    const analysed = handler.analyze(text, file, recorder ? { ...options, host: recorder.host } : options);
    if (!analysed) return { file, findings: [], errors: [], usedConfigSuppressions: [] };
    const refusals = recorder?.notes() ?? [];
    const doc = refusals.length > 0 ? { ...analysed, notes: [...(analysed.notes ?? []), ...refusals] } : analysed;
    const { findings, usedConfigSuppressions } = checkDocumentFully(doc, options);
    return { file, format: doc.format, document: doc, findings, errors: doc.errors, usedConfigSuppressions };
  } catch (e) {
    // A bug must not take down the editor or a CI run: say which file, and keep going.
    const message = e instanceof Error ? e.message : String(e);
    return {
      file,
      format: handler.format,
      findings: [],
      errors: [{ file, message: `internal error while analysing: ${message}` }],
      usedConfigSuppressions: [],
    };
  }
}

export type { Suppression, ConfigSuppression };
