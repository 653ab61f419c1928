import type { CaptureDetail, SendOutcome } from '../../shared/protocol/captures';
import { el } from '../state';
import { formatBytes, prettyJson, queryPairs } from './format';

/** The detail tabs other than the body: every captured value goes in as text. */

function kv(rows: Array<[string, string]>, className = 'kv'): HTMLTableElement {
  const table = el('table', { className });
  for (const [k, v] of rows) table.append(el('tr', {}, el('td', { text: k }), el('td', { text: v })));
  return table;
}

function pairsOf(raw: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

export function signatureText(sig: CaptureDetail['signature']): { text: string; cls: string } {
  if (!sig) return { text: 'no signature headers recognised', cls: 'muted' };
  if (sig.valid === true) return { text: `${sig.provider}: valid`, cls: 'status-ok' };
  if (sig.valid === false) return { text: `${sig.provider}: INVALID${sig.reason ? ` (${sig.reason})` : ''}`, cls: 'status-err' };
  return { text: `${sig.provider}: not checked (${sig.reason ?? 'no secret configured'})`, cls: 'status-warn' };
}

export function overviewTab(d: CaptureDetail): HTMLElement {
  const sig = signatureText(d.signature);
  const rows: Array<[string, string]> = [
    ['Request', `${d.method} ${d.url}`],
    ['Received', `${new Date(d.receivedAt).toLocaleString()} (${d.durationMs} ms)`],
    ['From', `${d.remoteAddress}${d.remotePort ? `:${d.remotePort}` : ''} · HTTP/${d.httpVersion}`],
    ['Body', `${formatBytes(d.bodySize)}${d.contentType ? ` · ${d.contentType}` : ''}`],
    ['Answered', `${d.reply.status} by ${d.reply.source}`],
    ['Signature', sig.text],
  ];
  if (d.endpoint) rows.push(['Endpoint', d.endpoint]);
  if (d.rejected) rows.push(['Rejected', `body of ${formatBytes(d.rejected.receivedBytes)} over the ${formatBytes(d.rejected.limit)} limit (setting apihook.webhook.maxBodyBytes)`]);
  if (d.forward) rows.push(['Forwarded', outcomeLine(d.forward)]);
  if (d.replay) rows.push(['Replayed', outcomeLine(d.replay)]);
  return kv(rows);
}

/** Headers exactly as received: raw names, order and duplicates. */
export function headersTab(d: CaptureDetail): HTMLElement {
  const wrap = el('div');
  wrap.append(el('div', { className: 'muted', text: `${d.rawHeaders.length / 2} header lines, as received (names, order, duplicates)` }));
  wrap.append(kv(pairsOf(d.rawHeaders), 'kv headers'));
  return wrap;
}

export function queryTab(d: CaptureDetail): HTMLElement {
  const pairs = queryPairs(d.url);
  if (pairs.length === 0) return el('div', { className: 'muted', text: 'No query string.' });
  const q = d.url.slice(d.url.indexOf('?') + 1);
  const wrap = el('div');
  wrap.append(kv(pairs), el('div', { className: 'muted raw-line', text: `raw: ?${q}` }));
  return wrap;
}

export function signatureTab(d: CaptureDetail, setSecret: () => void): HTMLElement {
  const s = signatureText(d.signature);
  const wrap = el('div', { className: 'signature' });
  wrap.append(el('div', { className: `sig-state ${s.cls}`, text: s.text }));
  if (d.signature) {
    wrap.append(kv([
      ['Provider', d.signature.provider],
      ['Result', d.signature.valid === null ? 'not checked' : d.signature.valid ? 'valid' : 'invalid'],
      ...(d.signature.reason ? [['Reason', d.signature.reason] as [string, string]] : []),
      ...(d.endpoint ? [['Endpoint', d.endpoint] as [string, string]] : []),
    ]));
  }
  if (!d.signature || d.signature.valid !== true) {
    const btn = el('button', { text: d.signature?.valid === null ? 'Set signing secret…' : 'Set or change the signing secret…' });
    btn.dataset.action = 'set-secret';
    btn.addEventListener('click', setSecret);
    wrap.append(el('p', { className: 'muted', text: 'Secrets live in VS Code SecretStorage, never in settings. Setting one checks this capture again.' }), btn);
  }
  return wrap;
}

function bodyText(body: string | undefined, enc: 'base64' | undefined): string {
  if (body === undefined) return '';
  if (enc === 'base64') return `(binary, base64)\n${body}`;
  return prettyJson(body) ?? body;
}

export function responseTab(d: CaptureDetail): HTMLElement {
  const r = d.reply;
  const wrap = el('div');
  wrap.append(el('div', { className: 'muted', text: `The listener answered ${r.status} (${r.source}), ${formatBytes(r.bodySize)}` }));
  wrap.append(kv(r.headers.map(([k, v]) => [k, v])));
  wrap.append(el('pre', { className: 'body-text', text: bodyText(r.body, r.bodyEncoding) }));
  return wrap;
}

function outcomeLine(o: SendOutcome): string {
  return o.ok ? `${o.url} → ${o.status} in ${o.timeMs} ms` : `${o.url} → failed: ${o.error ?? 'unknown error'}`;
}

function outcomeBlock(title: string, o: SendOutcome): HTMLElement {
  const wrap = el('div', { className: 'outcome' });
  wrap.append(el('h4', { text: title }), el('div', { className: o.ok && (o.status ?? 500) < 400 ? 'status-ok' : 'status-err', text: outcomeLine(o) }));
  wrap.append(el('div', { className: 'muted', text: new Date(o.at).toLocaleString() }));
  if (o.headers) wrap.append(kv(o.headers));
  if (o.body !== undefined) wrap.append(el('pre', { className: 'body-text', text: bodyText(o.body, o.bodyEncoding) }));
  return wrap;
}

export function replayTab(d: CaptureDetail, replay: () => void): HTMLElement {
  const wrap = el('div');
  if (d.replay) wrap.append(outcomeBlock('Replay: your app answered', d.replay));
  if (d.forward) wrap.append(outcomeBlock('Auto-forward: your app answered', d.forward));
  if (!d.replay && !d.forward) wrap.append(el('p', { className: 'muted', text: 'Not replayed yet. Replay resends the exact method, headers and body bytes to your app.' }));
  const btn = el('button', { text: 'Replay to…' });
  btn.dataset.action = 'replay';
  btn.addEventListener('click', replay);
  wrap.append(btn);
  return wrap;
}
