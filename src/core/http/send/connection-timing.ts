import * as diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildConnector, type Connector } from '../undici';
import type { ClientCertificate } from './types';

/** Moments (performance.now()) in the life of one socket, recorded by the connector. */
export interface SocketTiming {
  start: number;
  lookup?: number;
  connect?: number;
  secure?: number;
  /** set once a request has used this socket; later requests reuse it */
  used: boolean;
}

/** What one request learns about the socket it was written to. */
export interface SocketSeen {
  timing?: SocketTiming;
  alpn?: string;
}

interface ConnectorOptions {
  rejectUnauthorized: boolean;
  allowH2: boolean;
  certificates?: Record<string, ClientCertificate>;
}

const kTiming = Symbol('apihook.socketTiming');
type TimedSocket = Socket & { [kTiming]?: SocketTiming };

/**
 * A connector for undici that records DNS, TCP and TLS moments on each new socket and picks client
 * certificates by `host:port` or `host`. One base connector per certificate, so TLS sessions are reused.
 */
export function buildTimingConnector(opts: ConnectorOptions): Connector {
  const base = buildConnector({ rejectUnauthorized: opts.rejectUnauthorized, allowH2: opts.allowH2 });
  const byCert = new Map<string, Connector>();
  const certFor = (hostname: string, port: string): [string, ClientCertificate] | undefined => {
    const certs = opts.certificates;
    if (!certs) return undefined;
    const withPort = `${hostname}:${port || '443'}`;
    if (certs[withPort]) return [withPort, certs[withPort]];
    if (certs[hostname]) return [hostname, certs[hostname]];
    return undefined;
  };
  return (options, callback) => {
    let connector = base;
    if (options.protocol === 'https:') {
      const found = certFor(options.hostname, options.port);
      if (found) {
        connector = byCert.get(found[0]) ?? buildConnector({ rejectUnauthorized: opts.rejectUnauthorized, allowH2: opts.allowH2, ...found[1] });
        byCert.set(found[0], connector);
      }
    }
    const timing: SocketTiming = { start: performance.now(), used: false };
    const socket = connector(options, callback) as unknown as Socket;
    (socket as TimedSocket)[kTiming] = timing;
    socket.once('lookup', () => { timing.lookup = performance.now(); });
    socket.once('connect', () => { timing.connect = performance.now(); });
    socket.once('secureConnect', () => { timing.secure = performance.now(); });
    return socket as never;
  };
}

interface Watch {
  method: string;
  path: string;
  seen: SocketSeen;
}

/**
 * Learns which socket a request was written to: the request's handler marks itself as `pending` in
 * its onConnect, and undici publishes `undici:client:sendHeaders` (with the socket) synchronously after it.
 */
export class SocketWatcher {
  private pending: Watch | undefined;
  private readonly channel = diagnostics.channel('undici:client:sendHeaders');
  private readonly listener = (message: unknown): void => {
    const watch = this.pending;
    if (!watch) return;
    const { request, socket } = message as { request: { method: string; path: string }; socket: Socket };
    if (request.method !== watch.method || request.path !== watch.path) return;
    this.pending = undefined;
    const timing = (socket as TimedSocket)[kTiming];
    watch.seen.alpn = (socket as { alpnProtocol?: string | false }).alpnProtocol || undefined;
    if (timing && !timing.used) {
      timing.used = true;
      watch.seen.timing = timing;
    }
  };

  constructor() {
    this.channel.subscribe(this.listener);
  }

  expect(method: string, path: string, seen: SocketSeen): void {
    this.pending = { method, path, seen };
  }

  dispose(): void {
    this.channel.unsubscribe(this.listener);
  }
}
