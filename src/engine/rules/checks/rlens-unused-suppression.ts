/**
 * RLENS-UNUSED-SUPPRESSION's unit: its messages and dialects. Whether a suppression was used is known only after
 * every other rule ran, so its check reports nothing here; the scan reports unused inline suppressions at its end
 * and a front end reports unused `.rlens.yaml` ones after its whole scan (see `src/engine/suppress/unused.ts`).
 */
import { createRule } from '../code-rule';

/** The prose is in `catalog/rlens-unused-suppression.yaml`. */
export const rlensUnusedSuppressionRule = createRule({
  id: 'RLENS-UNUSED-SUPPRESSION',
  dialects: ['arm', 'bicep', 'azurerm', 'azapi'],
  resourceTypes: [],
  messages: {
    unused: "The suppression of {rule} on '{resource}' matches no finding; remove it.",
    unknownRule: "The suppression names '{rule}', which is not a Responsibility Lens rule (see 'rlens rules').",
    configUnused:
      "The .rlens.yaml suppression of {rule} for resource '{resource}' in {file} matches no finding in the scanned files; remove it.",
  },
  check: () => [],
});
