/** The testing feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const TestingCommandIds = {} as const;

export type TestingCommandId = (typeof TestingCommandIds)[keyof typeof TestingCommandIds];
