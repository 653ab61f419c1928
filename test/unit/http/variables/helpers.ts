/** Test helpers: a deterministic VariableHost and HttpResponse values built from bytes (data, not an HTTP mock). */
import type { HttpResponse, OutgoingRequest } from '../../../../src/core/http/model';
import type { VariableHost } from '../../../../src/core/http/variables';

export const FIXED_NOW = new Date('2024-03-05T07:08:09.123Z');

export function fakeHost(over: Partial<VariableHost> & { files?: Record<string, string | Buffer>; env?: Record<string, string>; responses?: Record<string, HttpResponse> } = {}): VariableHost {
  let r = 0;
  let u = 0;
  const files = over.files ?? {};
  return {
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: ${p}`);
      return Buffer.isBuffer(f) ? f : Buffer.from(f, 'utf8');
    },
    processEnv: (n) => over.env?.[n],
    now: () => FIXED_NOW,
    random: () => { r = (r + 0.37) % 1; return r; },
    uuid: () => `00000000-0000-4000-8000-${String(++u).padStart(12, '0')}`,
    getResponse: (n) => over.responses?.[n],
    ...over,
  };
}

export function response(body: string | Buffer, headers: Array<[string, string]>, request?: Partial<OutgoingRequest>): HttpResponse {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers,
    body: { kind: 'buffer', data: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') },
    url: 'https://h/login',
    redirects: [],
    timings: { firstByte: 1, download: 1, total: 2 },
    request: { method: 'POST', url: 'https://h/login', headers: [], ...request },
  };
}
