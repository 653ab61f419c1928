import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Disposable } from '../common/disposable';
import { Emitter } from '../common/event';
import { nullLogger, type Logger } from '../common/logger';
import { EMPTY_BODY, Exchange, ExchangeRequest, type ExchangeOwner } from './exchange';
import { findFreePort, listenOrExplain } from './ports';
import type { IncomingRequestView, Reply, Responder } from './responder';
import { CompiledRules, pathOf, type EndpointConfig, type WebhookRulesConfig } from './rules';
import { builtinReplyHeaders } from './builtinReply';
import { sendCapture } from './replay';
import { guessProvider, verifySignature } from './signatures';
import type { ProviderId, SecretSource, SignatureResult, VerifyOptions } from './signatures/types';
import type { CaptureMeta, CaptureSink, CapturedRequest, ForwardResult, ReplyKept, ReplySent } from './types';

export interface ListenerOptions {
  /** default 127.0.0.1; anything else only when asked for (see `exposedBeyondLoopback`) */
  host?: string;
  /** default 0 (a free port) */
  port?: number;
  /** bodies over this are answered 413 and recorded as rejected; default 10 MB */
  maxBodyBytes?: number;
  /** time allowed for a client to send its headers; default 10 s */
  headersTimeoutMs?: number;
  /** time allowed for a whole request; default 60 s */
  requestTimeoutMs?: number;
  /** how often slow connections are checked against those timeouts; default 1 s */
  timeoutCheckIntervalMs?: number;
  /** asked in order before the rules; the first reply wins (e.g. the Discord emulator) */
  responders?: Responder[];
  rules?: WebhookRulesConfig;
  secrets?: SecretSource;
  /** where captures go (the on-disk store); without one they are only announced */
  sink?: CaptureSink;
  verify?: VerifyOptions;
  /** auto-forward every capture to this URL */
  forwardTo?: string;
  clock?: () => number;
  logger?: Logger;
}

/** A capture as announced: its full metadata and body bytes (`summarize(meta)` gives a list row). */
export type CaptureEvent = CapturedRequest;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const REPLY_BODY_KEEP = 8 * 1024;

/**
 * The webhook listener: a node:http server that captures every request (exact bytes, raw headers)
 * and answers it from its responders, its rules, or a default 200 JSON reply.
 */
export class WebhookListener extends Disposable implements ExchangeOwner {
  private server: Server | undefined;
  private address: AddressInfo | undefined;
  private rules: CompiledRules;
  private responders: Responder[];
  private forwardTo: string | undefined;
  private counter = 1;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();
  private readonly opts: Required<Pick<ListenerOptions, 'host' | 'port' | 'maxBodyBytes' | 'headersTimeoutMs' | 'requestTimeoutMs' | 'timeoutCheckIntervalMs'>> & ListenerOptions;
  private readonly log: Logger;
  /** requests that never became captures: malformed, timed out, aborted */
  readonly stats = { malformed: 0, timedOut: 0, aborted: 0 };

  private readonly _onDidCapture = this._register(new Emitter<CaptureEvent>());
  readonly onDidCapture = this._onDidCapture.event;
  private readonly _onDidForward = this._register(new Emitter<{ id: string; result: ForwardResult }>());
  readonly onDidForward = this._onDidForward.event;
  private readonly _onDidChangeState = this._register(new Emitter<{ running: boolean; url?: string }>());
  readonly onDidChangeState = this._onDidChangeState.event;

  constructor(options: ListenerOptions = {}) {
    super();
    this.opts = { host: '127.0.0.1', port: 0, maxBodyBytes: 10 * 1024 * 1024, headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, timeoutCheckIntervalMs: 1000, ...options };
    this.log = options.logger ?? nullLogger;
    this.rules = new CompiledRules(options.rules);
    this.responders = [...(options.responders ?? [])];
    this.forwardTo = options.forwardTo;
  }

  get isRunning(): boolean { return this.server !== undefined; }
  get port(): number | undefined { return this.address?.port; }
  get host(): string { return this.opts.host; }
  /** true when bound to an address other machines may reach: the editor warns about it */
  get exposedBeyondLoopback(): boolean { return !LOOPBACK.has(this.opts.host); }
  get url(): string | undefined {
    if (!this.address) return undefined;
    const h = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    return `http://${h}:${this.address.port}`;
  }

  setRules(config: WebhookRulesConfig | undefined): void { this.rules = new CompiledRules(config); }
  setResponders(responders: Responder[]): void { this.responders = [...responders]; }
  setForwardTo(url: string | undefined): void { this.forwardTo = url; }

  /** Starts listening; a port in use throws a UserFacingError 'port-in-use' that names a free port. */
  async start(): Promise<string> {
    if (this.server) return this.url as string;
    const server = createServer({
      IncomingMessage: ExchangeRequest,
      requestTimeout: this.opts.requestTimeoutMs,
      headersTimeout: this.opts.headersTimeoutMs,
      connectionsCheckingInterval: this.opts.timeoutCheckIntervalMs,
      keepAliveTimeout: 5000,
    }, (req, res) => this.onRequest(req, res));
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => this.onClientError(err, socket));
    server.on('connection', (s: Socket) => {
      // Replies go out as head + body; with Nagle's algorithm the body waits for the client's ACK of
      // the head (measured: half the throughput of a bodiless reply). Send both at once.
      s.setNoDelay(true);
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await listenOrExplain(server, this.opts.host, this.opts.port, () => findFreePort(this.opts.host));
    this.server = server;
    this.address = server.address() as AddressInfo;
    this.log.info(`webhook listener on ${this.url}`);
    this._onDidChangeState.fire({ running: true, url: this.url });
    return this.url as string;
  }

  /** Stops accepting, drops open connections and waits until captures in progress are handed to the sink. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.address = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    setTimeout(() => { for (const s of this.sockets) s.destroy(); }, 500).unref();
    await this.idle();
    await closed;
    this._onDidChangeState.fire({ running: false });
  }

  /** Resolves once no capture is being processed. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  override dispose(): void {
    void this.stop();
    super.dispose();
  }

  // ------------------------------------------------------------------ request path

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const ex = new Exchange(this, req, res, this.opts.clock ? this.opts.clock() : Date.now(), this.opts.maxBodyBytes);
    this.begin();
    const declared = Number(req.headers['content-length']);
    if (declared > ex.max) {
      // Known too large before reading: answer now and close, without taking the bytes.
      ex.handed = true;
      this.finish(ex, EMPTY_BODY, { reason: 'body-too-large', receivedBytes: declared, limit: ex.max });
      req.resume();
      return;
    }
    ex.follow();
  }

  /** @internal the request's body is complete (or was refused): answer and capture it */
  finish(ex: Exchange, body: Buffer, rejected: CaptureMeta['rejected']): void {
    const req = ex.req;
    ex.body = body;
    ex.rejected = rejected;
    ex.id = this.opts.sink ? this.opts.sink.nextId() : String(this.counter++);
    const view: IncomingRequestView = { method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body, receivedAt: ex.receivedAt };
    ex.view = view;
    ex.endpoint = this.rules.endpointFor(pathOf(view.url));
    const reply: Reply | Promise<Reply> = rejected
      ? { status: 413, headers: { 'content-type': 'application/json', connection: 'close' }, body: `{"ok":false,"error":"body over the ${rejected.limit} byte limit","id":${JSON.stringify(ex.id)}}`, source: 'limit' }
      : this.decide(view, ex.id, ex.endpoint);
    if (reply instanceof Promise) void reply.then((r) => this.respond(ex, r)); else this.respond(ex, reply);
  }

  private respond(ex: Exchange, reply: Reply): void {
    if (reply.delayMs && reply.delayMs > 0) setTimeout(() => this.answer(ex, reply), reply.delayMs);
    else this.answer(ex, reply);
  }

  /**
   * Sends the reply and records the capture at once: durationMs runs from the request's first byte to
   * the reply handed to the socket (waiting for the response's 'close' cost a listener and a loop turn).
   */
  private answer(ex: Exchange, reply: Reply): void {
    const sent = this.send(ex.res, reply, ex.rejected !== undefined);
    const { req, view, body, endpoint } = ex;
    const socket = req.socket;
    const meta: CaptureMeta = {
      id: ex.id, method: view.method, url: view.url, rawHeaders: view.rawHeaders, httpVersion: req.httpVersion,
      remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort, receivedAt: ex.receivedAt,
      durationMs: Math.round((performance.now() - ex.started) * 10) / 10, bodySize: body.length, reply: sent,
    };
    if (ex.rejected) meta.rejected = ex.rejected;
    if (endpoint) meta.endpoint = endpoint.name;
    this.record(meta, body, endpoint, ex);
  }

  /** @internal a request cut off before its body was complete */
  aborted(ex: Exchange): void {
    this.stats.aborted++;
    ex.done();
  }

  /**
   * Synchronous while every responder answers synchronously (most pass on most paths at once), so the
   * common path makes no promises; the first responder that returns a promise switches to async.
   */
  private decide(view: IncomingRequestView, id: string, endpoint: EndpointConfig | undefined, from = 0): Reply | Promise<Reply> {
    for (let i = from; i < this.responders.length; i++) {
      let r: ReturnType<Responder>;
      try {
        r = this.responders[i](view);
      } catch (e) {
        return this.responderFailed(e);
      }
      if (r instanceof Promise) {
        return r.then(
          (reply) => (reply ? { ...reply, source: reply.source ?? 'responder', builtin: false } : this.decide(view, id, endpoint, i + 1)),
          (e) => this.responderFailed(e),
        );
      }
      // only the rules' own reply is recorded in short (a responder's headers and body are its own)
      if (r) return { ...r, source: r.source ?? 'responder', builtin: false };
    }
    return this.rules.replyFor(view, id, endpoint);
  }

  private responderFailed(e: unknown): Reply {
    this.log.error(e instanceof Error ? e : String(e));
    return { status: 500, headers: { 'content-type': 'text/plain' }, body: `responder failed: ${(e as Error).message}`, source: 'responder-error' };
  }

  private send(res: ServerResponse, reply: Reply, close: boolean): ReplyKept {
    if (reply.builtin && !close && typeof reply.body === 'string') {
      // the built-in reply: its header lines are shared per body size, and the store records it in short
      const size = Buffer.byteLength(reply.body);
      const h = builtinReplyHeaders(size);
      this.write(res, reply.status, h.flat as string[], reply.body);
      return { status: reply.status, headers: h.pairs, body: reply.body, bodySize: size, source: reply.source ?? 'default', builtin: true };
    }
    // A string body goes out in one write with the head; a Buffer would take a writev.
    const body = reply.body ?? '';
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const headers: Array<[string, string]> = [];
    const flat: string[] = [];
    let hasConnection = false;
    if (reply.headers) {
      for (const name in reply.headers) {
        const value = reply.headers[name];
        headers.push([name, value]); flat.push(name, value);
        if (name.length === 10 && name.toLowerCase() === 'connection') hasConnection = true;
      }
    }
    if (close && !hasConnection) { headers.push(['connection', 'close']); flat.push('connection', 'close'); }
    const length = String(size);
    headers.push(['content-length', length]); flat.push('content-length', length);
    this.write(res, reply.status, flat, body);
    let kept: string;
    let encoding: 'base64' | undefined;
    if (typeof body === 'string' && body.length <= REPLY_BODY_KEEP) {
      kept = body;
    } else {
      const buf = (typeof body === 'string' ? Buffer.from(body) : body).subarray(0, REPLY_BODY_KEEP);
      const text = isUtf8(buf);
      kept = buf.toString(text ? 'utf8' : 'base64');
      encoding = text ? undefined : 'base64';
    }
    const sent: ReplySent = { status: reply.status, headers, body: kept, bodySize: size, source: reply.source ?? 'default' };
    if (encoding) sent.bodyEncoding = encoding;
    return sent;
  }

  private write(res: ServerResponse, status: number, flat: string[], body: string | Buffer): void {
    try {
      res.writeHead(status, flat);
      res.end(body);
    } catch (e) {
      this.log.warn(`could not send the reply: ${(e as Error).message}`);
      res.destroy();
    }
  }

  /** Verifies (when a provider applies), stores, announces and forwards a capture; synchronous unless a secret or a forward is awaited. */
  private record(meta: CaptureMeta, body: Buffer, endpoint: EndpointConfig | undefined, ex: Exchange): void {
    const provider = endpoint?.provider ?? guessProvider(meta.rawHeaders);
    if (!provider && !this.forwardTo) {
      try { this.keep(meta, body); } catch (e) { this.log.error(e instanceof Error ? e : String(e)); }
      ex.done();
      return;
    }
    void this.recordAsync(meta, body, endpoint, provider).finally(() => ex.done());
  }

  private keep(meta: CaptureMeta, body: Buffer): void {
    this.opts.sink?.append({ meta, body });
    if (this._onDidCapture.hasListeners) this._onDidCapture.fire({ meta, body });
  }

  private async recordAsync(meta: CaptureMeta, body: Buffer, endpoint: EndpointConfig | undefined, provider: ProviderId | undefined): Promise<void> {
    try {
      if (provider) meta.signature = await this.checkSignature(meta, body, endpoint, provider);
      this.keep(meta, body);
      const target = this.forwardTo;
      if (target && !meta.rejected) {
        const result = await sendCapture(meta, body, target);
        meta.forward = result;
        this.opts.sink?.attachForward(meta.id, result);
        this._onDidForward.fire({ id: meta.id, result });
      }
    } catch (e) {
      this.log.error(e instanceof Error ? e : String(e));
    }
  }

  private async checkSignature(meta: CaptureMeta, body: Buffer, endpoint: EndpointConfig | undefined, provider: ProviderId): Promise<SignatureResult> {
    const secrets = this.opts.secrets;
    const secret = secrets ? ((endpoint ? await secrets.getSecret(endpoint.name) : undefined) ?? (await secrets.getSecret(provider))) : undefined;
    return verifySignature(provider, { method: meta.method, url: meta.url, rawHeaders: meta.rawHeaders, body }, secret, this.opts.verify);
  }

  private onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
    if (err.code === 'ECONNRESET' || !socket.writable) { socket.destroy(); return; }
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (timeout) this.stats.timedOut++; else this.stats.malformed++;
    const [status, text] = timeout ? [408, 'Request Timeout'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    this.log.debug(`client error ${err.code ?? ''}: ${err.message}`);
    socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  }

  private begin(): void { this.inFlight++; }

  /** @internal one request fewer in progress */
  end(): void {
    if (this.inFlight > 0) this.inFlight--;
    if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
  }
}
