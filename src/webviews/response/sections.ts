// The header, timing and request sections of the response panel (text only).
import type { ResponseViewState, TimingPhase } from '../../shared/protocol/response';
import { el } from '../state';

export function statusClass(status: number | undefined): string {
  if (status === undefined || status >= 500) return 'status-err';
  if (status >= 400) return 'status-warn';
  if (status >= 300) return 'status-redirect';
  return 'status-ok';
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function renderHeaders(headers: Array<[string, string]>): HTMLElement {
  if (!headers.length) return el('p', { className: 'muted', text: 'No headers.' });
  const table = el('table', { className: 'kv headers' });
  for (const [n, v] of headers) table.append(el('tr', {}, el('td', { text: n }), el('td', { className: 'mono', text: v })));
  return table;
}

export function renderTiming(phases: TimingPhase[], totalMs: number): HTMLElement {
  if (!phases.length) return el('p', { className: 'muted', text: 'No timings: no response arrived.' });
  const sum = Math.max(1, phases.reduce((a, p) => a + p.ms, 0));
  const box = el('div', { className: 'timing' });
  let offset = 0;
  for (const p of phases) {
    const bar = el('div', { className: `bar bar-${p.name}` });
    bar.style.marginLeft = `${(offset / sum) * 100}%`;
    bar.style.width = `${Math.max(0.5, (p.ms / sum) * 100)}%`;
    offset += p.ms;
    box.append(el('div', { className: 'timing-row' }, el('span', { className: 'timing-label', text: p.label }), el('div', { className: 'track' }, bar), el('span', { className: 'timing-ms mono', text: `${p.ms.toFixed(1)} ms` })));
  }
  box.append(el('div', { className: 'timing-row total' }, el('span', { className: 'timing-label', text: 'Total' }), el('div', { className: 'track' }), el('span', { className: 'timing-ms mono', text: `${totalMs} ms` })));
  box.append(el('p', { className: 'muted', text: 'DNS, connect and TLS are absent when a kept-alive connection was reused.' }));
  return box;
}

export function renderRequest(s: ResponseViewState): HTMLElement {
  const box = el('div', { className: 'request' });
  box.append(el('pre', { className: 'mono', text: `${s.method} ${s.url}` }));
  box.append(el('h4', { text: 'Request headers (secrets masked)' }), renderHeaders(s.requestHeaders));
  if (s.redirects.length) {
    box.append(el('h4', { text: 'Redirects' }));
    for (const r of s.redirects) box.append(el('div', { className: 'mono', text: `${r.status} → ${r.url}` }));
  }
  if (s.assertions.length) {
    box.append(el('h4', { text: 'Assertions' }));
    for (const a of s.assertions) {
      const mark = a.skipped ? '–' : a.passed ? '✓' : '✗';
      box.append(el('div', { className: a.skipped ? 'muted' : a.passed ? 'status-ok' : 'status-err', text: `${mark} ${a.text}${a.passed || a.skipped ? '' : ` — ${a.message}`}` }));
    }
  }
  return box;
}
