import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpResponse } from '../../../../src/core/http/model';

export type Route = (req: http.IncomingMessage, body: Buffer) => { status?: number; headers?: Record<string, string | string[]>; body?: string | Buffer };

/** Starts a node:http server on 127.0.0.1:0 answering by path; returns its base URL and a close function. */
export async function startServer(routes: Record<string, Route>): Promise<{ base: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      hits.push(`${req.method} ${req.url}`);
      const route = routes[`${req.method} ${path}`] ?? routes[path];
      if (!route) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      const out = route(req, Buffer.concat(chunks));
      res.writeHead(out.status ?? 200, out.headers ?? {});
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** GETs a URL with node:http and shapes the answer as the sender's HttpResponse (for tests that need no sender). */
export function fetchResponse(url: string): Promise<HttpResponse> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        const total = Date.now() - start;
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          httpVersion: res.httpVersion,
          headers,
          body: { kind: 'buffer', data: Buffer.concat(chunks) },
          url,
          redirects: [],
          timings: { firstByte: total, download: 0, total },
          request: { method: 'GET', url, headers: [] },
        });
      });
    }).on('error', reject);
  });
}
