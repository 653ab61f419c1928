import { capturesCommand } from './captures';
import { discordCommand } from './discord';
import type { CliCommand } from './io';
import { listenCommand } from './listen';
import { parseCommand } from './parse';
import { runCommand } from './run';

/** Every `apihook` subcommand. Each feature adds its own entry here. */
export const commands: CliCommand[] = [runCommand, discordCommand, listenCommand, capturesCommand, parseCommand];
