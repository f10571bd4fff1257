// The whole CLI as a function of its arguments and its I/O, so tests run it in-process.
import pkg from '../package.json';
import { parseArgs, USAGE } from './args';
import { kubectlCommand } from './commands/kubectl';
import { loadScenario } from './commands/load';
import { scheduleCommand } from './commands/schedule';
import { traceCommand } from './commands/trace';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io } from './io';

export const VERSION: string = pkg.version;

export function run(argv: readonly string[], io: Io): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`podwalk: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const cmd = parsed.command;
  if (cmd.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (cmd.kind === 'version') {
    io.stdout(`podwalk ${VERSION}\n`);
    return EXIT_OK;
  }
  if (cmd.kind === 'kubectl') return kubectlCommand(io, cmd);
  const loaded = loadScenario(io, cmd.file, cmd.seed, cmd.kind === 'schedule');
  if (!loaded.ok) {
    io.stderr(`podwalk: ${loaded.error}\n`);
    return EXIT_USAGE;
  }
  for (const w of loaded.warnings) io.stderr(`podwalk: ${w}\n`);
  try {
    const out =
      cmd.kind === 'trace'
        ? traceCommand(loaded.scenario, cmd.format)
        : scheduleCommand(loaded.scenario, cmd.format);
    io.stdout(out);
    return EXIT_OK;
  } catch (e) {
    // A valid scenario that the simulation cannot run is our bug: say so plainly, with the stack.
    io.stderr(`podwalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILURE;
  }
}
