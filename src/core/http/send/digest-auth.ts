import { createHash, randomBytes } from 'node:crypto';

/** `Digest user pass` as written in a .http file (REST Client); undefined for a ready-made Digest header. */
export function parseDigestShorthand(value: string): { user: string; password: string } | undefined {
  const m = /^\s*digest\s+(\S+)\s+(.+?)\s*$/i.exec(value);
  if (!m || /\busername\s*=/.test(m[0])) return undefined;
  return { user: m[1], password: m[2] };
}

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  algorithm: string;
  opaque?: string;
}

/** Reads the Digest challenge out of a WWW-Authenticate value (which may list several schemes). */
export function parseDigestChallenge(header: string): DigestChallenge | undefined {
  const start = header.search(/digest\s/i);
  if (start < 0) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi;
  re.lastIndex = start + 7;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) {
    const key = m[1].toLowerCase();
    if (key in params) break; // next challenge begins
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  if (params.realm === undefined || !params.nonce) return undefined;
  return { realm: params.realm, nonce: params.nonce, qop: params.qop, algorithm: params.algorithm ?? 'MD5', opaque: params.opaque };
}

export interface DigestInput {
  user: string;
  password: string;
  method: string;
  /** request-target: path and query */
  uri: string;
  challenge: DigestChallenge;
  nc?: number;
  cnonce?: string;
}

/** The Authorization value answering a challenge (RFC 7616: MD5, MD5-sess, SHA-256, SHA-256-sess; qop auth). */
export function digestAuthorization(input: DigestInput): string {
  const { user, password, method, uri, challenge } = input;
  const algorithm = challenge.algorithm.toUpperCase();
  const hashName = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const h = (s: string): string => createHash(hashName).update(s, 'utf8').digest('hex');
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = h(`${user}:${challenge.realm}:${password}`);
  if (algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = h(`${method}:${uri}`);
  const qops = (challenge.qop ?? '').split(',').map((q) => q.trim());
  const qop = qops.includes('auth') ? 'auth' : undefined;
  const response = qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username="${user}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`, `uri="${uri}"`,
    `algorithm=${challenge.algorithm}`, `response="${response}"`,
  ];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}
