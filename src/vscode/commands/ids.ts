import { DiscordCommandIds } from '../discord/commandIds';
import { HttpCommandIds } from '../http/commandIds';
import { LanguageCommandIds } from '../language/commandIds';
import { TestingCommandIds } from '../testing/commandIds';
import { WebhookCommandIds } from '../webhook/commandIds';

/** Commands that belong to no single feature. */
export const GeneralCommandIds = {
  showLog: 'apihook.showLog',
  newRequestFile: 'apihook.newRequestFile',
} as const;

/**
 * Every command ApiHook contributes, by id. package.json's `contributes.commands` must list exactly
 * these (test/unit/manifest.test.ts checks both directions), and each feature registers a handler
 * for each of its own ids (the type checker enforces it through `registerCommands`).
 */
export const CommandIds = { ...GeneralCommandIds, ...HttpCommandIds, ...LanguageCommandIds, ...TestingCommandIds, ...WebhookCommandIds, ...DiscordCommandIds } as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
