import type { OutgoingRequest } from '../../http/model';
import { resendHeaders } from '../replay';
import { rawHeader } from '../signatures/common';
import type { CaptureMeta } from '../types';

/** The URL the sender used: `baseUrl` (e.g. a local app) + path and query, else rebuilt from the Host header. */
export function captureUrl(meta: Pick<CaptureMeta, 'url' | 'rawHeaders'>, baseUrl?: string): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, '') + meta.url;
  const host = rawHeader(meta.rawHeaders, 'host') ?? 'localhost';
  return `http://${host}${meta.url}`;
}

/** A capture as a request to send again: same method, headers (minus hop-by-hop) in order, same body bytes. */
export function captureToOutgoing(meta: Pick<CaptureMeta, 'method' | 'url' | 'rawHeaders'>, body: Buffer, baseUrl?: string): OutgoingRequest {
  const flat = resendHeaders(meta.rawHeaders);
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < flat.length - 1; i += 2) headers.push([flat[i], flat[i + 1]]);
  return { method: meta.method, url: captureUrl(meta, baseUrl), headers, body: body.length ? { kind: 'buffer', data: body } : undefined };
}
