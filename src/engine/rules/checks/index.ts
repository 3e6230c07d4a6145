/** The registry of code checks, by the name a rule file gives in `code:`. */
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { nsgOpenPort } from './nsg-open-port';
import { secretParameterDefault } from './secret-parameter-default';
import { serverConfiguration } from './server-configuration';
import { sqlFirewallOpen } from './sql-firewall-open';
import { unusedSuppressionCheck } from './unused-suppression';

export type CodeCheck = (rule: RuleMeta, doc: AnalyzedDocument) => RawFinding[];

export const CODE_CHECKS: Readonly<Record<string, CodeCheck>> = {
  'nsg-open-port': nsgOpenPort,
  'sql-firewall-open': sqlFirewallOpen,
  'secret-parameter-default': secretParameterDefault,
  'unused-suppression': unusedSuppressionCheck,
  'server-configuration': serverConfiguration,
};
