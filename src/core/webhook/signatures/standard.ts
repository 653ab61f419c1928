import { checkTimestamp, hmac, header, safeEqual } from './common';
import type { SignedRequest, Verifier } from './types';

/** The HMAC key of a Standard Webhooks secret: base64 after an optional `whsec_` prefix. */
export function standardWebhooksKey(secret: string): Buffer {
  const b64 = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  return Buffer.from(b64, 'base64');
}

function pick(req: SignedRequest, name: string): string | undefined {
  // Svix, which the spec grew out of, sends the same scheme under svix-* names.
  return header(req, `webhook-${name}`) ?? header(req, `svix-${name}`);
}

/**
 * Standard Webhooks: `webhook-signature` holds space-separated `v1,<base64>` entries, each an
 * HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>" keyed with the base64-decoded secret.
 */
export const verifyStandard: Verifier = (req, secret, opts) => {
  const id = pick(req, 'id');
  const ts = pick(req, 'timestamp');
  const sigs = pick(req, 'signature');
  if (id === undefined || ts === undefined || sigs === undefined) {
    return { provider: 'standard', valid: false, reason: 'needs webhook-id, webhook-timestamp and webhook-signature headers' };
  }
  const key = standardWebhooksKey(secret.trim());
  if (key.length === 0) return { provider: 'standard', valid: false, reason: 'the secret is empty once base64-decoded (expected whsec_<base64>)' };
  const expected = hmac('sha256', key, `${id}.${ts.trim()}.`, req.body).toString('base64');
  let match = false;
  let v1Count = 0;
  for (const entry of sigs.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    v1Count++;
    if (safeEqual(entry.slice(comma + 1), expected)) match = true;
  }
  if (v1Count === 0) return { provider: 'standard', valid: false, reason: 'webhook-signature has no v1 entry' };
  if (!match) return { provider: 'standard', valid: false, reason: `none of the ${v1Count} v1 signature(s) matches the body, id, timestamp and secret` };
  const stale = checkTimestamp(ts.trim(), opts);
  return stale ? { provider: 'standard', valid: false, reason: stale } : { provider: 'standard', valid: true };
};
