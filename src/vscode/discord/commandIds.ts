/** The discord feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const DiscordCommandIds = {} as const;

export type DiscordCommandId = (typeof DiscordCommandIds)[keyof typeof DiscordCommandIds];
