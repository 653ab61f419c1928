import { isUtf8 } from 'node:buffer';
import type { CaptureMeta } from './types';

/** One capture as a JSON object for scripts (`apihook listen --json`, `apihook captures list --json`). */
export interface CaptureJson {
  event: 'capture';
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  /** the raw query string without `?`, '' when none */
  query: string;
  rawHeaders: string[];
  /** the exact body bytes, base64 */
  bodyBase64: string;
  /** the body as text, only when it is valid UTF-8 */
  bodyText?: string;
  size: number;
  status: number;
  remoteAddress: string;
  signature: { provider: string; valid: boolean | null; reason?: string } | null;
  rejected?: CaptureMeta['rejected'];
  endpoint?: string;
  forward?: CaptureMeta['forward'];
}

export function captureToJson(meta: CaptureMeta, body: Buffer): CaptureJson {
  const q = meta.url.indexOf('?');
  const out: CaptureJson = {
    event: 'capture',
    id: meta.id,
    receivedAt: new Date(meta.receivedAt).toISOString(),
    method: meta.method,
    path: q < 0 ? meta.url : meta.url.slice(0, q),
    query: q < 0 ? '' : meta.url.slice(q + 1),
    rawHeaders: meta.rawHeaders,
    bodyBase64: body.toString('base64'),
    size: meta.rejected ? meta.rejected.receivedBytes : meta.bodySize,
    status: meta.reply.status,
    remoteAddress: meta.remoteAddress,
    signature: meta.signature ?? null,
  };
  if (isUtf8(body)) out.bodyText = body.toString('utf8');
  if (meta.rejected) out.rejected = meta.rejected;
  if (meta.endpoint) out.endpoint = meta.endpoint;
  if (meta.forward) out.forward = meta.forward;
  return out;
}

const q = JSON.stringify;

/**
 * The same object as `captureToJson`, serialised by hand: the listener prints one per capture, and
 * assembling the known shape directly costs a fraction of stringifying the object (base64 needs no escaping).
 */
export function captureJsonLine(meta: CaptureMeta, body: Buffer): string {
  const qm = meta.url.indexOf('?');
  const path = qm < 0 ? meta.url : meta.url.slice(0, qm);
  const query = qm < 0 ? '' : meta.url.slice(qm + 1);
  let line = `{"event":"capture","id":${q(meta.id)},"receivedAt":"${new Date(meta.receivedAt).toISOString()}","method":${q(meta.method)},"path":${q(path)},"query":${q(query)},"rawHeaders":${q(meta.rawHeaders)},"bodyBase64":"${body.toString('base64')}","size":${meta.rejected ? meta.rejected.receivedBytes : meta.bodySize},"status":${meta.reply.status},"remoteAddress":${q(meta.remoteAddress)},"signature":${meta.signature ? q(meta.signature) : 'null'}`;
  if (isUtf8(body)) line += `,"bodyText":${q(body.toString('utf8'))}`;
  if (meta.rejected) line += `,"rejected":${q(meta.rejected)}`;
  if (meta.endpoint) line += `,"endpoint":${q(meta.endpoint)}`;
  if (meta.forward) line += `,"forward":${q(meta.forward)}`;
  return line + '}';
}

let sizeBytes = -1;
let sizeText = '';

/** A body size for people; a flood of same-sized captures shares one formatted text. */
function size(n: number): string {
  if (n !== sizeBytes) {
    sizeBytes = n;
    sizeText = n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
  }
  return sizeText;
}

let clockSecond = -1;
let clockText = '';

/** HH:MM:SS (UTC) of a time in ms; a flood of captures shares one formatted second. */
function timeOfDay(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== clockSecond) { clockSecond = second; clockText = new Date(ms).toISOString().slice(11, 19); }
  return clockText;
}

/** One readable line: time, method, path, status, size, signature state, id. */
export function captureLine(meta: CaptureMeta): string {
  const t = timeOfDay(meta.receivedAt);
  const sig = meta.signature ? ` ${meta.signature.provider}:${meta.signature.valid === null ? 'no-secret' : meta.signature.valid ? 'valid' : `INVALID (${meta.signature.reason ?? ''})`}` : '';
  const rej = meta.rejected ? ` rejected: body over ${meta.rejected.limit} bytes` : '';
  const fwd = meta.forward ? ` -> ${meta.forward.ok ? meta.forward.status : `failed: ${meta.forward.error}`}` : '';
  return `${t} #${meta.id} ${meta.method} ${meta.url} ${meta.reply.status} ${size(meta.bodySize)}${sig}${rej}${fwd}`;
}
