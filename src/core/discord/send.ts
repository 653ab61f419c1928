import { version as packageVersion } from '../../../package.json';
import { UserFacingError } from '../common/errors';
import { DiscordApiError, DiscordValidationError } from './errors';
import { encodeMessage } from './multipart';
import { RateLimitBook, systemClock, type Clock, type HeaderGetter } from './ratelimit';
import type { DiscordMessage, OutgoingMessage, WebhookPayload } from './types';
import { executeUrl, maskWebhookUrl, messageUrl, type WebhookTarget } from './url';
import { validatePayload } from './validate';

/**
 * Sends to a Discord webhook with undici: Execute (optionally `?wait=true` for the created message),
 * then Get/Edit/Delete of that message. Validates before sending, honours rate limits (waits out a
 * known-empty bucket or a global block before sending, and retries after a 429 for as long as Discord
 * asks), and reports every wait through `onEvent` so the user is told why a send is slow.
 */

export type SendEvent =
  | { type: 'request'; method: string; url: string; attempt: number }
  | { type: 'response'; method: string; status: number; attempt: number }
  | { type: 'rate-limited'; waitMs: number; global: boolean; bucket?: string; scope?: string; reason: '429' | 'bucket-empty' | 'global' };

export interface DiscordClientOptions {
  clock?: Clock;
  onEvent?: (e: SendEvent) => void;
  /** retries after a 429 (default 3) */
  maxRetries?: number;
  /** a 429 asking for longer than this is reported as an error, not waited out (default 60 s) */
  maxWaitMs?: number;
  /** validate before sending (default true) */
  validate?: boolean;
  /** for the User-Agent; defaults to the package version */
  version?: string;
  /** per request (default 30 s) */
  timeoutMs?: number;
}

export interface SendResult {
  status: number;
  /** the message, for `wait: true`, GET and PATCH */
  message?: DiscordMessage;
  attempts: number;
  /** total time spent waiting on rate limits */
  waitedMs: number;
}

export interface ExecuteOptions { wait?: boolean; threadId?: string; signal?: AbortSignal }

export class DiscordWebhookClient {
  private readonly clock: Clock;
  private readonly book = new RateLimitBook();
  readonly userAgent: string;

  constructor(private readonly options: DiscordClientOptions = {}) {
    this.clock = options.clock ?? systemClock;
    const v = options.version ?? packageVersion;
    this.userAgent = `DiscordBot (https://github.com/apihook/apihook, ${v}) ApiHook/${v}`;
  }

  /** POST /webhooks/{id}/{token}: 204, or 200 with the message when `wait` is set. */
  async execute(target: WebhookTarget, message: OutgoingMessage, opts: ExecuteOptions = {}): Promise<SendResult> {
    this.check(message.payload, message.files?.length ?? 0, 'execute');
    const url = executeUrl(target, { wait: opts.wait, threadId: opts.threadId ?? message.threadId });
    return this.request('POST', url, target, message, opts.signal);
  }

  async getMessage(target: WebhookTarget, messageId: string, opts: { threadId?: string; signal?: AbortSignal } = {}): Promise<SendResult> {
    return this.request('GET', messageUrl(target, messageId, opts.threadId), target, undefined, opts.signal);
  }

  /** PATCH /messages/{id}; files are appended to the message, as Discord does. */
  async editMessage(target: WebhookTarget, messageId: string, edit: OutgoingMessage | WebhookPayload, opts: { threadId?: string; signal?: AbortSignal } = {}): Promise<SendResult> {
    const message: OutgoingMessage = 'payload' in edit && typeof edit.payload === 'object' ? (edit as OutgoingMessage) : { payload: edit as WebhookPayload };
    this.check(message.payload, message.files?.length ?? 0, 'edit');
    return this.request('PATCH', messageUrl(target, messageId, opts.threadId), target, message, opts.signal);
  }

  async deleteMessage(target: WebhookTarget, messageId: string, opts: { threadId?: string; signal?: AbortSignal } = {}): Promise<SendResult> {
    return this.request('DELETE', messageUrl(target, messageId, opts.threadId), target, undefined, opts.signal);
  }

  private check(payload: WebhookPayload, fileCount: number, mode: 'execute' | 'edit'): void {
    if (this.options.validate === false) return;
    const result = validatePayload(payload, { fileCount, mode });
    if (!result.ok && result.body) throw new DiscordValidationError(result.body, result.issues);
  }

  private async request(method: string, url: string, target: WebhookTarget, message: OutgoingMessage | undefined, signal?: AbortSignal): Promise<SendResult> {
    const route = `${method} webhooks/${target.id}`;
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWaitMs = this.options.maxWaitMs ?? 60_000;
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      const pre = this.book.delayFor(route, this.clock.now());
      if (pre) {
        if (pre.waitMs > maxWaitMs) throw this.tooLong(pre.waitMs);
        this.emit({ type: 'rate-limited', ...pre, reason: pre.global ? 'global' : 'bucket-empty' });
        await this.clock.sleep(pre.waitMs, signal);
        waitedMs += pre.waitMs;
      }
      const encoded = message ? encodeMessage(message) : undefined;
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'application/json' };
      if (encoded?.contentType) headers['content-type'] = encoded.contentType;
      this.emit({ type: 'request', method, url: maskWebhookUrl(url), attempt });
      let res: Awaited<ReturnType<typeof fetch>>;
      try {
        const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
        res = await fetch(url, { method, headers, body: encoded?.body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch (err) {
        if (signal?.aborted) throw err;
        throw new UserFacingError(`Could not reach ${maskWebhookUrl(url)}: ${describeCause(err)}`, 'discord.network', 'Check the URL and your connection; for the local listener, check that it is running.', { cause: err });
      }
      this.emit({ type: 'response', method, status: res.status, attempt });
      const header: HeaderGetter = (n) => res.headers.get(n);
      const text = await res.text();
      const body = parseJson(text);
      if (res.status === 429) {
        const wait = this.book.on429(route, header, body, this.clock.now());
        if (attempt > maxRetries) throw new DiscordApiError(429, body, `Still rate limited after ${maxRetries} retries; try again in ${Math.ceil(wait.waitMs / 1000)} s.`);
        if (wait.waitMs > maxWaitMs) throw this.tooLong(wait.waitMs, body);
        this.emit({ type: 'rate-limited', ...wait, reason: '429' });
        await this.clock.sleep(wait.waitMs, signal);
        waitedMs += wait.waitMs;
        continue;
      }
      this.book.update(route, header, this.clock.now());
      if (res.status >= 400) throw new DiscordApiError(res.status, body ?? text, hintFor(res.status, body));
      const msg = body && typeof body === 'object' && 'id' in body ? (body as DiscordMessage) : undefined;
      return { status: res.status, attempts: attempt, waitedMs, ...(msg ? { message: msg } : {}) };
    }
  }

  private tooLong(waitMs: number, body?: unknown): Error {
    return new DiscordApiError(429, body ?? { message: 'You are being rate limited.' }, `Discord asks to wait ${Math.ceil(waitMs / 1000)} s, longer than ApiHook waits on its own; try again later.`);
  }

  private emit(e: SendEvent): void {
    this.options.onEvent?.(e);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try { return JSON.parse(text); } catch { return undefined; }
}

function describeCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
  return String(cause);
}

function hintFor(status: number, body: unknown): string | undefined {
  const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  if (code === 10015 || status === 404) return 'The webhook was deleted or the URL is wrong; copy it again from the channel settings.';
  if (code === 50027 || status === 401) return 'The webhook token is wrong; copy the URL again from the channel settings.';
  if (code === 50035 || code === 50006) return 'Fix the fields listed; ApiHook validates samples, so this comes from a custom payload.';
  if (status === 403) return 'The webhook cannot post there (missing permission, or a forum channel needing thread_name or thread_id).';
  return undefined;
}
