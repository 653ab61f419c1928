/** The webhook feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const WebhookCommandIds = {
  startListener: 'apihook.webhook.start',
  stopListener: 'apihook.webhook.stop',
  copyListenerUrl: 'apihook.webhook.copyUrl',
  copyPublicUrl: 'apihook.webhook.copyPublicUrl',
  setSigningSecret: 'apihook.webhook.setSecret',
  openCapturesPanel: 'apihook.webhook.openPanel',
  openCapture: 'apihook.webhook.openCapture',
  replayCapture: 'apihook.webhook.replay',
  forwardCaptures: 'apihook.webhook.forwardTo',
  exportCaptureHttp: 'apihook.webhook.exportHttp',
  copyCaptureCurl: 'apihook.webhook.copyCurl',
  exportCapturesHar: 'apihook.webhook.exportHar',
  deleteCapture: 'apihook.webhook.delete',
  clearCaptures: 'apihook.webhook.clear',
  refreshWebhooks: 'apihook.webhook.refresh',
} as const;

export type WebhookCommandId = (typeof WebhookCommandIds)[keyof typeof WebhookCommandIds];
