// `npm run -s sla -- <command> …`: results on stdout only; bad input → message on stderr, exit 2.

import { CalendarResolver, inputErrorMessage, nodeIo, type CliContext, type CliIo } from './cli-kit';
import { COMMANDS } from './commands';

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${c.usage.startsWith(name) ? c.usage : `${name} ${c.usage}`}\n      ${c.summary}`);
  return `usage: npm run -s sla -- <command> [options]\n${lines.join('\n')}`;
}

/** Runs one command line; returns the exit code (0 ok, 2 bad input, 1 internal error). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const ctx: CliContext = { io, commands: COMMANDS, calendars: new CalendarResolver(io) };
  try {
    await cmd.run(rest, ctx);
    return 0;
  } catch (e) {
    const msg = inputErrorMessage(e);
    if (msg !== null) {
      io.err(`sla ${name}: ${msg}`);
      return 2;
    }
    io.err(`sla ${name}: internal error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) is not an error: stop quietly as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  void main(process.argv.slice(2), nodeIo()).then((code) => {
    process.exitCode = code;
  });
}
