/** Where the Terraform test fixtures live, found from the bundled test's location (out/test/terraform). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const TERRAFORM_FIXTURES = join(repoRoot(), 'test', 'fixtures', 'terraform');
