import * as vscode from 'vscode';
import { UserFacingError, describeError } from '../../core/common/errors';
import { EMULATOR_WEBHOOK_ID, EMULATOR_WEBHOOK_TOKEN, maskTarget, maskWebhookUrl, parseWebhookUrl, type WebhookTarget } from '../../core/discord/url';
import type { TargetRef } from './recentSends';
import { validateWebhookName, type SavedWebhooks } from './savedWebhooks';

/** What a command argument may name as the target (tests and other commands pass it). */
export type TargetArg = 'listener' | { url: string } | { savedName: string };

export function refFromArg(arg: TargetArg): TargetRef {
  if (arg === 'listener') return { kind: 'listener' };
  if ('savedName' in arg) return { kind: 'saved', name: arg.savedName };
  return { kind: 'url', url: arg.url };
}

/**
 * The local listener's root URL. Asks the webhook feature to start its listener (`apihook.webhook.start`,
 * which answers with the URL); when that command is missing or says nothing, falls back to the
 * `apihook.webhook.port` setting on 127.0.0.1.
 */
export async function listenerBaseUrl(): Promise<string> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('apihook.webhook.start')) {
    const url = await vscode.commands.executeCommand<unknown>('apihook.webhook.start');
    if (typeof url === 'string' && /^https?:\/\//.test(url)) return url.replace(/\/+$/, '');
  }
  const port = vscode.workspace.getConfiguration('apihook.webhook').get<number>('port') ?? 8787;
  if (!port) throw new UserFacingError('The webhook listener is set to take a free port (apihook.webhook.port is 0) and is not running.', 'discord.listener-port', 'Start the listener first (ApiHook: Start Webhook Listener), or set apihook.webhook.port.');
  return `http://127.0.0.1:${port}`;
}

/** The emulator webhook on the listener: the first known id when the emulator is limited to some. */
export function emulatorPath(): string {
  const known = vscode.workspace.getConfiguration('apihook.discord.emulator').get<string[]>('knownWebhookIds') ?? [];
  return `/api/webhooks/${known[0] ?? EMULATOR_WEBHOOK_ID}/${EMULATOR_WEBHOOK_TOKEN}`;
}

export interface ResolvedTarget { target: WebhookTarget; label: string }

export async function resolveTarget(ref: TargetRef, saved: SavedWebhooks): Promise<ResolvedTarget> {
  switch (ref.kind) {
    case 'saved': {
      const url = await saved.url(ref.name);
      if (url === undefined) throw new UserFacingError(`No saved Discord webhook named "${ref.name}".`, 'discord.unknown-saved', 'Add it in the Discord view (ApiHook: Add Discord Webhook).');
      const target = parseWebhookUrl(url, { allowLoopback: true });
      return { target, label: `${ref.name} (${maskTarget(target)})` };
    }
    case 'listener': {
      const target = parseWebhookUrl(`${await listenerBaseUrl()}${emulatorPath()}`, { allowLoopback: true });
      return { target, label: `Local listener (${maskTarget(target)})` };
    }
    case 'url': {
      const target = parseWebhookUrl(ref.url, { allowLoopback: true });
      return { target, label: maskWebhookUrl(ref.url) };
    }
  }
}

/** A URL typed in an input box: Discord's hosts, or a loopback address (the emulator). */
export function urlProblem(text: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    parseWebhookUrl(text, { allowLoopback: true });
    return undefined;
  } catch (err) {
    return describeError(err).message;
  }
}

/** Quick pick of saved webhooks, the local listener and "Enter a webhook URL…". */
export async function pickTarget(saved: SavedWebhooks, onShow?: (title: string) => void): Promise<TargetRef | undefined> {
  type Item = vscode.QuickPickItem & { ref?: TargetRef; enter?: true };
  const items: Item[] = [];
  const names = saved.names();
  if (names.length) items.push({ label: 'Saved webhooks', kind: vscode.QuickPickItemKind.Separator });
  for (const name of names) items.push({ label: `$(key) ${name}`, description: await saved.masked(name), ref: { kind: 'saved', name } });
  items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(radio-tower) Local listener (Discord emulator)', description: `127.0.0.1 ${emulatorPath()}`, detail: 'No network: the listener answers as Discord does and captures the request.', ref: { kind: 'listener' } });
  items.push({ label: '$(edit) Enter a webhook URL…', detail: 'Paste a URL from the channel settings; you can save it under a name (kept in SecretStorage).', enter: true });
  onShow?.('Send Discord sample: target');
  const pick = await vscode.window.showQuickPick(items, { title: 'Send Discord sample: target', placeHolder: 'Where should the message go?', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.ref) return pick.ref;
  return enterUrl(saved);
}

async function enterUrl(saved: SavedWebhooks): Promise<TargetRef | undefined> {
  const url = await askUrl();
  if (!url) return undefined;
  const choice = await vscode.window.showQuickPick(
    [{ label: '$(save) Save it under a name…', save: true }, { label: 'Use it once', save: false }],
    { title: 'Save this webhook?', placeHolder: 'Saved webhook URLs are kept in VS Code SecretStorage, never in settings.', ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  if (!choice.save) return { kind: 'url', url };
  const name = await askName(saved);
  if (!name) return { kind: 'url', url };
  await saved.save(name, url);
  return { kind: 'saved', name };
}

export async function askUrl(): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Discord webhook URL',
    prompt: 'Channel settings → Integrations → Webhooks → Copy Webhook URL. It holds the token: it is kept in SecretStorage only.',
    placeHolder: 'https://discord.com/api/webhooks/123456789012345678/…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? urlProblem(v) : 'Paste a webhook URL.'),
  });
  return url?.trim() || undefined;
}

export async function askName(saved: SavedWebhooks, current?: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: current ? `Rename "${current}"` : 'Name for this webhook',
    value: current ?? '',
    placeHolder: 'team-alerts',
    ignoreFocusOut: true,
    validateInput: (v) => validateWebhookName(saved, v, current),
  });
  return name?.trim() || undefined;
}
