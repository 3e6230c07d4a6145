#!/usr/bin/env node
// Runs the bundled CLI; builds it first when a fresh checkout has not been built yet.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  const { execFileSync } = require('node:child_process');
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'], cwd: join(__dirname, '..') });
}
require(cli);
