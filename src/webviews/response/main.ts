// The response panel. Received data is shown as text only (textContent), never parsed as HTML.
import type { FromResponseWebview, ResponseTab, ResponseViewState, ToResponseWebview } from '../../shared/protocol/response';
import { el } from '../state';
import { BodyView } from './bodyView';
import { renderHeaders, renderRequest, renderTiming, sizeText, statusClass } from './sections';

declare function acquireVsCodeApi(): { postMessage(m: FromResponseWebview): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const post = (m: FromResponseWebview) => vscode.postMessage(m);
const app = document.getElementById('app')!;

let state: ResponseViewState | undefined;
let tab: ResponseTab = ((vscode.getState() as { tab?: ResponseTab } | null)?.tab) ?? 'body';
let busy = false;
let body: BodyView | undefined;

function button(label: string, title: string, onClick: () => void, secondary = true): HTMLButtonElement {
  const b = el('button', { text: label, title, className: secondary ? 'secondary' : undefined });
  b.addEventListener('click', onClick);
  return b;
}

function render(): void {
  app.replaceChildren();
  if (!state) { app.append(el('p', { className: 'muted', text: 'Waiting for a response…' })); return; }
  const s = state;
  const head = el('div', { className: 'summary' },
    el('span', { className: `status ${statusClass(s.status)}`, text: s.statusText }),
    el('span', { className: 'muted', text: `${s.durationMs} ms` }),
    el('span', { className: 'muted', text: sizeText(s.body.size) }),
    el('span', { className: 'request-line mono', text: `${s.method} ${s.url}`, title: `${s.method} ${s.url}` }),
  );
  if (busy || s.busy) head.append(el('span', { className: 'busy', text: 'Sending…' }));
  if (s.fromHistory) head.append(el('span', { className: 'muted', text: '(from history: the body was not kept; re-send to see it)' }));
  const hasResponse = s.status !== undefined;
  const toolbar = el('div', { className: 'toolbar' },
    button('Re-run', 'Send this request again', () => post({ type: 'rerun' }), false),
    button('Copy body', 'Copy the whole body', () => post({ type: 'copyBody' })),
    button('Save body', 'Save the body bytes to a file', () => post({ type: 'saveBody' })),
    button('Save full response', 'Save status line, headers and body', () => post({ type: 'saveFull' })),
    button('Copy as cURL', 'Copy a curl command that sends this request', () => post({ type: 'copyCurl' })),
  );
  for (const b of Array.from(toolbar.querySelectorAll('button')).slice(1, 4)) b.disabled = !hasResponse;
  const tabs = el('div', { className: 'tabs' });
  const tabNames: Array<[ResponseTab, string]> = [['body', 'Body'], ['headers', `Headers (${s.headers.length})`], ['raw', 'Raw'], ['timing', 'Timing'], ['request', 'Request']];
  for (const [id, label] of tabNames) {
    const b = button(label, label, () => { tab = id; vscode.setState({ tab }); render(); });
    b.className = id === tab ? 'active' : '';
    tabs.append(b);
  }
  const content = el('div', { className: 'content' });
  if (s.error) content.append(el('p', { className: 'status-err error', text: s.error }));
  if (s.assertions.length) {
    const passed = s.assertions.filter((a) => a.passed).length;
    const failed = s.assertions.filter((a) => !a.passed && !a.skipped).length;
    content.append(el('p', { className: failed ? 'status-err' : 'status-ok', text: `Assertions: ${passed} passed${failed ? `, ${failed} failed` : ''}` }));
  }
  switch (tab) {
    case 'body': content.append(body!.element(false)); break;
    case 'raw': content.append(body!.element(true)); break;
    case 'headers': content.append(renderHeaders(s.headers)); break;
    case 'timing': content.append(renderTiming(s.timings, s.totalMs)); break;
    case 'request': content.append(renderRequest(s)); break;
  }
  app.append(head, toolbar, tabs, content);
  reportRendered();
}

function reportRendered(): void {
  if (!state) return;
  post({ type: 'rendered', summary: { id: state.id, title: state.title, statusText: state.statusText, headerCount: state.headers.length, bodyView: state.body.view, bodyChars: body?.shownChars ?? 0, tab } });
}

window.addEventListener('message', (ev: MessageEvent<ToResponseWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'show':
      state = m.state;
      busy = !!m.state.busy;
      body = new BodyView(m.state, (offset) => post({ type: 'moreBody', id: m.state.id, offset }), reportRendered);
      render();
      break;
    case 'bodyChunk':
      if (state && m.id === state.id) body?.append(m.offset, m.text, m.done);
      break;
    case 'showMore':
      body?.showMore();
      break;
    case 'busy':
      busy = m.busy;
      render();
      break;
  }
});

render();
post({ type: 'ready' });
