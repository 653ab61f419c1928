import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedRequest, VerifyOptions } from './types';

/** The first value of a header, case-insensitive, from node-style raw header pairs. */
export function rawHeader(rawHeaders: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i < rawHeaders.length - 1; i += 2) {
    if (rawHeaders[i].toLowerCase() === lower) return rawHeaders[i + 1];
  }
  return undefined;
}

export function header(req: SignedRequest, name: string): string | undefined {
  return rawHeader(req.rawHeaders, name);
}

/** Constant-time comparison of two strings (different lengths compare false without leaking where). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

export function hmac(algorithm: 'sha256' | 'sha1', key: string | Buffer, ...parts: Array<string | Buffer>): Buffer {
  const h = createHmac(algorithm, key);
  for (const p of parts) h.update(p);
  return h.digest();
}

export function nowSeconds(opts: VerifyOptions): number {
  return opts.nowSeconds ? opts.nowSeconds() : Math.floor(Date.now() / 1000);
}

export function tolerance(opts: VerifyOptions): number {
  return opts.toleranceSeconds ?? 300;
}

/** undefined when the timestamp is within tolerance, else the reason. */
export function checkTimestamp(ts: string, opts: VerifyOptions): string | undefined {
  if (!/^\d+$/.test(ts)) return `timestamp '${ts}' is not a number of seconds`;
  const age = nowSeconds(opts) - Number(ts);
  const tol = tolerance(opts);
  if (age > tol) return `timestamp is ${age} s old, more than the ${tol} s tolerance`;
  if (-age > tol) return `timestamp is ${-age} s in the future, more than the ${tol} s tolerance`;
  return undefined;
}
