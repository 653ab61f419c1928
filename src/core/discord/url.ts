import { UserFacingError } from '../common/errors';

/**
 * Discord webhook URLs: parsing every form people paste (discord.com, discordapp.com, ptb/canary hosts,
 * with or without /vN, with ?thread_id=), normalising to https://discord.com/api/v10/webhooks/{id}/{token},
 * and masking the token for display. The URL carries the token, so it is a secret.
 */

export const DISCORD_API_BASE = 'https://discord.com/api/v10';
export const DISCORD_HOSTS = ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com', 'ptb.discordapp.com', 'canary.discordapp.com'];
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The webhook the local emulator answers by default (any id/token works unless known ids are set). */
export const EMULATOR_WEBHOOK_ID = '0';
export const EMULATOR_WEBHOOK_TOKEN = 'emulated-token';

export interface WebhookTarget {
  /** API root without a trailing slash, e.g. https://discord.com/api/v10 or http://127.0.0.1:8787/api/v10 */
  baseUrl: string;
  id: string;
  token: string;
  /** from ?thread_id= */
  threadId?: string;
}

export interface ParseOptions {
  /** also accept http://127.0.0.1|localhost:PORT/api/webhooks/… (the local emulator) */
  allowLoopback?: boolean;
}

const badUrl = (message: string) => new UserFacingError(
  message,
  'discord.bad-webhook-url',
  "Copy the URL from the channel's Settings → Integrations → Webhooks → Copy Webhook URL. It looks like https://discord.com/api/webhooks/123456789012345678/abc…",
);

export function parseWebhookUrl(input: string, options: ParseOptions = {}): WebhookTarget {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl('That is not a URL. A Discord webhook URL starts with https://discord.com/api/webhooks/.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUrl(`A Discord webhook URL uses https, not ${url.protocol.slice(0, -1)}.`);
  const host = url.host.toLowerCase();
  const loopback = LOOPBACK_HOSTS.includes(url.hostname.toLowerCase());
  if (!DISCORD_HOSTS.includes(host) && !(loopback && options.allowLoopback)) {
    throw badUrl(`${url.hostname} is not a Discord host. Webhook URLs are on discord.com (also discordapp.com, ptb.discord.com, canary.discord.com)${options.allowLoopback ? ' or the local listener' : ''}.`);
  }
  const m = /^\/api(?:\/v(\d+))?\/webhooks\/([^/]+)\/([^/]+)\/?(.*)$/.exec(url.pathname);
  if (!m) throw badUrl('The path of a Discord webhook URL is /api/webhooks/{id}/{token}; this URL does not have it.');
  const [, , id, token, rest] = m;
  if (!/^\d{1,20}$/.test(id)) throw badUrl(`The webhook id "${id}" is not a Discord id (digits only).`);
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(token)) throw badUrl('The webhook token has characters a Discord token never has; the URL may be cut or mangled.');
  if (rest) throw badUrl(`The URL goes on after the token ("/${rest}"). Use the webhook URL itself, without /slack, /github or /messages/….`);
  const threadId = url.searchParams.get('thread_id') ?? undefined;
  if (threadId !== undefined && !/^\d{1,20}$/.test(threadId)) throw badUrl(`thread_id "${threadId}" is not a Discord id (digits only).`);
  const baseUrl = DISCORD_HOSTS.includes(host) ? DISCORD_API_BASE : `${url.protocol}//${url.host}/api/v10`;
  return { baseUrl, id, token, ...(threadId ? { threadId } : {}) };
}

/** `https://discord.com/api/v10/webhooks/{id}/{token}` (plus `?thread_id=` when the target has one). */
export function normalizeWebhookUrl(input: string, options: ParseOptions = {}): string {
  const t = parseWebhookUrl(input, options);
  return webhookUrl(t) + (t.threadId ? `?thread_id=${t.threadId}` : '');
}

export function webhookUrl(target: WebhookTarget): string {
  return `${target.baseUrl}/webhooks/${target.id}/${encodeURIComponent(target.token)}`;
}

export function executeUrl(target: WebhookTarget, opts: { wait?: boolean; threadId?: string } = {}): string {
  const q = new URLSearchParams();
  if (opts.wait) q.set('wait', 'true');
  const thread = opts.threadId ?? target.threadId;
  if (thread) q.set('thread_id', thread);
  const qs = q.toString();
  return webhookUrl(target) + (qs ? `?${qs}` : '');
}

export function messageUrl(target: WebhookTarget, messageId: string, threadId?: string): string {
  const thread = threadId ?? target.threadId;
  return `${webhookUrl(target)}/messages/${encodeURIComponent(messageId)}${thread ? `?thread_id=${thread}` : ''}`;
}

/** The same webhook on another API root, e.g. the local emulator. */
export function withBaseUrl(target: WebhookTarget, baseUrl: string): WebhookTarget {
  return { ...target, baseUrl: baseUrl.replace(/\/+$/, '') };
}

/** The emulator's default webhook on a listener at `port`. */
export function listenerTarget(port: number, host = '127.0.0.1'): WebhookTarget {
  return { baseUrl: `http://${host}:${port}/api/v10`, id: EMULATOR_WEBHOOK_ID, token: EMULATOR_WEBHOOK_TOKEN };
}

/** Hides the token: `https://discord.com/api/v10/webhooks/1234…/••••abcd`. Never throws. */
export function maskWebhookUrl(input: string): string {
  const m = /^(.*\/webhooks\/)([^/?#]+)\/([^/?#]+)(.*)$/.exec(input.trim());
  if (!m) return input.length > 12 ? `${input.slice(0, 12)}…` : '••••';
  const [, head, id, token, tail] = m;
  return `${head}${maskId(id)}/${maskToken(token)}${tail}`;
}

export function maskTarget(target: WebhookTarget): string {
  return `${target.baseUrl}/webhooks/${maskId(target.id)}/${maskToken(target.token)}`;
}

function maskId(id: string): string {
  return id.length > 4 ? `${id.slice(0, 4)}…` : id;
}

function maskToken(token: string): string {
  return token.length > 8 ? `••••${token.slice(-4)}` : '••••';
}
