/**
 * Issue 19 items 13 and 14: a repository cannot point the extension at a path (`/dev/zero`, a UNC share) through
 * workspace settings; the tree's tooltip escapes the finding's message as the hover does; the webview's script
 * nonce comes from a cryptographic generator.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingTooltip } from '../../src/engine/editor-support/explain';
import { ROOT } from '../helpers/fixtures';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] } };
  contributes: {
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
  };
}

describe('untrusted workspaces and escaping', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

  it('restricts every setting that names a path', () => {
    const properties = manifest.contributes.configuration.properties;
    const pathSettings = Object.keys(properties).filter((k) =>
      /\bpath\b/i.test(
        `${k.replace(/\./g, ' ')} ${properties[k]?.markdownDescription ?? properties[k]?.description ?? ''}`,
      ),
    );
    assert.ok(pathSettings.includes('rlens.config.path'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(
      [...(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(),
      pathSettings.sort(),
    );
  });

  it("escapes the tree tooltip's message: a resource name cannot render a remote image or a link", () => {
    const md = findingTooltip({
      ruleId: 'STG-TLS',
      severity: 'error',
      message: "Storage account '![t](https://evil.example/p.png)' accepts TLS 1.0.",
    });
    assert.ok(!md.includes('![t]('), md);
    assert.ok(!/\]\(https/.test(md), md);
    assert.match(md, /^\*\*STG-TLS\*\* \(error\)\n\n/);
  });

  it('takes no randomness from Math.random in the extension (the webview nonce is cryptographic)', () => {
    const dir = join(ROOT, 'src', 'extension');
    for (const name of readdirSync(dir))
      assert.ok(!readFileSync(join(dir, name), 'utf8').includes('Math.random'), name);
    assert.match(readFileSync(join(dir, 'responsibility-view.ts'), 'utf8'), /crypto\.getRandomValues/);
  });
});
