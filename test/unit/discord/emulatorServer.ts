import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Responder } from '../../../src/core/webhook/responder';

/** A tiny listener for tests: reads the body, asks the responder, writes its reply (404 when it declines). */
export async function startResponderServer(responder: Responder): Promise<{ server: Server; port: number; baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const reply = await responder({ method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks), receivedAt: Date.now() });
          if (!reply) { res.writeHead(404, { 'content-type': 'text/plain' }).end('no responder'); return; }
          res.writeHead(reply.status, reply.headers ?? {});
          res.end(reply.body ?? '');
        } catch (err) {
          res.writeHead(500).end(String(err));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server, port, baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A clock whose sleeps advance time at once and are recorded, so tests assert waits without waiting. */
export class FakeClock {
  readonly sleeps: number[] = [];
  constructor(public t = Date.UTC(2026, 0, 1, 12, 0, 0)) {}
  now = (): number => this.t;
  sleep = async (ms: number): Promise<void> => { this.sleeps.push(ms); this.t += ms; };
}
