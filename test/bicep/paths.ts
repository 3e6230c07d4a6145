/** Where the Bicep test fixtures live, found from the bundled test's location (out/test/bicep). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const BICEP_FIXTURES = join(repoRoot(), 'test', 'fixtures', 'bicep');
