#!/usr/bin/env node
// `podwalk` entry point: run tsx (npm run podwalk) or bundled to dist-cli/podwalk.mjs for plain Node.
import { nodeIo } from './io';
import { run } from './run';

// `podwalk trace … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// exitCode rather than exit() so a large trace is fully flushed to a pipe before Node quits.
process.exitCode = run(process.argv.slice(2), nodeIo);
