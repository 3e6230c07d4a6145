/**
 * SEC-PARAM-DEFAULT: a secret parameter (secure type, or a name that says password/secret/key/token) with a
 * literal default. The value itself is never put in a message: only the parameter's name.
 */
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'named' | 'secure';

/** Names that carry credentials. `keyVaultName` or `sshPublicKey` are not secrets; `storageKey` is. */
const SECRET_NAME =
  /(password|passwd|pwd|secret|token|apikey|api_key|accesskey|access_key|connectionstring|connection_string|sas|privatekey|private_key|clientsecret|client_secret|(?:^|[_-]|[a-z])key$)/i;
const NOT_SECRET =
  /(name|id|uri|url|type|vault|publickey|public_key|length|size|count|version|expiry|expiration|rotation|enabled|secretname|keyname|path)$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

export function secretParameterDefault(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const p of doc.parameters) {
    const def = p.defaultValue;
    if (!def || def.kind !== 'string' || def.value.trim() === '') continue;
    // Expressions and interpolations compute the default; only a literal written in the file is a leak.
    if (def.origin && def.origin.kind !== 'literal') continue;
    if (/^\[.*\]$/s.test(def.value.trim()) && !def.value.startsWith('[[')) continue;
    if (!p.secure && !looksLikeSecretName(p.name)) continue;
    out.push({
      subject: { type: 'parameter', name: p.name },
      messageId: p.secure ? 'secure' : 'named',
      data: { parameter: p.name },
      at: def,
    });
  }
  return out;
}

/** SEC-PARAM-DEFAULT: the prose is in `catalog/sec-param-default.yaml`. */
export const secParamDefaultRule = createRule({
  id: 'SEC-PARAM-DEFAULT',
  dialects: ['arm', 'bicep', 'azurerm'],
  resourceTypes: ['parameter'],
  messages: {
    secure: "Secure parameter '{parameter}' has a hard-coded default value.",
    named: "Parameter '{parameter}' looks like a secret and has a hard-coded default value.",
  },
  check: secretParameterDefault,
});
