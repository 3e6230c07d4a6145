/** Bicep templates and parameter files as a format handler. */
import type { FormatHandler } from '../registry';
import { analyzeBicep } from './adapter';

export const bicepFormat: FormatHandler = {
  format: 'bicep',
  claims: (file) => /\.bicep(param)?$/i.test(file),
  analyze: analyzeBicep,
};
