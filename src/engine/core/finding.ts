/** What a scan reports: findings with their fixes as plain data, and errors for files that cannot be analysed. */
import type { Span } from './span';
import type { LayerId, Owner, ServiceModel } from '../responsibility/layers';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A replacement of `span` in `file` by `newText` (an insertion when the span is empty). */
export interface TextEdit {
  readonly file: string;
  readonly span: Span;
  readonly newText: string;
  /**
   * Set when the edit adds members to an object or block: where that container starts in `file` and what the
   * edit adds (paths below the container, values as written). `applyEdits` refuses a second edit that adds the
   * same key to the same container (two `properties` blocks), and `fixAll` merges such edits into one.
   */
  readonly adds?: MemberAddition;
}

/** Members one edit adds to the container (object or block) starting at offset `container` of the edit's file. */
export interface MemberAddition {
  readonly container: number;
  readonly members: readonly { readonly path: readonly string[]; readonly valueText: string }[];
}

/** A fix is data: the engine computes edits, the CLI or the editor applies them. */
export interface Fix {
  readonly title: string;
  /** Safe fixes change only the flagged setting and may be applied without review (`--fix`, fix-all). */
  readonly safe: boolean;
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  readonly expires?: string;
  readonly file: string;
  readonly span: Span;
  /** `inline` = written in the template; `config` = `.rlens.yaml`; `baseline` = listed in `rlens scan --baseline`. */
  readonly source: 'inline' | 'config' | 'baseline';
  /** Only findings starting inside this span of `file` are suppressed (Bicep `#disable-next-line` in a body). */
  readonly within?: Span;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly resource: { readonly type: string; readonly name: string };
  readonly layer: LayerId;
  /** Absent for template-level findings (a parameter), whose layer has one owner in every model. */
  readonly serviceModel?: ServiceModel;
  readonly owner: Owner;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
  /** The verdict rests on a value the engine could not know (only reported when asked for). */
  readonly unknown?: boolean;
  readonly suppressed?: Suppression;
}

/** A file that could not be analysed (or only in part), with the reason. */
export interface AnalysisError {
  readonly file: string;
  readonly message: string;
  readonly span?: Span;
}
