import { createHash, createHmac } from 'node:crypto';

/** REST Client's `AWS <accessId> <accessKey> [token:<t>] [region:<r>] [service:<s>]`. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  service?: string;
}

export function parseAwsAuthorization(value: string): AwsCredentials | undefined {
  const m = /^\s*aws\s+(\S+)\s+(\S+)(.*)$/i.exec(value);
  if (!m) return undefined;
  const creds: AwsCredentials = { accessKeyId: m[1], secretAccessKey: m[2] };
  for (const word of m[3].trim().split(/\s+/)) {
    const kv = /^(token|region|service):(.+)$/i.exec(word);
    if (!kv) continue;
    const key = kv[1].toLowerCase();
    if (key === 'token') creds.sessionToken = kv[2];
    else if (key === 'region') creds.region = kv[2];
    else creds.service = kv[2];
  }
  return creds;
}

export interface SignInput {
  method: string;
  url: URL;
  /** headers in order; Host is taken from the URL when absent */
  headers: Array<[string, string]>;
  /** hex SHA-256 of the body */
  payloadHash: string;
  credentials: AwsCredentials;
  now: Date;
}

/** Headers never signed: they change on the way or are added by the sender after signing. */
const UNSIGNED = new Set(['authorization', 'connection', 'user-agent', 'expect', 'content-length', 'x-amzn-trace-id', 'range', 'transfer-encoding']);

/** Region and service from `service.region.amazonaws.com` style hosts (us-east-1 when the host has none). */
export function guessRegionAndService(host: string): { region: string; service: string } {
  const parts = host.toLowerCase().replace(/\.amazonaws\.com(\.cn)?$/, '').split('.');
  let service = parts[0] ?? 'execute-api';
  let region = 'us-east-1';
  const regionLike = parts.find((p) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(p));
  if (regionLike) region = regionLike;
  if (parts.length > 1 && /^(\w+)-(fips|dualstack)$/.test(service)) service = service.split('-')[0];
  if (parts.includes('s3') || /^s3[.-]/.test(host)) service = 's3';
  return { region, service };
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(url: URL, service: string): string {
  const raw = url.pathname || '/';
  if (service === 's3') return raw.split('/').map((seg) => rfc3986(decodeSafe(seg))).join('/');
  // other services: normalise the path, then encode each segment twice (AWS rule for non-S3)
  const segments: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop(); else segments.push(seg);
  }
  const path = `/${segments.map((seg) => rfc3986(rfc3986(decodeSafe(seg)))).join('/')}${raw.endsWith('/') && segments.length ? '/' : ''}`;
  return path;
}

function decodeSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

function canonicalQuery(url: URL): string {
  const pairs: Array<[string, string]> = [];
  for (const part of url.search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([rfc3986(decodeSafe(k.replace(/\+/g, ' '))), rfc3986(decodeSafe(v.replace(/\+/g, ' ')))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export interface Signed {
  /** headers to add (x-amz-date, x-amz-security-token, x-amz-content-sha256 for S3) */
  add: Array<[string, string]>;
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** AWS Signature Version 4 for the request as it will be sent. */
export function signAwsV4(input: SignInput): Signed {
  const { credentials, url, now } = input;
  const guessed = guessRegionAndService(url.hostname);
  const region = credentials.region ?? guessed.region;
  const service = credentials.service ?? guessed.service;
  const hasHeader = (name: string): boolean => input.headers.some(([n]) => n.toLowerCase() === name);
  const given = input.headers.find(([n]) => n.toLowerCase() === 'x-amz-date')?.[1].trim();
  const amzDate = given ?? now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const dateStamp = amzDate.slice(0, 8);
  const add: Array<[string, string]> = [];
  if (!hasHeader('x-amz-date')) add.push(['X-Amz-Date', amzDate]);
  if (credentials.sessionToken && !hasHeader('x-amz-security-token')) add.push(['X-Amz-Security-Token', credentials.sessionToken]);
  if (service === 's3' && !hasHeader('x-amz-content-sha256')) add.push(['X-Amz-Content-Sha256', input.payloadHash]);
  const all = [...input.headers, ...add];
  if (!hasHeader('host')) all.push(['host', url.host]);
  const byName = new Map<string, string[]>();
  for (const [name, value] of all) {
    const key = name.toLowerCase();
    if (UNSIGNED.has(key)) continue;
    const list = byName.get(key) ?? [];
    list.push(value.trim().replace(/\s+/g, ' '));
    byName.set(key, list);
  }
  const names = [...byName.keys()].sort();
  const canonicalHeaders = names.map((n) => `${n}:${byName.get(n)?.join(',')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method.toUpperCase(), canonicalPath(url, service), canonicalQuery(url), canonicalHeaders, signedHeaders, input.payloadHash,
  ].join('\n');
  const scope = `${dateStamp}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const kDate = hmac(`AWS4${credentials.secretAccessKey}`, dateStamp);
  const kSigning = hmac(hmac(hmac(kDate, region), service), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { add, authorization, canonicalRequest, stringToSign };
}
