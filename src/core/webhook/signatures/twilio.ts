import { createHash } from 'node:crypto';
import { hmac, header, safeEqual } from './common';
import type { SignedRequest, Verifier, VerifyOptions } from './types';

/** The URL Twilio called: the configured public base (a tunnel) + path and query, else rebuilt from Host / X-Forwarded-*. */
export function twilioUrl(req: SignedRequest, opts: VerifyOptions): string {
  if (opts.publicBaseUrl) return opts.publicBaseUrl.replace(/\/+$/, '') + req.url;
  const proto = header(req, 'x-forwarded-proto')?.split(',')[0].trim() || 'http';
  const host = header(req, 'x-forwarded-host')?.split(',')[0].trim() || header(req, 'host') || 'localhost';
  return `${proto}://${host}${req.url}`;
}

/** The string Twilio signs: URL, then each form parameter sorted by name as name+value (repeated names: values sorted, duplicates once). */
export function twilioSigningString(url: string, params: Map<string, string[]>): string {
  let data = url;
  for (const name of [...params.keys()].sort()) {
    const values = [...new Set(params.get(name))].sort();
    for (const v of values) data += name + v;
  }
  return data;
}

export function twilioSignature(authToken: string, url: string, params: Map<string, string[]>): string {
  return hmac('sha1', authToken, twilioSigningString(url, params)).toString('base64');
}

function formParams(req: SignedRequest): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type.trim())) return params;
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) {
    const list = params.get(k);
    if (list) list.push(v); else params.set(k, [v]);
  }
  return params;
}

/** Twilio validates with the port both present and absent, since proxies add or drop it. */
function urlVariants(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
    const withoutPort = new URL(url); withoutPort.port = '';
    // URL drops a default port, so build the "with default port" form by hand.
    const withPort = u.port ? undefined : url.replace(`//${u.host}`, `//${u.hostname}:${defaultPort}`);
    for (const v of [withoutPort.toString(), withPort]) if (v && !out.includes(v)) out.push(v);
  } catch { /* not a URL: only the raw form */ }
  return out;
}

/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1 of URL + sorted form params>` keyed with the auth token.
 * For JSON bodies Twilio puts `bodySHA256=<hex sha256 of the body>` in the URL and signs the URL alone.
 */
export const verifyTwilio: Verifier = (req, authToken, opts) => {
  const sig = header(req, 'x-twilio-signature');
  if (sig === undefined) return { provider: 'twilio', valid: false, reason: 'no X-Twilio-Signature header' };
  const url = twilioUrl(req, opts);
  const query = req.url.includes('?') ? new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)) : undefined;
  const bodyHash = query?.get('bodySHA256');
  const params = bodyHash ? new Map<string, string[]>() : formParams(req);
  let match = false;
  for (const candidate of urlVariants(url)) if (safeEqual(sig.trim(), twilioSignature(authToken, candidate, params))) match = true;
  if (!match) return { provider: 'twilio', valid: false, reason: `X-Twilio-Signature does not match ${url} with the form parameters and auth token (set the public URL if Twilio calls a tunnel)` };
  if (bodyHash !== undefined && bodyHash !== null) {
    const actual = createHash('sha256').update(req.body).digest('hex');
    if (!safeEqual(bodyHash.toLowerCase(), actual)) return { provider: 'twilio', valid: false, reason: 'bodySHA256 in the URL does not match the body' };
  }
  return { provider: 'twilio', valid: true };
};
