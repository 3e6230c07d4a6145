/** ARM JSON templates as a format handler. */
import type { FormatHandler } from '../registry';
import { analyzeArm, looksLikeArmTemplate } from './analyze';

export const armFormat: FormatHandler = {
  format: 'arm',
  // Any .json/.jsonc may be a template; analyzeArm returns undefined for the rest (parameter files, configs).
  claims: (file) => /\.jsonc?$/i.test(file) && !/\.tf\.json$/i.test(file),
  mayBeTemplate: looksLikeArmTemplate,
  analyze: analyzeArm,
};

export { analyzeArm, looksLikeArmTemplate } from './analyze';
