import type { Logger } from '../core/common/logger';

/** Where a CLI command writes; tests pass in buffers, the binary passes process streams. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

/** A subcommand of `apihook`: `run` returns the exit code (0 ok, 1 failure, 2 usage error). */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}

/** The core Logger port for a CLI command: warnings and errors to stderr, the rest dropped. */
export function stderrLogger(io: CliIo): Logger {
  const write = (level: string) => (m: string | Error) => { io.stderr.write(`${level}: ${m instanceof Error ? m.message : m}\n`); };
  return { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: write('warning'), error: write('error') };
}
