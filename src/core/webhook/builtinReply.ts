import type { ReplyKept } from './types';

/**
 * The listener's own reply when no responder, rule or endpoint supplies a body: JSON naming the
 * capture. Its headers and body follow from the capture's id, so the store records only its status
 * and source, and rebuilds the rest from here when it reads the capture back.
 */
export const BUILTIN_CONTENT_TYPE = 'application/json';

export function builtinReplyBody(id: string): string {
  return `{"ok":true,"id":${JSON.stringify(id)}}`;
}

/** The built-in reply's header lines, flat for `writeHead` and as pairs for the capture; shared per body size, never changed. */
export interface BuiltinHeaders {
  readonly flat: readonly string[];
  readonly pairs: Array<[string, string]>;
}

const headersBySize: BuiltinHeaders[] = [];

export function builtinReplyHeaders(bodySize: number): BuiltinHeaders {
  let h = headersBySize[bodySize];
  if (!h) {
    const length = String(bodySize);
    const pairs = Object.freeze([Object.freeze(['content-type', BUILTIN_CONTENT_TYPE]), Object.freeze(['content-length', length])]);
    h = { flat: Object.freeze(['content-type', BUILTIN_CONTENT_TYPE, 'content-length', length]), pairs: pairs as unknown as Array<[string, string]> };
    if (bodySize < 256) headersBySize[bodySize] = h;
  }
  return h;
}

/** The reply as the listener sent it, for a capture whose record holds only its status and source. */
export function builtinReplySent(id: string, status: number, source: string): ReplyKept {
  const body = builtinReplyBody(id);
  const bodySize = Buffer.byteLength(body);
  return { status, headers: builtinReplyHeaders(bodySize).pairs, body, bodySize, source, builtin: true };
}
