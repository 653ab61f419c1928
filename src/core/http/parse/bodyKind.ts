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

const GRAPHQL_START = /^(?:query|mutation|subscription|fragment)\b/;

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
  const start = text.slice(firstNonSpace(text), firstNonSpace(text) + 16);
  if (GRAPHQL_START.test(start) && (!ct || /json|graphql/i.test(ct))) return 'graphql';
  const byType = ct ? fromContentType(ct) : undefined;
  if (byType) return byType;
  const c = start.charCodeAt(0);
  if (c === 123 || c === 91) return 'json';
  if (c === 60) return 'xml';
  return 'text';
}
