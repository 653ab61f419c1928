import { IncomingMessage, type ServerResponse } from 'node:http';
import type { EndpointConfig } from './rules';
import type { IncomingRequestView } from './responder';
import type { CaptureMeta } from './types';

/** What an exchange reports to: the listener. */
export interface ExchangeOwner {
  /** the request's body is complete (or was refused): answer and capture it */
  finish(ex: Exchange, body: Buffer, rejected: CaptureMeta['rejected']): void;
  /** the request was cut off before its body was complete */
  aborted(ex: Exchange): void;
  /** one request fewer in progress */
  end(): void;
}

/** the body of a request without one, or refused */
export const EMPTY_BODY = Buffer.alloc(0);

/**
 * The server's request class: it carries its Exchange in a field every request has from construction,
 * so reading it stays a monomorphic property load (a symbol added afterwards made it megamorphic).
 */
export class ExchangeRequest extends IncomingMessage {
  exchange: Exchange | undefined = undefined;
}

// One set of handlers for every request (they find their Exchange on the request): no closures per request.
function onData(this: ExchangeRequest, chunk: Buffer): void { (this.exchange as Exchange).data(chunk); }
function onEnd(this: ExchangeRequest): void { (this.exchange as Exchange).ended(); }
function onClose(this: ExchangeRequest): void { (this.exchange as Exchange).closed(); }

/** One request in progress: its body as it arrives, then what the listener decided for it. */
export class Exchange {
  readonly started = performance.now();
  /** the body's first chunk (most bodies arrive in one), then the others, if any */
  first: Buffer | undefined = undefined;
  more: Buffer[] | undefined = undefined;
  size = 0;
  over = false;
  /** the body went to the listener (complete or refused) */
  handed = false;
  private settled = false;
  id = '';
  body: Buffer = EMPTY_BODY;
  rejected: CaptureMeta['rejected'] = undefined;
  view: IncomingRequestView = undefined as unknown as IncomingRequestView;
  endpoint: EndpointConfig | undefined = undefined;

  constructor(
    private readonly owner: ExchangeOwner,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly receivedAt: number,
    readonly max: number,
  ) {}

  /** Hands the request's body events to this exchange (the request must be an ExchangeRequest). */
  follow(): void {
    const req = this.req as ExchangeRequest;
    req.exchange = this;
    req.on('data', onData);
    req.on('end', onEnd);
    // no 'error' listener: without one, node:http does not emit the 'aborted' error of a cut request
    req.on('close', onClose);
  }

  data(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.over) {
      if (this.size > this.max * 2 + (64 << 20)) this.req.socket.destroy();
      return;
    }
    if (this.size > this.max) { this.over = true; this.first = this.more = undefined; return; }
    if (this.first === undefined) this.first = chunk;
    else if (this.more === undefined) this.more = [this.first, chunk];
    else this.more.push(chunk);
  }

  ended(): void {
    this.handed = true;
    const { first, more, size, over } = this;
    this.first = this.more = undefined;
    if (over) this.owner.finish(this, EMPTY_BODY, { reason: 'body-too-large', receivedBytes: size, limit: this.max });
    else this.owner.finish(this, more ? Buffer.concat(more, size) : (first ?? EMPTY_BODY), undefined);
  }

  closed(): void {
    if (!this.handed) this.owner.aborted(this);
  }

  /** the capture is stored and announced (or the request was cut off): once */
  done(): void {
    if (this.settled) return;
    this.settled = true;
    this.owner.end();
  }
}
