import { hmac, header, safeEqual } from './common';
import type { Verifier } from './types';

/** Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`. */
export const verifyShopify: Verifier = (req, secret) => {
  const sig = header(req, 'x-shopify-hmac-sha256');
  if (sig === undefined) return { provider: 'shopify', valid: false, reason: 'no X-Shopify-Hmac-Sha256 header' };
  const expected = hmac('sha256', secret, req.body).toString('base64');
  return safeEqual(sig.trim(), expected)
    ? { provider: 'shopify', valid: true }
    : { provider: 'shopify', valid: false, reason: 'X-Shopify-Hmac-Sha256 does not match the body and secret' };
};
