import type { SignatureResult } from './signatures/types';

/** What the listener answered. Small reply bodies are kept as text (or base64 when not UTF-8). */
export interface ReplySent {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  bodyEncoding?: 'base64';
  bodySize: number;
  /** who answered: a responder's label, 'rule:…', 'endpoint:…', 'default', 'limit' */
  source: string;
}

/** The outcome of forwarding or replaying a capture to an app. */
export interface ForwardResult {
  url: string;
  at: number;
  ok: boolean;
  status?: number;
  headers?: Array<[string, string]>;
  /** response body as text (UTF-8) or base64, cut at 64 KB */
  body?: string;
  bodyEncoding?: 'base64';
  bodySize?: number;
  timeMs: number;
  error?: string;
}

/**
 * One captured request's metadata: everything but the body bytes, which the store keeps raw, once.
 * JSON-serialisable; this is what the store's index records and the editor's tree hold.
 */
export interface CaptureMeta {
  id: string;
  method: string;
  /** path and query exactly as received */
  url: string;
  /** header pairs as received: [name, value, name, value, …] */
  rawHeaders: string[];
  httpVersion: string;
  remoteAddress: string;
  remotePort?: number;
  /** ms since epoch */
  receivedAt: number;
  durationMs: number;
  /** bytes of body kept (the exact bytes received) */
  bodySize: number;
  /** set when the body was over the limit: bytes that arrived (or were announced) in total */
  rejected?: { reason: 'body-too-large'; receivedBytes: number; limit: number };
  /** the named endpoint the path matched, if any */
  endpoint?: string;
  reply: ReplySent;
  signature?: SignatureResult;
  forward?: ForwardResult;
}

/** A capture with its body, as handed from the listener to the store and to subscribers. */
export interface CapturedRequest {
  meta: CaptureMeta;
  body: Buffer;
}

/** The small summary a list row or a live update needs. */
export interface CaptureSummary {
  id: string;
  method: string;
  url: string;
  receivedAt: number;
  status: number;
  bodySize: number;
  rejected: boolean;
  signature?: SignatureResult;
  endpoint?: string;
}

export function summarize(meta: CaptureMeta): CaptureSummary {
  return {
    id: meta.id,
    method: meta.method,
    url: meta.url,
    receivedAt: meta.receivedAt,
    status: meta.reply.status,
    bodySize: meta.bodySize,
    rejected: meta.rejected !== undefined,
    signature: meta.signature,
    endpoint: meta.endpoint,
  };
}

/** Where the listener puts captures: the on-disk store, or anything else with this shape. */
export interface CaptureSink {
  /** the id for the next capture */
  nextId(): string;
  append(capture: CapturedRequest): void;
  attachForward(id: string, result: ForwardResult): void;
}
