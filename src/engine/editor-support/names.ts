/**
 * Resource names for lists (the tree, the view): an ARM name the engine could not evaluate is kept as its source
 * text in findings, `[variables('storageName')]`, which reads as noise in a narrow list. Shown instead: the literal
 * start of the name when it has one (`'stdemo…'`), else the variable or parameter it comes from (`storageName`),
 * else the expression without its brackets.
 */
export function listName(name: string): string {
  const expression = /^\[(.*)\]$/s.exec(name.trim());
  if (!expression) return name;
  const body = expression[1] ?? '';
  const literalStart = /^(?:concat|format)\(\s*'([^']+)'/.exec(body);
  if (literalStart?.[1]) return `'${literalStart[1]}…'`;
  const reference = /^(?:variables|parameters)\(\s*'([^']+)'\s*\)$/.exec(body);
  if (reference?.[1]) return reference[1];
  // Any other expression: the first variable or parameter it names, marked as computed.
  const named = /(?:variables|parameters)\(\s*'([^']+)'\s*\)/.exec(body);
  return named?.[1] ? `${named[1]} (computed)` : body;
}
