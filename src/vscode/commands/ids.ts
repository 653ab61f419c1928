/**
 * Every command ApiHook contributes, by id. package.json's `contributes.commands` must list exactly
 * these (test/unit/manifest.test.ts checks both directions), and `registerCommands` needs a handler
 * for each one (the type checker enforces it).
 */
export const CommandIds = {
  showLog: 'apihook.showLog',
  newRequestFile: 'apihook.newRequestFile',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
