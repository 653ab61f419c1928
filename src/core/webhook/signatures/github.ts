import { hmac, header, safeEqual } from './common';
import type { Verifier } from './types';

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; the older `X-Hub-Signature: sha1=` as fallback. */
export const verifyGithub: Verifier = (req, secret) => {
  const sig256 = header(req, 'x-hub-signature-256');
  if (sig256 !== undefined) {
    if (!sig256.startsWith('sha256=')) return { provider: 'github', valid: false, reason: 'X-Hub-Signature-256 does not start with sha256=' };
    const expected = 'sha256=' + hmac('sha256', secret, req.body).toString('hex');
    return safeEqual(sig256.trim().toLowerCase(), expected)
      ? { provider: 'github', valid: true }
      : { provider: 'github', valid: false, reason: 'X-Hub-Signature-256 does not match the body and secret' };
  }
  const sig1 = header(req, 'x-hub-signature');
  if (sig1 !== undefined) {
    const expected = 'sha1=' + hmac('sha1', secret, req.body).toString('hex');
    return safeEqual(sig1.trim().toLowerCase(), expected)
      ? { provider: 'github', valid: true, reason: 'checked the legacy SHA-1 X-Hub-Signature only' }
      : { provider: 'github', valid: false, reason: 'X-Hub-Signature (SHA-1) does not match the body and secret' };
  }
  return { provider: 'github', valid: false, reason: 'no X-Hub-Signature-256 header' };
};
