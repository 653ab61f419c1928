import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Agent, ProxyAgent, type Dispatcher } from '../undici';
import type { IDisposable } from '../../common/disposable';
import { UserFacingError } from '../../common/errors';
import type { HttpResponse, OutgoingBody, OutgoingRequest, Timings } from '../model';
import { parseAwsAuthorization, signAwsV4, type AwsCredentials } from './aws-sigv4';
import { encodeBasicAuthorization } from './basic-auth';
import { buildTimingConnector, SocketWatcher } from './connection-timing';
import { CookieStore } from './cookies';
import { digestAuthorization, parseDigestChallenge, parseDigestShorthand } from './digest-auth';
import { runHop, Stopper, type HopResult } from './exchange';
import { ProxyResolver } from './proxy';
import { headersForHop, isRedirectStatus, nextHop } from './redirects';
import { prepareBody, sha256OfBody } from './request-body';
import { cancelledError, timeoutError, tooManyRedirectsError, toUserFacing } from './send-errors';
import type { SenderOptions, SendOptions } from './types';

/** Headers undici refuses or that the sender computes itself. */
const DROPPED = new Set(['transfer-encoding', 'keep-alive', 'upgrade', 'expect']);

interface AuthPlan {
  digest?: { user: string; password: string };
  aws?: AwsCredentials;
}

/**
 * Sends resolved requests with undici. One instance keeps one connection pool (keep-alive) per HTTP
 * version and one cookie jar; dispose it to close the connections.
 */
export class HttpSender implements IDisposable {
  private readonly h1: Agent;
  private h2: Agent | undefined;
  private readonly proxies = new Map<string, ProxyAgent>();
  private readonly watcher = new SocketWatcher();
  private readonly cookies = new CookieStore();
  private readonly proxy: ProxyResolver;
  private readonly sinkOptions: { maxInMemory: number; binaryToDisk: boolean; tempDir: string };
  private readonly now: () => Date;

  constructor(private readonly options: SenderOptions = {}) {
    this.h1 = this.makeAgent(false);
    this.proxy = new ProxyResolver({ proxy: options.proxy, noProxy: options.noProxy, env: options.env });
    this.sinkOptions = {
      maxInMemory: options.maxInMemoryBody ?? 5 * 1024 * 1024,
      binaryToDisk: options.binaryToDisk ?? true,
      tempDir: options.tempDir ?? os.tmpdir(),
    };
    this.now = options.now ?? (() => new Date());
  }

  /** Forget every cookie the jar holds. */
  clearCookies(): void {
    this.cookies.clear();
  }

  async send(request: OutgoingRequest, opts: SendOptions = {}): Promise<HttpResponse> {
    const t0 = performance.now();
    if (opts.signal?.aborted) throw cancelledError();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      throw new UserFacingError(`This is not a valid URL: ${request.url.slice(0, 200)}`, 'invalid-url', 'Check the request line and the variables in it.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UserFacingError(`Only http and https URLs can be sent, not ${url.protocol}`, 'invalid-url');
    }
    const stopper = new Stopper();
    const timeout = opts.timeout ?? this.options.timeout ?? 0;
    const timer = timeout > 0 ? setTimeout(() => stopper.stop(timeoutError(timeout, url.host)), timeout) : undefined;
    const onAbort = (): void => stopper.stop(cancelledError());
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.exchange(request, url, opts, stopper, t0);
    } catch (err) {
      throw toUserFacing(stopper.reason ?? err, this.failureContext(url));
    } finally {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  dispose(): void {
    this.watcher.dispose();
    void this.h1.close().catch(() => undefined);
    void this.h2?.close().catch(() => undefined);
    for (const p of this.proxies.values()) void p.close().catch(() => undefined);
    this.proxies.clear();
  }

  private async exchange(request: OutgoingRequest, firstUrl: URL, opts: SendOptions, stopper: Stopper, t0: number): Promise<HttpResponse> {
    const follow = opts.followRedirects ?? true;
    const maxRedirects = this.options.maxRedirects ?? 10;
    const useJar = !opts.noCookieJar;
    const auth: AuthPlan = {};
    let headers = this.userHeaders(request.headers, auth);
    let url = firstUrl;
    let method = request.method.toUpperCase();
    let body: OutgoingBody | undefined = request.body;
    let digestTried = false;
    let nc = 0;
    const redirects: HttpResponse['redirects'] = [];
    for (;;) {
      const sent = await this.hopHeaders(headers, url, method, body, auth, useJar);
      const prepared = await prepareBody(body);
      if (prepared.length !== undefined && !(prepared.body instanceof Buffer)) sent.push(['Content-Length', String(prepared.length)]);
      if (stopper.reason) { (prepared.body as { destroy?: () => void })?.destroy?.(); throw stopper.reason; }
      const hopUrl = url;
      const hop: HopResult = await runHop({
        dispatcher: this.dispatcherFor(url, request.httpVersion),
        watcher: this.watcher,
        url,
        method,
        headers: flatten(sent),
        body: prepared,
        discard: (status, h) => (follow && isRedirectStatus(status) && has(h, 'location'))
          || (status === 401 && auth.digest !== undefined && !digestTried),
        sink: this.sinkOptions,
        stop: stopper,
      });
      if (useJar) {
        const setCookie = hop.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v);
        if (setCookie.length) this.cookies.store(setCookie, url.href);
      }
      if (hop.status === 401 && auth.digest && !digestTried) {
        const challenge = parseDigestChallenge(hop.headers.filter(([n]) => n.toLowerCase() === 'www-authenticate').map(([, v]) => v).join(', '));
        digestTried = true;
        if (challenge) {
          headers = [...headers.filter(([n]) => n.toLowerCase() !== 'authorization'), ['Authorization', digestAuthorization({
            ...auth.digest, method, uri: url.pathname + url.search, challenge, nc: ++nc,
          })]];
          continue;
        }
      }
      const next = follow ? nextHop(hop.status, get(hop.headers, 'location'), url, method) : undefined;
      if (next && hop.body === undefined) {
        redirects.push({ status: hop.status, url: next.url.href });
        if (redirects.length > maxRedirects) throw tooManyRedirectsError(maxRedirects, next.url.href);
        headers = headersForHop(headers, next);
        if (next.crossOrigin) { auth.aws = undefined; auth.digest = undefined; }
        if (next.dropBody) body = undefined;
        url = next.url;
        method = next.method;
        digestTried = false;
        continue;
      }
      return this.toResponse(hop, hopUrl, { method, url: hopUrl.href, headers: sent, body, httpVersion: request.httpVersion }, redirects, t0);
    }
  }

  /** The request's headers with Basic encoded, Digest/AWS shorthands taken out, and unsendable headers dropped. */
  private userHeaders(headers: Array<[string, string]>, auth: AuthPlan): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const pair of headers) {
      const lower = pair[0].toLowerCase();
      if (DROPPED.has(lower)) continue;
      if (lower === 'authorization') {
        const value = pair[1];
        const scheme = value.trimStart().slice(0, 7).toLowerCase();
        if (scheme.startsWith('basic')) { out.push([pair[0], encodeBasicAuthorization(value)]); continue; }
        if (scheme.startsWith('digest')) {
          const creds = parseDigestShorthand(value);
          if (creds) { auth.digest = creds; continue; }
        }
        if (scheme.startsWith('aws ')) {
          const creds = parseAwsAuthorization(value);
          if (creds) { auth.aws = creds; continue; }
        }
      }
      out.push(pair);
    }
    return out;
  }

  /** Headers for one hop: the user's, cookies from the jar, a multipart Content-Type, and an AWS signature. */
  private async hopHeaders(headers: Array<[string, string]>, url: URL, method: string, body: OutgoingBody | undefined,
    auth: AuthPlan, useJar: boolean): Promise<Array<[string, string]>> {
    const out = headers.filter(([n]) => n.toLowerCase() !== 'content-length' || body === undefined);
    if (body?.kind === 'multipart' && !has(out, 'content-type')) out.push(['Content-Type', `multipart/form-data; boundary=${body.boundary}`]);
    const jar = useJar ? this.cookies.headerFor(url.href) : '';
    if (jar) {
      const i = out.findIndex(([n]) => n.toLowerCase() === 'cookie');
      if (i >= 0) out[i] = [out[i][0], `${out[i][1]}; ${jar}`]; else out.push(['Cookie', jar]);
    }
    if (auth.aws) {
      const signed = signAwsV4({ method, url, headers: out, payloadHash: await sha256OfBody(body), credentials: auth.aws, now: this.now() });
      out.push(...signed.add, ['Authorization', signed.authorization]);
    }
    return out;
  }

  private dispatcherFor(url: URL, httpVersion: OutgoingRequest['httpVersion']): Dispatcher {
    if (this.proxy.enabled) {
      const proxyUrl = this.proxy.proxyFor(url);
      if (proxyUrl) return this.proxyAgent(proxyUrl, url);
    }
    if (httpVersion === '2' && url.protocol === 'https:') return this.h2 ??= this.makeAgent(true);
    return this.h1;
  }

  /** One ProxyAgent per proxy (and per client certificate, which the tunnelled TLS needs up front). */
  private proxyAgent(proxyUrl: string, url: URL): ProxyAgent {
    const rejectUnauthorized = this.options.rejectUnauthorized ?? true;
    const certs = this.options.certificates;
    const certKey = certs && url.protocol === 'https:'
      ? [`${url.hostname}:${url.port || '443'}`, url.hostname].find((k) => certs[k] !== undefined)
      : undefined;
    const key = certKey ? `${proxyUrl}|${certKey}` : proxyUrl;
    let agent = this.proxies.get(key);
    if (!agent) {
      agent = new ProxyAgent({
        uri: proxyUrl,
        requestTls: { rejectUnauthorized, ...(certKey && certs ? certs[certKey] : {}) },
        proxyTls: { rejectUnauthorized: this.options.proxyStrictSSL ?? rejectUnauthorized },
      });
      this.proxies.set(key, agent);
    }
    return agent;
  }

  private makeAgent(allowH2: boolean): Agent {
    const connect = buildTimingConnector({
      rejectUnauthorized: this.options.rejectUnauthorized ?? true,
      certificates: this.options.certificates,
      allowH2,
    });
    return new Agent({ connect, allowH2 });
  }

  private failureContext(url: URL): { host: string; port: string; viaProxy?: string } {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const viaProxy = this.proxy.enabled ? this.proxy.proxyFor(url) : undefined;
    return { host: url.hostname, port, viaProxy: viaProxy ? safeProxyName(viaProxy) : undefined };
  }

  /**
   * Timings of the final hop: dns, connect, tls and firstByte are ms from that hop's start (the moment
   * the lookup, TCP connect, TLS handshake and first response byte finished; undefined on a reused
   * connection or where the phase does not apply); download is ms from the first byte to the end;
   * total is ms from `send()` to the end, redirects and auth retries included.
   */
  private toResponse(hop: HopResult, url: URL, sent: OutgoingRequest, redirects: HttpResponse['redirects'], t0: number): HttpResponse {
    const s = hop.start;
    const timing = hop.socket.timing;
    const mark = (t: number | undefined): number | undefined => (t === undefined ? undefined : Math.max(0, t - s));
    const timings: Timings = {
      dns: mark(timing?.lookup),
      connect: mark(timing?.connect),
      tls: mark(timing?.secure),
      firstByte: hop.firstByte - s,
      download: hop.end - hop.firstByte,
      total: hop.end - t0,
    };
    return {
      status: hop.status,
      statusText: hop.statusText,
      httpVersion: hop.socket.alpn === 'h2' ? '2' : '1.1',
      headers: hop.headers,
      body: hop.body ?? { kind: 'buffer', data: Buffer.alloc(0) },
      url: url.href,
      redirects,
      timings,
      request: sent,
    };
  }
}

function flatten(headers: Array<[string, string]>): string[] {
  const flat: string[] = new Array(headers.length * 2);
  for (let i = 0; i < headers.length; i++) { flat[2 * i] = headers[i][0]; flat[2 * i + 1] = headers[i][1]; }
  return flat;
}

function has(headers: Array<[string, string]>, name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name);
}

function get(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** The proxy URL without its user and password, for messages. */
function safeProxyName(proxy: string): string {
  try {
    const u = new URL(proxy);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the configured proxy';
  }
}
