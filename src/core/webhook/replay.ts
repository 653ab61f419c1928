import { isUtf8 } from 'node:buffer';
import { Agent, type Dispatcher } from '../http/undici';

let agent: Agent | undefined;
/** One keep-alive pool for every replay and forward of this process. */
function replayAgent(): Agent {
  return (agent ??= new Agent());
}
import type { CaptureMeta, ForwardResult } from './types';

/** Headers that belong to one connection, not to the request; dropped when resending (content-length is recomputed). */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'expect']);

const KEEP_BODY_BYTES = 64 * 1024;

/** The header pairs to resend: as captured, in order, minus hop-by-hop ones and any named in `Connection`. */
export function resendHeaders(rawHeaders: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length - 1; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') for (const n of rawHeaders[i + 1].split(',')) named.add(n.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length - 1; i += 2) {
    const lower = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower)) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

/**
 * Where a capture goes: a target without any path (`http://localhost:3000`, no slash) keeps the capture's own path
 * and query; a target with a path, even `/`, is used as it is.
 */
export function targetUrl(target: string, capturedUrl: string): string {
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`);
  } catch {
    throw new Error(`'${target}' is not a URL (expected e.g. http://localhost:3000/webhooks)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`'${target}' must be an http:// or https:// URL`);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(withScheme)) return `${u.origin}${capturedUrl.startsWith('/') ? capturedUrl : '/' + capturedUrl}`;
  return u.toString();
}

function headerPairs(h: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(h)) {
    if (Array.isArray(v)) for (const x of v) out.push([k, x]);
    else if (v !== undefined) out.push([k, v]);
  }
  return out;
}

export interface SendOptions {
  /** ms to wait for the app's headers and then its body; default 30 s */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Resends a captured request (exact method, headers, body bytes) and returns the app's answer.
 * Never throws for network failures: they come back as `ok: false` with a message saying what failed.
 */
export async function sendCapture(meta: Pick<CaptureMeta, 'method' | 'url' | 'rawHeaders'>, body: Buffer, target: string, opts: SendOptions = {}): Promise<ForwardResult> {
  const at = Date.now();
  const started = performance.now();
  let url: string;
  try {
    url = targetUrl(target, meta.url);
  } catch (e) {
    return { url: target, at, ok: false, timeMs: 0, error: (e as Error).message };
  }
  const timeout = opts.timeoutMs ?? 30_000;
  try {
    const u = new URL(url);
    const res = await replayAgent().request({
      origin: u.origin,
      path: `${u.pathname}${u.search}`,
      method: meta.method as Dispatcher.HttpMethod,
      headers: resendHeaders(meta.rawHeaders),
      body: body.length || !['GET', 'HEAD'].includes(meta.method) ? body : undefined,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: opts.signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let kept = 0;
    for await (const chunk of res.body) {
      const b = chunk as Buffer;
      size += b.length;
      if (kept < KEEP_BODY_BYTES) { const part = b.subarray(0, KEEP_BODY_BYTES - kept); chunks.push(part); kept += part.length; }
    }
    const data = Buffer.concat(chunks);
    const text = isUtf8(data);
    return {
      url, at, ok: true, status: res.statusCode, headers: headerPairs(res.headers),
      body: data.toString(text ? 'utf8' : 'base64'), bodyEncoding: text ? undefined : 'base64', bodySize: size,
      timeMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    return { url, at, ok: false, timeMs: Math.round(performance.now() - started), error: describeSendError(e, url) };
  }
}

function describeSendError(e: unknown, url: string): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  const host = (() => { try { return new URL(url).host; } catch { return url; } })();
  if (code === 'ECONNREFUSED') return `nothing is listening at ${host} (connection refused): is the app running?`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `${host} did not answer in time (${code})`;
  if (code === 'ENOTFOUND') return `the host of ${url} is unknown`;
  return `sending to ${url} failed: ${err.message ?? String(e)}${code ? ` (${code})` : ''}`;
}
