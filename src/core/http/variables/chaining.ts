/**
 * Request chaining, REST Client style: `{{login.response.body.$.token}}` (JSONPath),
 * `{{login.response.body.//token}}` (XPath), `{{login.response.headers.X-Token}}`, `{{login.request.body.*}}`,
 * `{{login.request.headers.Accept}}`. A plain dotted path (`login.response.body.id`) is read as `$.id`.
 */
import { JSONPath } from 'jsonpath-plus';
import type { HttpResponse, OutgoingBody } from '../model';

export interface ChainRef {
  request: string;
  part: 'response' | 'request';
  section: 'body' | 'headers';
  /** the header name, or the body path (`*`, `$…`, `//…`, or a dotted path) */
  path: string;
}

/** Reads `name.response.body.path` style expressions; undefined when `expr` is not one. */
export function parseChainRef(expr: string): ChainRef | undefined {
  const m = /^([^.\s{}]+)\.(response|request)\.(body|headers)(?:\.(.*))?$/.exec(expr);
  if (!m) return undefined;
  return { request: m[1], part: m[2] as ChainRef['part'], section: m[3] as ChainRef['section'], path: (m[4] ?? '*').trim() || '*' };
}

export type ChainResult = { ok: true; value: string } | { ok: false; message: string };

function bodyText(body: HttpResponse['body'] | OutgoingBody | undefined, readFile: (p: string) => Promise<Buffer>): Promise<string> {
  if (!body) return Promise.resolve('');
  if (body.kind === 'buffer') return Promise.resolve(body.data.toString('utf8'));
  if (body.kind === 'file') return readFile(body.path).then((b) => b.toString('utf8'));
  return Promise.resolve(Buffer.concat(body.parts.map((p) => (p.kind === 'buffer' ? p.data : Buffer.from(`<file ${p.path}>`)))).toString('utf8'));
}

function stringify(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function contentType(headers: Array<[string, string]>): string {
  for (const [k, v] of headers) if (k.toLowerCase() === 'content-type') return v.toLowerCase();
  return '';
}

function selectJson(text: string, path: string): ChainResult {
  let json: unknown;
  try { json = JSON.parse(text); } catch { return { ok: false, message: 'the body is not JSON' }; }
  const jp = path.startsWith('$') ? path : `$.${path}`;
  let found: unknown;
  try { found = JSONPath({ path: jp, json: json as object, wrap: true }); } catch (err) { return { ok: false, message: `bad JSONPath '${jp}': ${err instanceof Error ? err.message : String(err)}` }; }
  const list = Array.isArray(found) ? found : [];
  if (list.length === 0) return { ok: false, message: `nothing in the body matches ${jp}` };
  return { ok: true, value: stringify(list.length === 1 ? list[0] : list) };
}

function selectXml(text: string, path: string): ChainResult {
  try {
    // the XML stack loads only for XPath references (most files never use one)
    const { DOMParser } = require('@xmldom/xmldom') as typeof import('@xmldom/xmldom');
    const xpath = require('xpath') as typeof import('xpath');
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
    const r = xpath.select(path, doc as unknown as Parameters<typeof xpath.select>[1]);
    const first = Array.isArray(r) ? r[0] : r;
    if (first === undefined || first === null) return { ok: false, message: `nothing in the body matches ${path}` };
    if (typeof first === 'object') {
      const node = first as unknown as { nodeValue?: string | null; textContent?: string | null };
      return { ok: true, value: node.textContent ?? node.nodeValue ?? '' };
    }
    return { ok: true, value: String(first) };
  } catch (err) {
    return { ok: false, message: `bad XPath '${path}': ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Picks the value `ref` names out of a response (or the request that produced it). */
export async function selectFromResponse(ref: ChainRef, res: HttpResponse, readFile: (p: string) => Promise<Buffer>): Promise<ChainResult> {
  const headers = ref.part === 'response' ? res.headers : res.request.headers;
  if (ref.section === 'headers') {
    const want = ref.path.toLowerCase();
    const values = headers.filter(([k]) => k.toLowerCase() === want).map(([, v]) => v);
    return values.length ? { ok: true, value: values.join(', ') } : { ok: false, message: `the ${ref.part} of '${ref.request}' has no header '${ref.path}'` };
  }
  const text = await bodyText(ref.part === 'response' ? res.body : res.request.body, readFile);
  if (ref.path === '*') return { ok: true, value: text };
  if (ref.path.startsWith('/')) return selectXml(text, ref.path);
  const ct = contentType(headers);
  if (ct.includes('xml') && !ct.includes('json')) return { ok: false, message: `the ${ref.part} body of '${ref.request}' is XML: use an XPath such as //token` };
  return selectJson(text, ref.path);
}
