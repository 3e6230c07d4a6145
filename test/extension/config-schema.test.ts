/** The JSON schema contributed for `.rlens.yaml` (media/rlens-config.schema.json) and the parser agree on the keys. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRlensConfig } from '../../src/engine/editor-support/config';
import { ROOT } from '../helpers/fixtures';

describe('.rlens.yaml schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'media/rlens-config.schema.json'), 'utf8')) as {
    properties: Record<string, unknown>;
    additionalProperties: boolean;
  };

  it('names exactly the top-level keys the parser accepts', () => {
    const warning = parseRlensConfig('not-a-key: 1\n').problems.find((p) =>
      p.message.startsWith("unknown key 'not-a-key'"),
    );
    const accepted = /\(expected ([^)]+)\)/.exec(warning?.message ?? '')?.[1]?.split(', ') ?? [];
    assert.ok(accepted.length > 0, warning?.message);
    assert.deepEqual(Object.keys(schema.properties).sort(), [...accepted].sort());
    assert.equal(schema.additionalProperties, false);
  });
});
