/** The discord feature's command ids; each must be contributed in package.json (checked by a unit test). */
export const DiscordCommandIds = {
  sendSample: 'apihook.discord.sendSample',
  sendSampleTo: 'apihook.discord.sendSampleTo',
  preview: 'apihook.discord.preview',
  newRequest: 'apihook.discord.newRequest',
  addWebhook: 'apihook.discord.addWebhook',
  renameWebhook: 'apihook.discord.renameWebhook',
  removeWebhook: 'apihook.discord.removeWebhook',
  copyMaskedUrl: 'apihook.discord.copyMaskedUrl',
  copyUrl: 'apihook.discord.copyUrl',
  editLastMessage: 'apihook.discord.editLastMessage',
  deleteMessage: 'apihook.discord.deleteMessage',
  openRecent: 'apihook.discord.openRecent',
  clearRecent: 'apihook.discord.clearRecent',
} as const;

export type DiscordCommandId = (typeof DiscordCommandIds)[keyof typeof DiscordCommandIds];
