/** The language feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const LanguageCommandIds = {
  refreshRequests: 'apihook.requests.refresh',
  sendFromTree: 'apihook.requests.send',
} as const;

export type LanguageCommandId = (typeof LanguageCommandIds)[keyof typeof LanguageCommandIds];
