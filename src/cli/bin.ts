/** The process entry of `rlens` (bundled as dist/cli.js): the exit code is set, never forced, so output drains. */
import { main } from './main';

process.exitCode = main(process.argv.slice(2));
