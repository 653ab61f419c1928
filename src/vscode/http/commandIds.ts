/** The http feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const HttpCommandIds = {} as const;

export type HttpCommandId = (typeof HttpCommandIds)[keyof typeof HttpCommandIds];
