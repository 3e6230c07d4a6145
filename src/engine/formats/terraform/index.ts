/** Terraform: the HCL parser, the `.tf.json` reader, and the azurerm/azapi adapters as a format handler. */
import type { FormatHandler } from '../registry';
import { analyzeTerraform, isTerraformFile } from './analyze';

export const terraformFormat: FormatHandler = {
  format: 'terraform',
  claims: isTerraformFile,
  analyze: analyzeTerraform,
};

export { analyzeTerraform } from './analyze';
export { parseHcl } from './parser';
export { parseTfJson } from './json-syntax';
export { MAX_DEPTH } from './cursor';
export { azurermMajor, NEWEST_AZURERM_MAJOR } from './module-scope';
export { HclWriter, hclLiteral } from './writer';
export * from './syntax';
