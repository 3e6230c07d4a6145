/**
 * SEC-OUTPUT: an output that returns a credential: a `list*()` result (listKeys, listConnectionStrings, …), a
 * secure parameter or sensitive variable, or a Terraform attribute that holds a key or connection string, kept
 * through member access and string building. Outputs declared secret (ARM `securestring`/`secureObject`,
 * Bicep `@secure()`, Terraform `sensitive = true`) are not reported. The value is never put in a message.
 */
import type { Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'template' | 'terraform';

/** Where the secret in `v` comes from, or undefined when it carries none. */
function secretSource(
  v: Value,
  secureInputs: ReadonlySet<string>,
  noun: string,
  terraform: boolean,
): string | undefined {
  switch (v.kind) {
    case 'unknown': {
      if (v.secret) return v.secret;
      if (v.secureInput) return `secure ${noun} '${v.secureInput}'`;
      // Terraform marks whatever is computed from a sensitive variable sensitive too, hashes included.
      const input = terraform ? v.dependsOn?.find((d) => secureInputs.has(d.toLowerCase())) : undefined;
      return input ? `sensitive ${noun} '${input}'` : undefined;
    }
    case 'object':
      for (const p of v.properties) {
        const s = secretSource(p.value, secureInputs, noun, terraform);
        if (s) return s;
      }
      return undefined;
    case 'array':
      for (const item of v.items) {
        const s = secretSource(item, secureInputs, noun, terraform);
        if (s) return s;
      }
      return undefined;
    default:
      // A known value that came from a secure parameter's default or parameter file.
      return v.origin?.kind === 'parameter' && secureInputs.has(v.origin.name.toLowerCase())
        ? `${terraform ? 'sensitive' : 'secure'} ${noun} '${v.origin.name}'`
        : undefined;
  }
}

export function secretOutput(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const terraform = doc.format === 'terraform';
  const noun = terraform ? 'variable' : 'parameter';
  const secureInputs = new Set(doc.parameters.filter((p) => p.secure).map((p) => p.name.toLowerCase()));
  const out: RawFinding<MessageId>[] = [];
  for (const o of doc.outputs ?? []) {
    if (o.sensitive) continue;
    const source = secretSource(o.value, secureInputs, noun, terraform);
    if (!source) continue;
    out.push({
      subject: { type: 'output', name: o.name },
      messageId: terraform ? 'terraform' : 'template',
      data: { output: o.name, source },
      at: { kind: 'string', value: '', span: o.span },
    });
  }
  return out;
}

/** SEC-OUTPUT: the prose is in `catalog/sec-output.yaml`. */
export const secOutputRule = createRule({
  id: 'SEC-OUTPUT',
  dialects: ['arm', 'bicep', 'azurerm'],
  resourceTypes: ['output'],
  messages: {
    template: "Output '{output}' returns a secret ({source}); the deployment history keeps it in clear text.",
    terraform: "Output '{output}' returns a secret ({source}) and is not marked sensitive.",
  },
  check: secretOutput,
});
