/** The webhook feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const WebhookCommandIds = {} as const;

export type WebhookCommandId = (typeof WebhookCommandIds)[keyof typeof WebhookCommandIds];
