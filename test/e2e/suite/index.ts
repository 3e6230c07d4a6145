/**
 * Entry of the extension-host suite (extensionTestsPath): the workbench loads it inside the extension host and
 * awaits run(), the contract of @vscode/test-electron and test-web alike.
 */
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  // Editing first (buffers only), then the workspace-wide surfaces that depend on a full scan, then the latency
  // measurement (its 1,000-line file must not change the workspace's counts).
  for (const name of ['editor.test.js', 'workspace.test.js', 'keystroke.test.js']) mocha.addFile(join(__dirname, name));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
