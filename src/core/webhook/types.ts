import type { CaptureRow, ReceivedRequest, ReplySent, SendOutcome } from '../../shared/protocol/captures';
import type { SignatureResult } from './signatures/types';

export type { ReplySent };

/**
 * What the listener answered, as captures keep it. `builtin` marks the listener's own JSON reply
 * (`builtinReplySent`): the store records only its status and source, and rebuilds the rest.
 */
export interface ReplyKept extends ReplySent {
  builtin?: true;
}

/** The outcome of forwarding or replaying a capture to an app. */
export type ForwardResult = SendOutcome;

/**
 * One captured request's metadata: everything but the body bytes, which the store keeps raw, once.
 * JSON-serialisable; this is what the store's index records and the editor's tree hold.
 */
export interface CaptureMeta extends ReceivedRequest {
  /** set when the body was over the limit: bytes that arrived (or were announced) in total */
  rejected?: { reason: 'body-too-large'; receivedBytes: number; limit: number };
  /** the named endpoint the path matched, if any */
  endpoint?: string;
  reply: ReplyKept;
  signature?: SignatureResult;
  forward?: ForwardResult;
}

/** A capture with its body, as handed from the listener to the store and to subscribers. */
export interface CapturedRequest {
  meta: CaptureMeta;
  body: Buffer;
}

/** The small summary a list row or a live update needs: the panel's row, with the signature as checked. */
export type CaptureSummary = CaptureRow & { signature?: SignatureResult };

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
