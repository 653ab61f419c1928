/**
 * Builds the bytes to send from a request's body as written: text with variables substituted, `<@ file`
 * substituted, `< file` raw (streamed by the sender), multipart with file parts, REST Client's
 * multi-line urlencoded forms, and GraphQL documents turned into `{query, variables, operationName}`.
 */
import type { BodySource, OutgoingBody, RequestBlock } from '../model';
import type { VariableHost } from './host';
import type { VariableResolver } from './resolver';

/** Joins a form body written over several lines (`a=1\n&b=2` or `a=1&\nb=2`) into one line. */
export function joinFormLines(text: string): string {
  let out = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (out && !out.endsWith('&') && !line.startsWith('&')) out += '&';
    out += line;
  }
  return out;
}

/** Splits a GraphQL body into the query and the variables JSON that follows it after a blank line. */
export function splitGraphql(text: string): { query: string; variables?: string } {
  const lines = text.split(/\r?\n/);
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (depth === 0 && i > 0 && lines[i - 1].trim() === '' && l.trimStart().startsWith('{') && lines.slice(0, i).some((x) => x.trim())) {
      return { query: lines.slice(0, i).join('\n').trim(), variables: lines.slice(i).join('\n').trim() };
    }
    for (const ch of l) { if (ch === '{') depth++; else if (ch === '}') depth--; }
  }
  return { query: text.trim() };
}

export function graphqlPayload(query: string, variablesText: string | undefined): { json: string; error?: string } {
  let variables: unknown;
  let error: string | undefined;
  if (variablesText) {
    try { variables = JSON.parse(variablesText); } catch (err) { error = `GraphQL variables are not valid JSON: ${err instanceof Error ? err.message : String(err)}`; }
  }
  const op = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query);
  const payload: Record<string, unknown> = { query };
  if (variables !== undefined) payload.variables = variables;
  if (op) payload.operationName = op[1];
  return { json: JSON.stringify(payload), error };
}

function decode(buf: Buffer, encoding: string | undefined): string {
  if (!encoding) return buf.toString('utf8');
  const label = encoding.toLowerCase().replace(/^windows(\d+)$/, 'windows-$1').replace(/^utf8$/, 'utf-8');
  try { return new TextDecoder(label).decode(buf); } catch { return buf.toString('utf8'); }
}

function boundaryOf(headers: Array<[string, string]>): string | undefined {
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'content-type') continue;
    const m = /boundary=("?)([^";]+)\1/i.exec(v);
    if (m) return m[2];
  }
  return undefined;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export interface BodyContext {
  block: RequestBlock;
  resolver: VariableResolver;
  host: VariableHost;
  /** headers after substitution (for the multipart boundary) */
  headers: Array<[string, string]>;
}

async function readSubstituted(ctx: BodyContext, path: string, encoding: string | undefined, line: number): Promise<string> {
  const text = decode(await ctx.host.readFile(path), encoding);
  return ctx.resolver.substitute(text, line);
}

export async function buildBody(ctx: BodyContext): Promise<{ body?: OutgoingBody; error?: string }> {
  const { block, resolver, host } = ctx;
  const body: BodySource = block.body;
  const line = body.kind === 'none' ? block.requestLine : body.range.startLine;
  const resolvePath = (p: string) => (host.resolvePath ? host.resolvePath(p) : p);
  if (body.kind === 'none') return {};
  if (body.kind === 'file') {
    const path = await resolver.substitute(body.path, line);
    if (!body.substitute && block.bodyKind !== 'graphql') return { body: { kind: 'file', path: resolvePath(path) } };
    const text = body.substitute ? await readSubstituted(ctx, path, body.encoding, line) : decode(await host.readFile(path), body.encoding);
    if (block.bodyKind === 'graphql') return graphqlBody(text);
    return { body: { kind: 'buffer', data: Buffer.from(text, 'utf8') } };
  }
  if (body.kind === 'text') {
    const text = await resolver.substitute(body.text, line);
    if (block.bodyKind === 'graphql') return graphqlBody(text);
    if (block.bodyKind === 'form') return { body: { kind: 'buffer', data: Buffer.from(joinFormLines(text), 'utf8') } };
    if (block.bodyKind === 'multipart') return { body: { kind: 'buffer', data: Buffer.from(crlf(text), 'utf8') } };
    return { body: { kind: 'buffer', data: Buffer.from(text, 'utf8') } };
  }
  // mixed: text lines and `< file` parts
  const multipart = block.bodyKind === 'multipart';
  const parts: Array<{ kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string }> = [];
  for (const p of body.parts) {
    if (p.kind === 'text') {
      const t = await resolver.substitute(p.text, line);
      parts.push({ kind: 'buffer', data: Buffer.from(multipart ? crlf(t) : t, 'utf8') });
    } else {
      const path = await resolver.substitute(p.path, line);
      if (p.substitute) parts.push({ kind: 'buffer', data: Buffer.from(await readSubstituted(ctx, path, p.encoding, line), 'utf8') });
      else if (multipart) parts.push({ kind: 'file', path: resolvePath(path) });
      else parts.push({ kind: 'buffer', data: await host.readFile(path) });
    }
  }
  if (multipart) {
    const boundary = boundaryOf(ctx.headers);
    if (!boundary) return { body: { kind: 'multipart', boundary: '', parts }, error: 'multipart body without boundary= in its Content-Type header' };
    return { body: { kind: 'multipart', boundary, parts } };
  }
  return { body: { kind: 'buffer', data: Buffer.concat(parts.map((p) => (p.kind === 'buffer' ? p.data : Buffer.alloc(0)))) } };
}

function graphqlBody(text: string): { body: OutgoingBody; error?: string } {
  const { query, variables } = splitGraphql(text);
  const p = graphqlPayload(query, variables);
  return { body: { kind: 'buffer', data: Buffer.from(p.json, 'utf8') }, error: p.error };
}
