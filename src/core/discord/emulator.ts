import type { IncomingRequestView, Reply, Responder } from '../webhook/responder';
import { applyEdit, buildMessage, channelIdFor, EmulatorMessageStore, SnowflakeMaker, type StoredMessage } from './emulatorStore';
import { parseWebhookBody } from './multipart';
import type { DiscordMessage } from './types';
import { validatePayload } from './validate';

/**
 * Plays Discord's webhook API on the local listener: `POST /api[/vN]/webhooks/{id}/{token}` validated by
 * the same rules as the sender (204, or 200 with a message for `?wait=true`; 400 with Discord's error
 * JSON), 404 10015 for ids outside `knownWebhookIds`, 429 with Discord's headers and body past the rate
 * (default 5 requests per 2 s per webhook), and GET/PATCH/DELETE of the messages it keeps. Any other
 * path gets `undefined`, so the listener's other responders answer it.
 */

export interface DiscordEmulatorOptions {
  /** when set, other webhook ids get 404 Unknown Webhook */
  knownWebhookIds?: readonly string[];
  /** executes allowed per window per webhook; `false` turns limiting off */
  rateLimit?: { requests: number; perMs: number } | false;
  clock?: { now(): number };
  /** messages kept for GET/PATCH/DELETE (newest win; default 500) */
  maxMessages?: number;
  /** total size of the files of one request before 413 40005 (default 10 MiB, Discord's default upload limit) */
  maxUploadBytes?: number;
  onMessage?: (e: { kind: 'created' | 'edited' | 'deleted'; message: DiscordMessage }) => void;
}

export const DEFAULT_EMULATOR_RATE = { requests: 5, perMs: 2000 } as const;

const ROUTE = /^\/api(?:\/v\d+)?\/webhooks\/([^/?#]+)\/([^/?#]+)(?:\/messages\/([^/?#]+))?\/?$/;
const SOURCE = 'discord-emulator';

/** A cheap, synchronous look at the path: other requests pass by without a promise or a URL parse. */
function isWebhookPath(url: string): boolean {
  return url.startsWith('/api/') && url.includes('/webhooks/');
}

interface Window { start: number; count: number }

export class DiscordEmulator {
  readonly store: EmulatorMessageStore;
  private readonly windows = new Map<string, Window>();
  private readonly snowflakes: SnowflakeMaker;
  private readonly now: () => number;

  constructor(private readonly options: DiscordEmulatorOptions = {}) {
    this.now = () => (options.clock ?? Date).now();
    this.snowflakes = new SnowflakeMaker(this.now);
    this.store = new EmulatorMessageStore(options.maxMessages ?? 500);
  }

  /** The responder to hand to the listener. */
  readonly responder: Responder = (req) => (isWebhookPath(req.url) ? this.handle(req) : undefined);

  messages(): StoredMessage[] {
    return this.store.all();
  }

  private async handle(req: IncomingRequestView): Promise<Reply | undefined> {
    const url = new URL(req.url, 'http://emulator.invalid');
    const m = ROUTE.exec(url.pathname);
    if (!m) return undefined;
    const [, id, token, messageId] = m;
    const method = req.method.toUpperCase();
    if (!/^\d{1,20}$/.test(id)) return json(400, { message: '400: Bad Request', code: 0, errors: { webhook_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${id}" is not snowflake.` }] } } });
    const known = this.options.knownWebhookIds;
    if (known && !known.includes(id)) return json(404, { message: 'Unknown Webhook', code: 10015 });
    const threadId = url.searchParams.get('thread_id') ?? undefined;
    if (messageId !== undefined) return this.onMessageRoute(req, method, id, token, messageId);
    if (method === 'GET') {
      return json(200, { type: 1, id, name: 'Captain Hook', avatar: null, channel_id: channelIdFor(id), guild_id: '100000000000000000', application_id: null, token });
    }
    if (method !== 'POST') return json(405, { message: '405: Method Not Allowed', code: 0 });

    const limit = this.rate(id);
    if (limit.limited) return limit.reply;
    const parsed = await parseWebhookBody(header(req, 'content-type'), req.body);
    if (!parsed.ok) return json(400, { message: 'The request body contains invalid JSON.', code: 50109 }, limit.headers);
    const uploaded = parsed.files.reduce((n, f) => n + f.data.length, 0);
    if (uploaded > (this.options.maxUploadBytes ?? 10 * 1024 * 1024)) return json(413, { message: 'Request entity too large', code: 40005 }, limit.headers);
    const result = validatePayload(parsed.payload, { fileCount: parsed.files.length });
    if (!result.ok) return json(400, result.body, limit.headers);
    const newId = this.snowflakes.next();
    // thread_name starts a forum post: the new thread's id is the first message's id, as on Discord
    const channel = threadId ?? (typeof parsed.payload.thread_name === 'string' ? newId : undefined);
    const message = buildMessage({
      id: newId, webhookId: id, payload: parsed.payload, files: parsed.files, threadId: channel,
      now: this.now(), baseUrl: baseUrlOf(req), attachmentIds: () => this.snowflakes.next(),
    });
    this.store.add({ webhookId: id, token, message, files: parsed.files });
    this.options.onMessage?.({ kind: 'created', message });
    return wantsWait(url) ? json(200, message, limit.headers) : { status: 204, headers: limit.headers, source: SOURCE };
  }

  private async onMessageRoute(req: IncomingRequestView, method: string, id: string, token: string, messageId: string): Promise<Reply> {
    const stored = this.store.get(id, token, messageId);
    if (!stored) return json(404, { message: 'Unknown Message', code: 10008 });
    if (method === 'GET') return json(200, stored.message);
    if (method === 'DELETE') {
      this.store.delete(messageId);
      this.options.onMessage?.({ kind: 'deleted', message: stored.message });
      return { status: 204, source: SOURCE };
    }
    if (method !== 'PATCH') return json(405, { message: '405: Method Not Allowed', code: 0 });
    const parsed = await parseWebhookBody(header(req, 'content-type'), req.body);
    if (!parsed.ok) return json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
    const result = validatePayload(parsed.payload, { fileCount: parsed.files.length, mode: 'edit' });
    if (!result.ok) return json(400, result.body);
    if (stored.message.poll && ('content' in parsed.payload || 'embeds' in parsed.payload)) {
      return json(400, { message: 'Cannot edit a message with a poll', code: 50160 });
    }
    const built = buildMessage({
      id: stored.message.id, webhookId: id, payload: parsed.payload, files: parsed.files,
      now: this.now(), baseUrl: baseUrlOf(req), attachmentIds: () => this.snowflakes.next(),
    });
    applyEdit(stored, parsed.payload, parsed.files, built, this.now());
    const m = stored.message;
    const empty = !m.content && !m.embeds.length && !m.attachments.length && !(Array.isArray(m.components) && m.components.length) && !m.poll;
    if (empty) return json(400, { message: 'Cannot send an empty message', code: 50006 });
    this.options.onMessage?.({ kind: 'edited', message: m });
    return json(200, m);
  }

  /** Fixed window per webhook; 429s do not count against it, as on Discord. */
  private rate(id: string): { limited: false; headers: Record<string, string> } | { limited: true; reply: Reply } {
    const cfg = this.options.rateLimit === false ? undefined : this.options.rateLimit ?? DEFAULT_EMULATOR_RATE;
    if (!cfg) return { limited: false, headers: {} };
    const now = this.now();
    let w = this.windows.get(id);
    if (!w || now >= w.start + cfg.perMs) {
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    const resetAfter = (w.start + cfg.perMs - now) / 1000;
    const bucket = bucketHash(id);
    const base = {
      'x-ratelimit-limit': String(cfg.requests),
      'x-ratelimit-reset': ((w.start + cfg.perMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': bucket,
    };
    if (w.count >= cfg.requests) {
      const headers = { ...base, 'x-ratelimit-remaining': '0', 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' };
      return { limited: true, reply: json(429, { message: 'You are being rate limited.', retry_after: Number(resetAfter.toFixed(3)), global: false }, headers) };
    }
    w.count++;
    return { limited: false, headers: { ...base, 'x-ratelimit-remaining': String(cfg.requests - w.count) } };
  }
}

export function createDiscordEmulator(options: DiscordEmulatorOptions = {}): DiscordEmulator {
  return new DiscordEmulator(options);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), source: SOURCE };
}

function header(req: IncomingRequestView, name: string): string | undefined {
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === name) return req.rawHeaders[i + 1];
  return undefined;
}

/** Discord's boolean query strings: True/true/1 (reference "Boolean Query Strings"). */
function wantsWait(url: URL): boolean {
  const v = url.searchParams.get('wait');
  return v !== null && ['true', '1'].includes(v.toLowerCase());
}

function baseUrlOf(req: IncomingRequestView): string {
  return `http://${header(req, 'host') ?? '127.0.0.1'}/api/v10/emulator`;
}

function bucketHash(id: string): string {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Reads a rate for the emulator from a flag or setting: `5/2s`, `10/1500ms`, `30/1m`, or `off`.
 * Returns undefined for anything else, so the caller can say what is wrong.
 */
export function parseEmulatorRate(spec: string): { requests: number; perMs: number } | false | undefined {
  const s = spec.trim().toLowerCase();
  if (s === 'off' || s === 'none' || s === '0') return false;
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m)$/.exec(s);
  if (!m) return undefined;
  const requests = Number(m[1]);
  const perMs = Number(m[2] ?? '1') * (m[3] === 'ms' ? 1 : m[3] === 's' ? 1000 : 60_000);
  return requests >= 1 && perMs >= 1 ? { requests, perMs } : undefined;
}
