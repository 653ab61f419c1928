/**
 * Turns a core HttpResponse into what the response panel shows. No `vscode` import: unit-tested in
 * plain Node (test/unit/http/vscode/responseModel.test.ts).
 */
import { isUtf8 } from 'node:buffer';
import { maskSecrets } from '../../core/http/send/mask';
import type { HttpResponse, OutgoingRequest, Timings } from '../../core/http/model';
import type { BodyView, ResponseViewState, TimingPhase } from '../../shared/protocol/response';

/** Characters of body text in the first message; the rest comes on request ("Show more"). */
export const FIRST_CHUNK_CHARS = 256 * 1024;
/** Characters per further piece. */
export const MORE_CHUNK_CHARS = 1024 * 1024;
/** Images up to this size are shown inline. */
export const MAX_INLINE_IMAGE = 8 * 1024 * 1024;
/** Bodies above this are shown only in part (Save body writes them whole). */
export const MAX_TEXT_BODY = 64 * 1024 * 1024;

export function headerOf(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** How to show a body with this content type and these bytes. */
export function bodyViewOf(contentType: string, body: Buffer): BodyView {
  if (body.length === 0) return 'empty';
  const ct = contentType.toLowerCase().split(';')[0]!.trim();
  if (ct.startsWith('image/')) return 'image';
  if (ct === 'application/json' || ct.endsWith('+json') || ct === 'application/problem+json' || ct === 'text/json') return 'json';
  if (ct.endsWith('/xml') || ct.endsWith('+xml')) return 'xml';
  if (ct === 'text/html' || ct === 'application/xhtml+xml') return 'html';
  const sample = body.subarray(0, 4096);
  if (!ct && !sample.includes(0) && isUtf8(sample.subarray(0, utf8Boundary(sample)))) {
    const start = sample.toString('utf8').trimStart()[0];
    if (start === '{' || start === '[') return 'json';
    if (start === '<') return 'xml';
    return 'text';
  }
  if (ct.startsWith('text/') || ct.includes('javascript') || ct.includes('urlencoded') || ct.includes('graphql') || ct.includes('yaml') || ct.includes('csv')) return 'text';
  if (sample.includes(0) || !isUtf8(sample.subarray(0, utf8Boundary(sample)))) return 'binary';
  return 'text';
}

/** The length of `b` without a UTF-8 sequence cut at its end. */
function utf8Boundary(b: Buffer): number {
  const end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i]!;
    if ((c & 0xc0) === 0x80) continue;
    if ((c & 0xe0) === 0xc0 && i < 2) return end - i;
    if ((c & 0xf0) === 0xe0 && i < 3) return end - i;
    if ((c & 0xf8) === 0xf0 && i < 4) return end - i;
    break;
  }
  return end;
}

/** Phase durations from the sender's marks (ms from the final hop's start; undefined when the phase did not happen). */
export function timingPhases(t: Timings): TimingPhase[] {
  const out: TimingPhase[] = [];
  let last = 0;
  const add = (name: TimingPhase['name'], label: string, mark: number | undefined) => {
    if (mark === undefined) return;
    out.push({ name, label, ms: Math.max(0, mark - last) });
    last = Math.max(last, mark);
  };
  add('dns', 'DNS lookup', t.dns);
  add('connect', 'TCP connect', t.connect);
  add('tls', 'TLS handshake', t.tls);
  add('wait', 'Waiting (first byte)', t.firstByte);
  out.push({ name: 'download', label: 'Download', ms: Math.max(0, t.download) });
  return out;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The body text the panel can page through (capped), or '' for images and binary bodies. */
export function bodyText(view: BodyView, body: Buffer): string {
  if (view === 'image' || view === 'binary' || view === 'empty') return '';
  return body.subarray(0, MAX_TEXT_BODY).toString('utf8');
}

export interface ExchangeInput {
  id: number;
  title: string;
  /** the request as resolved (secrets as written; masked here) */
  request: OutgoingRequest;
  response?: HttpResponse;
  /** body bytes (read from disk when the sender streamed them there) */
  body?: Buffer;
  durationMs: number;
  assertions?: Array<{ text: string; passed: boolean; skipped: boolean; message: string }>;
  error?: string;
}

/** The panel state for one exchange; `text` is the full body text the extension keeps for paging. */
export function buildViewState(x: ExchangeInput): { state: ResponseViewState; text: string } {
  const masked = maskSecrets(x.request);
  const res = x.response;
  const body = x.body ?? Buffer.alloc(0);
  const contentType = res ? (headerOf(res.headers, 'content-type') ?? '') : '';
  const view = res ? bodyViewOf(contentType, body) : 'empty';
  const text = bodyText(view, body);
  let note: string | undefined;
  if (view === 'binary') note = `Binary body (${formatSize(body.length)}, ${contentType || 'no content type'}): use Save body to keep it.`;
  if (body.length > MAX_TEXT_BODY && text) note = `Only the first ${formatSize(MAX_TEXT_BODY)} are shown; Save body writes all ${formatSize(body.length)}.`;
  const imageDataUri = view === 'image' && body.length <= MAX_INLINE_IMAGE ? `data:${contentType.split(';')[0]!.trim()};base64,${body.toString('base64')}` : undefined;
  if (view === 'image' && !imageDataUri) note = `The image is ${formatSize(body.length)}: use Save body to open it.`;
  return {
    text,
    state: {
      id: x.id,
      title: x.title,
      method: x.request.method,
      url: masked.url,
      status: res?.status,
      statusText: res ? `${res.status} ${res.statusText}`.trim() : 'No response',
      httpVersion: res?.httpVersion ?? '',
      durationMs: Math.round(x.durationMs),
      contentType,
      headers: res?.headers ?? [],
      requestHeaders: masked.headers,
      timings: res ? timingPhases(res.timings) : [],
      totalMs: res ? Math.round(res.timings.total) : Math.round(x.durationMs),
      redirects: res?.redirects ?? [],
      assertions: x.assertions ?? [],
      body: { view, size: body.length, totalChars: text.length, firstChunk: text.slice(0, FIRST_CHUNK_CHARS), imageDataUri, note },
      error: x.error,
    },
  };
}

/** The response as text: status line, headers, blank line, body (for "Save full response"). */
export function fullResponseText(res: HttpResponse, body: Buffer): Buffer {
  const head = [`HTTP/${res.httpVersion} ${res.status} ${res.statusText}`.trimEnd(), ...res.headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head), body]);
}

/** A file name for a saved body: the last URL segment, with an extension from the content type. */
export function suggestedFileName(url: string, contentType: string): string {
  let base = 'response';
  try {
    const seg = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (seg) base = decodeURIComponent(seg).replace(/[^\w.-]+/g, '_').slice(0, 80) || base;
  } catch { /* keep default */ }
  if (/\.\w{1,5}$/.test(base)) return base;
  const ct = contentType.toLowerCase();
  const ext = ct.startsWith('image/') ? ct.slice(6).split(/[;+]/)[0]! : ct.includes('json') ? 'json' : ct.includes('xml') ? 'xml'
    : ct.includes('html') ? 'html' : ct.startsWith('text/') ? 'txt' : 'bin';
  return `${base}.${ext}`;
}

/** The panel state for a history entry: status and headers as they were; the body was not kept. */
export function historyViewState(id: number, e: { label: string; method: string; url: string; status?: number; statusText: string; durationMs: number; error?: string; headers: Array<[string, string]>; size: number }): ResponseViewState {
  return {
    id, title: e.label, method: e.method, url: e.url, status: e.status, statusText: e.statusText, httpVersion: '1.1', durationMs: e.durationMs,
    contentType: headerOf(e.headers, 'content-type') ?? '', headers: e.headers, requestHeaders: [], timings: [], totalMs: e.durationMs, redirects: [], assertions: [],
    body: { view: 'empty', size: e.size, totalChars: 0, firstChunk: '', note: 'The body is not kept in the history: press Re-run to send the request again.' },
    error: e.error, fromHistory: true,
  };
}

/** "✓ 3/3" / "✗ 1/3" from a request's last assertions; undefined when it had none. */
export function assertionSummary(assertions: ReadonlyArray<{ passed: boolean; skipped?: boolean }>): string | undefined {
  const counted = assertions.filter((a) => !a.skipped);
  if (!counted.length) return undefined;
  const passed = counted.filter((a) => a.passed).length;
  return `${passed === counted.length ? '✓' : '✗'} ${passed}/${counted.length}`;
}
