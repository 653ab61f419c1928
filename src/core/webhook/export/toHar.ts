import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import { rawHeader } from '../signatures/common';
import type { CaptureMeta } from '../types';
import { captureUrl } from './outgoing';

interface HarNameValue { name: string; value: string }

function pairs(raw: readonly string[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (let i = 0; i < raw.length - 1; i += 2) out.push({ name: raw[i], value: raw[i + 1] });
  return out;
}

function queryOf(url: string): HarNameValue[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return [...new URLSearchParams(url.slice(q + 1))].map(([name, value]) => ({ name, value }));
}

function textOrBase64(data: Buffer): { text: string; encoding?: 'base64' } {
  return isUtf8(data) ? { text: data.toString('utf8') } : { text: data.toString('base64'), encoding: 'base64' };
}

/**
 * Captures as a HAR 1.2 log (one entry each, in the given order). Request bodies that are not UTF-8
 * are base64 in `postData.text` with `_encoding: "base64"` (HAR has no standard field for it there).
 */
export function toHar(captures: Array<{ meta: CaptureMeta; body: Buffer }>, creator = { name: 'ApiHook', version: '0' }): object {
  const entries = captures.map(({ meta, body }) => {
    const mimeType = rawHeader(meta.rawHeaders, 'content-type') ?? 'application/octet-stream';
    const post = body.length ? textOrBase64(body) : undefined;
    const replyHeaders = meta.reply.headers.map(([name, value]) => ({ name, value }));
    const replyType = meta.reply.headers.find(([h]) => h.toLowerCase() === 'content-type')?.[1] ?? '';
    return {
      startedDateTime: new Date(meta.receivedAt).toISOString(),
      time: meta.durationMs,
      request: {
        method: meta.method,
        url: captureUrl(meta),
        httpVersion: `HTTP/${meta.httpVersion}`,
        cookies: [],
        headers: pairs(meta.rawHeaders),
        queryString: queryOf(meta.url),
        ...(post ? { postData: { mimeType, text: post.text, ...(post.encoding ? { _encoding: post.encoding } : {}) } } : {}),
        headersSize: -1,
        bodySize: meta.rejected ? meta.rejected.receivedBytes : body.length,
      },
      response: {
        status: meta.reply.status,
        statusText: STATUS_CODES[meta.reply.status] ?? '',
        httpVersion: `HTTP/${meta.httpVersion}`,
        cookies: [],
        headers: replyHeaders,
        content: { size: meta.reply.bodySize, mimeType: replyType, text: meta.reply.body, ...(meta.reply.bodyEncoding ? { encoding: meta.reply.bodyEncoding } : {}) },
        redirectURL: '',
        headersSize: -1,
        bodySize: meta.reply.bodySize,
      },
      cache: {},
      timings: { send: 0, wait: meta.durationMs, receive: 0 },
      _captureId: meta.id,
      ...(meta.signature ? { _signature: meta.signature } : {}),
    };
  });
  return { log: { version: '1.2', creator, entries } };
}
