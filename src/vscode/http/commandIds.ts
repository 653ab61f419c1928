/** The http feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const HttpCommandIds = {
  sendRequest: 'apihook.sendRequest',
  sendAllRequests: 'apihook.sendAllRequests',
  cancelRequest: 'apihook.cancelRequest',
  switchEnvironment: 'apihook.switchEnvironment',
  showHistory: 'apihook.showHistory',
  clearHistory: 'apihook.clearHistory',
} as const;

export type HttpCommandId = (typeof HttpCommandIds)[keyof typeof HttpCommandIds];
