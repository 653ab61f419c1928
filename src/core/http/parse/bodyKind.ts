/** Deciding what kind of body a request carries, from its method, Content-Type and the first body bytes. */
import type { BodyKind, BodySource, RequestBlock } from '../model';
import { firstNonSpace } from './lineScan';

export function headerValue(headers: RequestBlock['headers'], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) {
    const h = headers[i];
    if (h.name.length === lower.length && h.name.toLowerCase() === lower) return h.value;
  }
  return undefined;
}

function fromContentType(ct: string): BodyKind | undefined {
  const t = ct.toLowerCase();
  if (t.includes('multipart/')) return 'multipart';
  if (t.includes('x-www-form-urlencoded')) return 'form';
  if (t.includes('graphql')) return 'graphql';
  if (t.includes('json')) return 'json';
  if (t.includes('xml')) return 'xml';
  if (t.startsWith('text/')) return 'text';
  return undefined;
}

/** a GraphQL document, or httpYac's `gql name < ./file.gql` */
const GRAPHQL_START = /^(?:query|mutation|subscription|fragment|gql)\b/;

function firstText(body: BodySource): string {
  if (body.kind === 'text') return body.text;
  if (body.kind === 'mixed') {
    for (const p of body.parts) if (p.kind === 'text' && p.text.trim()) return p.text;
  }
  return '';
}

export function detectBodyKind(method: string, headers: RequestBlock['headers'], body: BodySource): BodyKind {
  if (method === 'GRAPHQL') return 'graphql';
  const requestType = headerValue(headers, 'x-request-type');
  if (requestType && requestType.trim().toLowerCase() === 'graphql') return 'graphql';
  if (body.kind === 'none') return 'none';
  if (body.kind === 'file') return 'file';
  const ct = headerValue(headers, 'content-type');
  const text = firstText(body);
  const s0 = firstNonSpace(text);
  const c = text.charCodeAt(s0);
  // q(uery) m(utation) s(ubscription) f(ragment) g(ql): only then look closer
  if ((c === 113 || c === 109 || c === 115 || c === 102 || c === 103) && (!ct || /json|graphql/i.test(ct))) {
    const start = text.slice(s0, s0 + 16);
    if (GRAPHQL_START.test(start)) return 'graphql';
  }
  const byType = ct ? fromContentType(ct) : undefined;
  if (byType) return byType;
  if (c === 123 || c === 91) return 'json';
  if (c === 60) return 'xml';
  return 'text';
}
