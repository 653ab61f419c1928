import { checkTimestamp, hmac, header, safeEqual } from './common';
import type { Verifier } from './types';

/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of "<ts>.<body>";
 * any matching v1 passes (several appear while a secret is rolled), then the timestamp tolerance applies.
 */
export const verifyStripe: Verifier = (req, secret, opts) => {
  const value = header(req, 'stripe-signature');
  if (value === undefined) return { provider: 'stripe', valid: false, reason: 'no Stripe-Signature header' };
  let t: string | undefined;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't') t = v;
    else if (k === 'v1') v1.push(v);
  }
  if (t === undefined) return { provider: 'stripe', valid: false, reason: 'Stripe-Signature has no t= timestamp' };
  if (v1.length === 0) return { provider: 'stripe', valid: false, reason: 'Stripe-Signature has no v1= signature' };
  const expected = hmac('sha256', secret, `${t}.`, req.body).toString('hex');
  let match = false;
  for (const s of v1) if (safeEqual(s.toLowerCase(), expected)) match = true;
  if (!match) return { provider: 'stripe', valid: false, reason: `none of the ${v1.length} v1 signature(s) matches the body, timestamp and secret` };
  const stale = checkTimestamp(t, opts);
  return stale ? { provider: 'stripe', valid: false, reason: stale } : { provider: 'stripe', valid: true };
};
