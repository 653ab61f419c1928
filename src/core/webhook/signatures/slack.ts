import { checkTimestamp, hmac, header, safeEqual } from './common';
import type { Verifier } from './types';

/** Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">` with `X-Slack-Request-Timestamp`. */
export const verifySlack: Verifier = (req, secret, opts) => {
  const sig = header(req, 'x-slack-signature');
  const ts = header(req, 'x-slack-request-timestamp');
  if (sig === undefined) return { provider: 'slack', valid: false, reason: 'no X-Slack-Signature header' };
  if (ts === undefined) return { provider: 'slack', valid: false, reason: 'no X-Slack-Request-Timestamp header' };
  const expected = 'v0=' + hmac('sha256', secret, `v0:${ts.trim()}:`, req.body).toString('hex');
  if (!safeEqual(sig.trim(), expected)) return { provider: 'slack', valid: false, reason: 'X-Slack-Signature does not match the body, timestamp and secret' };
  const stale = checkTimestamp(ts.trim(), opts);
  return stale ? { provider: 'slack', valid: false, reason: stale } : { provider: 'slack', valid: true };
};
