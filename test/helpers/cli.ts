/** Runs `rlens` in process: `main` with the given arguments, from a given folder, with its output captured. */
import { main } from '../../src/cli/main';
import { ROOT } from './fixtures';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Relative paths in arguments, in output and in `.rlens.yaml` lookup are the working folder's, as for a user in a
 * shell, so the run changes into `cwd` and back (main is synchronous: nothing else runs in between).
 */
export function rlens(args: readonly string[], cwd = ROOT): CliRun {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const status = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
