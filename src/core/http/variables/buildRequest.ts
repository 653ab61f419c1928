/** Turns one parsed `RequestBlock` into an `OutgoingRequest`: every variable resolved, the body built. */
import type { Diagnostic, HttpDocument, OutgoingRequest, RequestBlock } from '../model';
import { buildBody } from './outgoingBody';
import { VariableResolver, type ResolveOptions } from './resolver';

export interface ResolveRequestResult {
  request: OutgoingRequest;
  diagnostics: Diagnostic[];
  /** true when no diagnostic is an error: the request can be sent as it is */
  ok: boolean;
}

/** `localhost:3000/x` → `http://localhost:3000/x`; a `/path` gets the `host` variable in front (httpYac). */
async function absoluteUrl(url: string, resolver: VariableResolver, line: number): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (url.startsWith('/')) {
    const host = await resolver.resolveName('host', line, 0, false);
    if (host) return host.value.replace(/\/+$/, '') + url;
    return url;
  }
  return `http://${url}`;
}

/** Asks `# @prompt name description` questions the caller has not answered yet. */
async function askPrompts(block: RequestBlock, opts: ResolveOptions): Promise<Record<string, string>> {
  const answers: Record<string, string> = { ...(opts.prompts ?? {}) };
  for (const d of block.directives) {
    if (d.name !== 'prompt') continue;
    const [name, ...rest] = d.value.split(/\s+/);
    if (!name || answers[name] !== undefined || !opts.host.prompt) continue;
    const secret = /token|secret|password|key|auth/i.test(name);
    const v = await opts.host.prompt(name, rest.join(' ') || undefined, secret);
    if (v !== undefined) answers[name] = v;
  }
  return answers;
}

export async function resolveRequest(doc: HttpDocument, block: RequestBlock, opts: Omit<ResolveOptions, 'document'>): Promise<ResolveRequestResult> {
  const prompts = await askPrompts(block, { ...opts, document: doc });
  const resolver = new VariableResolver({ ...opts, document: doc, prompts });
  const line = block.requestLine;
  const url = await absoluteUrl(await resolver.substitute(block.url, line), resolver, line);
  if (url.startsWith('/')) {
    resolver.diagnostics.push({ severity: 'error', message: `The URL '${url}' has no host: write the full URL or define @host`, line, startColumn: 0, endColumn: 0, code: 'relative-url' });
  }
  const graphql = block.bodyKind === 'graphql';
  const headers: Array<[string, string]> = [];
  for (const h of block.headers) {
    if (graphql && h.name.toLowerCase() === 'x-request-type') continue;
    headers.push([await resolver.substitute(h.name, h.line), await resolver.substitute(h.value, h.line)]);
  }
  if (graphql) {
    const i = headers.findIndex(([k]) => k.toLowerCase() === 'content-type');
    if (i < 0) headers.push(['Content-Type', 'application/json']);
    else if (!/json/i.test(headers[i][1])) headers[i] = [headers[i][0], 'application/json'];
  }
  const diagnostics = resolver.diagnostics;
  let body: OutgoingRequest['body'];
  try {
    const b = await buildBody({ block, resolver, host: opts.host, headers });
    body = b.body;
    if (b.error) diagnostics.push({ severity: 'error', message: b.error, line: block.body.kind === 'none' ? line : block.body.range.startLine, startColumn: 0, endColumn: 0, code: 'invalid-body' });
  } catch (err) {
    const startLine = block.body.kind === 'none' ? line : block.body.range.startLine;
    diagnostics.push({ severity: 'error', message: `Cannot read the body file: ${err instanceof Error ? err.message : String(err)}`, line: startLine, startColumn: 0, endColumn: 0, code: 'body-file' });
  }
  const method = block.method === 'GRAPHQL' ? 'POST' : block.method;
  const request: OutgoingRequest = { method, url, headers };
  if (body) request.body = body;
  const v = block.httpVersion;
  if (v === '2' || v === '2.0') request.httpVersion = '2';
  else if (v === '1.1') request.httpVersion = '1.1';
  return { request, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}
