// Preloaded with `node --require` into a process the bench does not control (the CLI): reports its peak RSS and
// wall time on exit, on stderr, as one JSON line the bench picks up.
'use strict';
const t0 = performance.now();
process.on('exit', () => {
  process.stderr.write(
    `\nRLENS_PROBE ${JSON.stringify({ seconds: (performance.now() - t0) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
});
