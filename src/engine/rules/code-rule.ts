/**
 * A code rule as one typed unit (typescript-eslint's `createRule({ meta: { messages }, create })` is the model):
 * its messages, the dialects and resource types it judges, the parameters of its check and the check itself,
 * declared together in `rules/checks/<file>.ts`. The check's findings are typed by the keys of `messages`, so a
 * misspelled message id does not compile.
 *
 * The rule's prose and classification (title, severity, risk, layer, MCSB, policy, rationale, remediation,
 * references) go in the unit's `meta`, so a code rule is one file; the loader validates `meta` exactly as it
 * validates a YAML rule file. Older units keep them in `catalog/<id>.yaml` instead, joined by id. One home per
 * fact: a unit with `meta` and a YAML file too is a load error naming both, as is a YAML file that repeats what
 * the unit declares (`messages`, `dialects`, `resourceTypes`, `options`, `checks`).
 */
import type { Dialect } from '../model/resource';
import type { LayerId } from '../responsibility/layers';
import type { Severity } from '../core/finding';
import type { CodeCheck, PolicyRef, Risk, RuleParameters } from './types';

const BRAND = Symbol('rlens.codeRule');

/** A code rule's prose and classification: the keys of a YAML rule file other than `id`, `messages`, `checks`. */
export interface CodeRuleMeta {
  /** A plural subject and a present-tense verb, no trailing period ("Linux virtual machines accept SSH keys only"). */
  readonly title: string;
  readonly severity: Severity;
  readonly risk: Risk;
  readonly layer: LayerId;
  /** Microsoft cloud security benchmark control ids (`IM-6`); none only when the rationale says why. */
  readonly mcsb?: readonly string[];
  readonly policy?: PolicyRef;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly string[];
}

export interface CodeRule<MessageId extends string = string> {
  readonly [BRAND]: true;
  /** The rule id (`VM-LINUX-PWD`); a unit without `meta` has its prose in `catalog/<lowercased id>.yaml`. */
  readonly id: string;
  /** Message templates by id; `{resource}`, `{dependsOn}` and the finding's `data` keys are filled in. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** Dialects the rule judges; each must have fixtures. */
  readonly dialects: readonly Dialect[];
  /** Resource types the rule looks at (for docs, hovers and the service-model test); empty for every type. */
  readonly resourceTypes: readonly string[];
  readonly options?: RuleParameters;
  readonly check: CodeCheck<MessageId>;
  /** Title, severity, layer and prose; without it they live in `catalog/<id>.yaml`. */
  readonly meta?: CodeRuleMeta;
}

/** What a unit declares; `check` may report only the ids `messages` has. */
export interface CodeRuleSpec<Messages extends Readonly<Record<string, string>>> {
  readonly id: string;
  readonly messages: Messages;
  readonly dialects: readonly Dialect[];
  readonly resourceTypes: readonly string[];
  readonly options?: RuleParameters;
  readonly check: CodeCheck<NoInfer<keyof Messages & string>>;
  readonly meta?: CodeRuleMeta;
}

/** Declares a code rule. Export the result from a file in `rules/checks/`: the generated registry finds it. */
export function createRule<const Messages extends Readonly<Record<string, string>>>(
  spec: CodeRuleSpec<Messages>,
): CodeRule<keyof Messages & string> {
  return { [BRAND]: true, ...spec };
}

export function isCodeRule(x: unknown): x is CodeRule {
  return typeof x === 'object' && x !== null && (x as Partial<Record<typeof BRAND, unknown>>)[BRAND] === true;
}

/** A unit and the file (in `rules/checks/`, without `.ts`) that declares it. */
export interface LocatedCodeRule {
  readonly unit: CodeRule;
  readonly file: string;
}

/** The units exported by the registry's modules, in file order. */
export function codeRulesOf(modules: ReadonlyArray<readonly [file: string, exports: object]>): LocatedCodeRule[] {
  return modules.flatMap(([file, exports]) =>
    Object.values(exports)
      .filter(isCodeRule)
      .map((unit) => ({ unit, file })),
  );
}
