import { rawHeader } from './common';
import { verifyDiscord } from './discord';
import { verifyGithub } from './github';
import { verifyShopify } from './shopify';
import { verifySlack } from './slack';
import { verifyStandard } from './standard';
import { verifyStripe } from './stripe';
import { verifyTwilio } from './twilio';
import type { ProviderId, SignatureResult, SignedRequest, Verifier, VerifyOptions } from './types';

export * from './types';

const verifiers: Record<ProviderId, Verifier> = {
  github: verifyGithub,
  stripe: verifyStripe,
  slack: verifySlack,
  standard: verifyStandard,
  shopify: verifyShopify,
  twilio: verifyTwilio,
  discord: verifyDiscord,
};

/** Header (lower-case) whose presence marks a provider; the first hit wins. */
const markers: Array<[string, ProviderId]> = [
  ['x-hub-signature-256', 'github'],
  ['x-hub-signature', 'github'],
  ['x-github-event', 'github'],
  ['stripe-signature', 'stripe'],
  ['x-slack-signature', 'slack'],
  ['x-shopify-hmac-sha256', 'shopify'],
  ['x-twilio-signature', 'twilio'],
  ['x-signature-ed25519', 'discord'],
  ['webhook-signature', 'standard'],
  ['svix-signature', 'standard'],
];
const markerMap = new Map(markers);
const markerLengths = new Set(markers.map(([h]) => h.length));

/** Which provider sent a request, judged from its headers; undefined when none matches. */
export function guessProvider(rawHeaders: readonly string[]): ProviderId | undefined {
  let best: ProviderId | undefined;
  let bestRank = Infinity;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!markerLengths.has(rawHeaders[i].length)) continue;
    const p = markerMap.get(rawHeaders[i].toLowerCase());
    if (p === undefined) continue;
    const rank = markers.findIndex(([, id]) => id === p);
    if (rank < bestRank) { best = p; bestRank = rank; }
  }
  return best;
}

/** Checks a request's signature for a provider; with no secret the result is `valid: null`. */
export function verifySignature(provider: ProviderId, req: SignedRequest, secret: string | undefined, opts: VerifyOptions = {}): SignatureResult {
  if (secret === undefined || secret === '') {
    return { provider, valid: null, reason: provider === 'discord' ? 'no public key configured' : 'no secret configured' };
  }
  try {
    return verifiers[provider](req, secret, opts);
  } catch (e) {
    return { provider, valid: false, reason: `could not check: ${(e as Error).message}` };
  }
}

export { rawHeader };
