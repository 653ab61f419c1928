import type { CliCommand } from './io';

/** Every `apihook` subcommand. Each feature adds its own entry here. */
export const commands: CliCommand[] = [];
