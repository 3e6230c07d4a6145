/** The process entry of `rlens` (bundled as dist/cli.js): the exit code is set, never forced, so output drains. */
import { main } from './main';

// A reader that stops early (`rlens rules --format json | head -1`) closes the pipe: nothing more can be written
// and nothing is wrong, so the process ends quietly instead of with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = main(process.argv.slice(2));
