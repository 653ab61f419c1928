import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { header } from './common';
import type { Verifier } from './types';

/** DER prefix of a SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKeyFromHex(hex: string): KeyObject {
  const raw = Buffer.from(hex.trim(), 'hex');
  if (raw.length !== 32 || !/^[0-9a-fA-F]{64}$/.test(hex.trim())) throw new Error('an Ed25519 public key is 64 hex characters (32 bytes)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Discord: `X-Signature-Ed25519` (hex) over timestamp + body, with `X-Signature-Timestamp`; the "secret" is the app's public key (hex). */
export const verifyDiscord: Verifier = (req, publicKeyHex) => {
  const sig = header(req, 'x-signature-ed25519');
  const ts = header(req, 'x-signature-timestamp');
  if (sig === undefined) return { provider: 'discord', valid: false, reason: 'no X-Signature-Ed25519 header' };
  if (ts === undefined) return { provider: 'discord', valid: false, reason: 'no X-Signature-Timestamp header' };
  let key: KeyObject;
  try {
    key = ed25519PublicKeyFromHex(publicKeyHex);
  } catch (e) {
    return { provider: 'discord', valid: null, reason: `the configured public key is unusable: ${(e as Error).message}` };
  }
  const sigBytes = Buffer.from(sig.trim(), 'hex');
  if (sigBytes.length !== 64) return { provider: 'discord', valid: false, reason: 'X-Signature-Ed25519 is not 128 hex characters' };
  const ok = verify(null, Buffer.concat([Buffer.from(ts, 'utf8'), req.body]), key, sigBytes);
  return ok ? { provider: 'discord', valid: true } : { provider: 'discord', valid: false, reason: 'X-Signature-Ed25519 does not match the timestamp, body and public key' };
};
