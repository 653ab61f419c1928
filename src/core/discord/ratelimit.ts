/**
 * Client-side bookkeeping of Discord's rate limits (topics/rate-limits): per-bucket state from the
 * X-RateLimit-* headers, the global limit from a 429 with `global: true`, and the wait a 429 asks for
 * (body `retry_after`, else `Retry-After`, else `X-RateLimit-Reset-After`; all in seconds).
 */

/** Time, injectable so tests can assert waits without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal?.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
};

export type HeaderGetter = (name: string) => string | null;

export interface RateLimitWait {
  waitMs: number;
  global: boolean;
  bucket?: string;
  scope?: string;
}

interface BucketState { remaining: number; resetAt: number; limit?: number }

const seconds = (v: string | null | undefined): number | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

export class RateLimitBook {
  private readonly routeBucket = new Map<string, string>();
  private readonly buckets = new Map<string, BucketState>();
  private globalUntil = 0;

  /** How long to wait before a request on `route` may go (0 when it may go now). */
  delayFor(route: string, now: number): RateLimitWait | undefined {
    if (this.globalUntil > now) return { waitMs: this.globalUntil - now, global: true };
    const bucket = this.routeBucket.get(route);
    const state = bucket ? this.buckets.get(this.key(bucket, route)) : undefined;
    if (bucket && state && state.remaining <= 0 && state.resetAt > now) {
      return { waitMs: state.resetAt - now, global: false, bucket };
    }
    return undefined;
  }

  /** Records the X-RateLimit-* headers of any response. */
  update(route: string, header: HeaderGetter, now: number): void {
    const bucket = header('x-ratelimit-bucket');
    if (!bucket) return;
    this.routeBucket.set(route, bucket);
    const remaining = seconds(header('x-ratelimit-remaining'));
    const resetAfter = seconds(header('x-ratelimit-reset-after'));
    if (remaining === undefined || resetAfter === undefined) return;
    this.buckets.set(this.key(bucket, route), { remaining, resetAt: now + Math.ceil(resetAfter * 1000), limit: seconds(header('x-ratelimit-limit')) });
  }

  /** Reads a 429 and records the block it announces; returns the wait before a retry. */
  on429(route: string, header: HeaderGetter, body: unknown, now: number): RateLimitWait {
    this.update(route, header, now);
    const b = (body && typeof body === 'object' ? body : {}) as { retry_after?: unknown; global?: unknown };
    const retryAfter = typeof b.retry_after === 'number' && b.retry_after >= 0 ? b.retry_after : undefined;
    const secs = retryAfter ?? seconds(header('retry-after')) ?? seconds(header('x-ratelimit-reset-after')) ?? 1;
    const waitMs = Math.ceil(secs * 1000);
    const global = b.global === true || header('x-ratelimit-global') === 'true';
    const scope = header('x-ratelimit-scope') ?? undefined;
    const bucket = header('x-ratelimit-bucket') ?? undefined;
    if (global) this.globalUntil = Math.max(this.globalUntil, now + waitMs);
    else if (bucket) {
      const k = this.key(bucket, route);
      const prev = this.buckets.get(k);
      this.buckets.set(k, { remaining: 0, resetAt: now + waitMs, limit: prev?.limit });
    }
    return { waitMs, global, ...(bucket ? { bucket } : {}), ...(scope ? { scope } : {}) };
  }

  /** Buckets are shared across routes but limited per top-level resource (the webhook). */
  private key(bucket: string, route: string): string {
    return `${bucket}:${route.split(' ').pop()}`;
  }
}
