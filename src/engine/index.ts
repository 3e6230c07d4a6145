/** The engine's public API, used by the CLI, the editor and scripts (bench, corpus checks). */
export { scanText, skippedScan, checkDocument, isScannable } from './scan';
export { DEFAULT_MAX_FILE_BYTES, skipCause, skipMessage, skipNote, type SkipCause } from './limits';
export type { ScanOptions, ScanResult, RuleSetting, ConfigSuppression } from './scan';
export type { Finding, Fix, TextEdit, Severity, AnalysisError, Suppression, RelatedLocation } from './core/finding';
export { LineIndex } from './core/span';
export type { Span, Position } from './core/span';
export type { AnalyzedDocument, FileHost, SourceFormat, ParameterInfo } from './model/document';
export type { Resource, Dialect } from './model/resource';
export { allRules, ruleById, ruleDocsUrl, loadRules } from './rules/registry';
export type { RuleMeta, Risk } from './rules/types';
export { LAYERS, layerById, ownerOf, DEPLOYMENT_MODELS } from './responsibility/layers';
export type { Layer, LayerId, Owner, ServiceModel, DeploymentModel } from './responsibility/layers';
export { serviceModelOf, armTypeOf, TEMPLATE_SUBJECTS } from './responsibility/service-models';
export { applyEdits, applyEditGroups } from './core/apply-edits';
export { fixAll } from './fix/fix-all';
export type { FixAllOptions, FixAllResult, FixLevel, AppliedFix, PendingFix } from './fix/fix-all';
export { FORMATS } from './formats/all';
