/** The engine's second public entry, for editors: explanations for hovers and the responsibility matrix. */
export {
  ownerLabel,
  escapeMarkdown,
  responsibilityRow,
  explainFinding,
  explainResourceType,
  findingTooltip,
  bySeverity,
} from './explain';
export type { ExplainOptions } from './explain';
export { buildMatrix, formatScore, modelOfResource } from './matrix';
export type { Matrix, MatrixCell, ScannedFile } from './matrix';
export { listName } from './names';
