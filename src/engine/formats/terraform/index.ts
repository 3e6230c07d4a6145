/** Terraform: the HCL native-syntax parser and `.tf.json` reader (adapters follow). */
export { parseHcl } from './parser';
export { parseTfJson } from './json-syntax';
export { MAX_DEPTH } from './cursor';
export * from './syntax';
