import { version } from '../../package.json';
import { commands } from './commands';
import { UsageError, type CliIo } from './io';

function help(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const list = commands.length
    ? commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
    : '  (none yet)';
  return `apihook ${version}: .http requests, webhook capture and Discord samples from a terminal

Usage: apihook <command> [options]

Commands:
${list}

Options:
  -h, --help     show this help (or a command's: apihook <command> --help)
  -v, --version  print the version

Exit codes: 0 success, 1 a request, assertion or check failed, 2 usage or parse error.
`;
}

/** Runs `apihook` with the given arguments; returns the exit code and never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === first);
  if (!cmd) {
    io.stderr.write(`apihook: unknown command '${first}'. Run 'apihook --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`apihook ${cmd.name}: ${err.message}\n\n${cmd.usage.trimEnd()}\n`);
      return 2;
    }
    io.stderr.write(`apihook ${cmd.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
