import type {
  BodyView, CaptureDetail, CaptureRow, CapturesPanelState, DetailTab, FilterField, FromCapturesWebview, ListenerInfo, ToCapturesWebview,
} from '../../shared/protocol/captures';
import { el } from '../state';
import { availableViews, BodyBuffer, FIRST_SLICE, NEXT_SLICE, painted, renderBody } from './bodyPane';
import { headersTab, overviewTab, queryTab, replayTab, responseTab, signatureTab } from './detailTabs';
import { base64ToBytes, formatBytes } from './format';
import { captureRow } from './row';
import { VirtualList } from './virtualList';
import { readRenderedMessage, renderDiscordMessage } from '../discordPreview/render';

declare function acquireVsCodeApi(): { postMessage(m: FromCapturesWebview): void };
const vscode = acquireVsCodeApi();
const post = (m: FromCapturesWebview): void => vscode.postMessage(m);
// A canary for the tests: injected markup calling it would prove that captured data ran as code.
(window as unknown as { __apihookInjected: () => void }).__apihookInjected = () => post({ type: 'scriptExecuted' });

const TABS: Array<[DetailTab, string]> = [['overview', 'Overview'], ['headers', 'Headers'], ['query', 'Query'], ['body', 'Body'], ['signature', 'Signature'], ['response', 'Response sent'], ['replay', 'Replay']];
const VIEW_LABEL: Record<BodyView, string> = { pretty: 'Pretty', raw: 'Raw', hex: 'Hex', form: 'Form', image: 'Image' };

/** JSON bodies this small are fetched with the detail, to tell whether they are Discord messages. */
const PEEK_MAX = 1024 * 1024;

// ------------------------------------------------------------------ state
const all: CaptureRow[] = []; // oldest first
const byId = new Map<string, CaptureRow>();
let view: CaptureRow[] = []; // newest first, filtered
let hostMatches: Set<string> | undefined;
let filterField: FilterField = 'any';
let filterText = '';
let filterReq = 0;
let selectedId: string | undefined;
let activeTab: DetailTab = 'overview';
let bodyView: BodyView | undefined;
let detail: CaptureDetail | undefined;
let body: BodyBuffer | undefined;
let bodyEl: HTMLElement | undefined;
let listener: ListenerInfo = { running: false };
let discord: { id: string; payload: unknown } | undefined;

/** The body as a Discord execute-webhook payload, when it is one (content, embeds, poll, …). */
function discordPayload(): unknown {
  if (!body || !body.complete || !detail || body.id !== detail.id) return undefined;
  if (discord?.id === body.id) return discord.payload;
  let payload: unknown;
  try {
    const v = JSON.parse(new TextDecoder().decode(body.bytes())) as Record<string, unknown>;
    if (v && typeof v === 'object' && !Array.isArray(v) && (typeof v.content === 'string' || Array.isArray(v.embeds) || typeof v.poll === 'object')) payload = v;
  } catch { /* not JSON */ }
  discord = { id: body.id, payload };
  return payload;
}

// ------------------------------------------------------------------ layout
const app = document.getElementById('app') as HTMLElement;
const status = el('span', { className: 'listener' });
const fieldSel = el('select', { title: 'Search in' });
for (const [v, t] of [['any', 'Any field'], ['method', 'Method'], ['path', 'Path'], ['header', 'Header'], ['body', 'Body text']] as const) {
  const o = el('option', { text: t }); o.value = v; fieldSel.append(o);
}
const input = el('input', { title: 'Filter captures' });
input.type = 'search';
input.placeholder = 'Filter: POST, /github, x-github-event, text in bodies…';
const count = el('span', { className: 'muted count' });
const list = new VirtualList<CaptureRow>(renderRow, () => report());
const detailHead = el('div', { className: 'detail-head' });
const tabsBar = el('div', { className: 'tabs' });
const detailBox = el('div', { className: 'detail-content' });
detailBox.id = 'detail';
const detailPane = el('div', { className: 'detail' }, detailHead, tabsBar, detailBox);
app.append(el('div', { className: 'toolbar' }, status, fieldSel, input, count), el('div', { className: 'layout' }, list.root, detailPane));

function renderRow(row: CaptureRow): HTMLElement {
  return captureRow(row, row.id === selectedId, () => select(row.id));
}

// ------------------------------------------------------------------ list & filter
function localMatch(row: CaptureRow): boolean {
  if (!filterText) return true;
  const n = filterText.toLowerCase();
  if (filterField === 'method') return row.method.toLowerCase() === n;
  if (filterField === 'path') return row.url.toLowerCase().includes(n);
  return hostMatches ? hostMatches.has(row.id) : true;
}

function rebuildView(): void {
  view = [];
  for (let i = all.length - 1; i >= 0; i--) if (localMatch(all[i])) view.push(all[i]);
  list.setItems(view);
  updateCount();
}

function updateCount(): void {
  count.textContent = filterText ? `${view.length} of ${all.length}` : `${all.length} capture${all.length === 1 ? '' : 's'}`;
}

let filterTimer = 0;
function onFilterChange(): void {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
    const changed = filterField !== fieldSel.value || filterText !== input.value.trim();
    filterField = fieldSel.value as FilterField;
    filterText = input.value.trim();
    if (changed) hostMatches = undefined;
    if (filterText && (filterField === 'header' || filterField === 'body' || filterField === 'any')) {
      post({ type: 'filter', reqId: ++filterReq, field: filterField, text: filterText });
      if (changed) hostMatches = new Set();
    }
    rebuildView();
  }, 200);
}
input.addEventListener('input', onFilterChange);
fieldSel.addEventListener('change', onFilterChange);

list.root.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  e.preventDefault();
  const i = view.findIndex((r) => r.id === selectedId);
  const next = view[Math.max(0, Math.min(view.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) select(next.id);
});

function renderListener(): void {
  status.textContent = listener.running ? `● Listening on ${listener.url ?? ''}${listener.forwardTo ? ` → ${listener.forwardTo}` : ''}` : '○ Listener stopped';
  status.className = `listener ${listener.running ? 'status-ok' : 'muted'}`;
}

// ------------------------------------------------------------------ selection & detail
function select(id: string, tab?: DetailTab): void {
  if (tab) activeTab = tab;
  if (selectedId !== id) {
    selectedId = id;
    detail = undefined;
    body = undefined;
    bodyView = undefined;
    post({ type: 'getDetail', id });
  }
  const i = view.findIndex((r) => r.id === id);
  if (i >= 0) list.reveal(i);
  list.schedule();
  renderDetail();
}

function action(a: 'replay' | 'exportHttp' | 'copyCurl' | 'delete' | 'setSecret'): void {
  if (selectedId) post({ type: 'action', action: a, id: selectedId });
}

function renderDetail(): void {
  detailHead.replaceChildren();
  tabsBar.replaceChildren();
  detailBox.replaceChildren();
  bodyEl = undefined;
  const row = selectedId ? byId.get(selectedId) : undefined;
  if (!row) {
    detailBox.append(el('p', { className: 'muted', text: all.length ? 'Select a capture.' : 'No captures yet. Send a request to the listener URL.' }));
    report();
    return;
  }
  detailHead.append(el('span', { className: 'title', text: `#${row.id} ${row.method} ${row.url}` }));
  for (const [a, label] of [['replay', 'Replay…'], ['exportHttp', 'Open as .http'], ['copyCurl', 'Copy cURL'], ['delete', 'Delete']] as const) {
    const b = el('button', { className: 'secondary', text: label });
    b.dataset.action = a;
    b.addEventListener('click', () => action(a));
    detailHead.append(b);
  }
  const tabs = [...TABS];
  const haveDetail = detail?.id === row.id;
  const bodyLoaded = haveDetail && !!body && body.id === row.id && body.complete;
  const mayBeDiscord = haveDetail && !bodyLoaded && (detail?.bodySize ?? 0) > 0 && (detail?.bodySize ?? 0) <= PEEK_MAX && /json/i.test(detail?.contentType ?? '');
  if ((bodyLoaded && discordPayload() !== undefined) || (activeTab === 'discord' && (mayBeDiscord || !haveDetail))) tabs.splice(4, 0, ['discord', 'Discord']);
  if (activeTab === 'discord' && haveDetail && !tabs.some(([t]) => t === 'discord')) activeTab = 'body';
  for (const [t, label] of tabs) {
    const b = el('button', { className: t === activeTab ? 'active' : '', text: label });
    b.dataset.tab = t;
    b.addEventListener('click', () => { activeTab = t; renderDetail(); });
    tabsBar.append(b);
  }
  if (!detail || detail.id !== row.id) { detailBox.append(el('p', { className: 'muted', text: 'Loading…' })); report(); return; }
  const d = detail;
  switch (activeTab) {
    case 'overview': detailBox.append(overviewTab(d)); break;
    case 'headers': detailBox.append(headersTab(d)); break;
    case 'query': detailBox.append(queryTab(d)); break;
    case 'signature': detailBox.append(signatureTab(d, () => action('setSecret'))); break;
    case 'response': detailBox.append(responseTab(d)); break;
    case 'replay': detailBox.append(replayTab(d, () => action('replay'))); break;
    case 'discord': {
      const box = el('div', { className: 'discord-preview' });
      box.dataset.own = 'discord';
      const payload = discordPayload();
      if (payload === undefined) { detailBox.append(el('p', { className: 'muted', text: 'Loading the body…' })); break; }
      renderDiscordMessage(box, payload, { sentAt: new Date(d.receivedAt) });
      const r = readRenderedMessage(box);
      detailBox.append(el('div', { className: 'muted', text: `As Discord shows it: ${r.embedCount} embed(s)${r.hasPoll ? ', a poll' : ''}. Remote images are not loaded.` }), box);
      break;
    }
    default: renderBodyTab(d); return;
  }
  report();
}

function renderBodyTab(d: CaptureDetail): void {
  if (d.bodySize === 0) {
    detailBox.append(el('p', { className: 'muted', text: d.rejected ? `The body (${formatBytes(d.rejected.receivedBytes)}) was over the limit and not kept.` : 'No body.' }));
    report();
    return;
  }
  if (!body || body.id !== d.id) {
    body = new BodyBuffer(d.id, d.bodySize);
    post({ type: 'getBody', id: d.id, offset: 0, length: FIRST_SLICE });
  }
  if (body.loaded === 0) { detailBox.append(el('p', { className: 'muted', text: 'Loading the body…' })); report(); return; }
  const views = availableViews(d, body);
  if (!bodyView || !views.includes(bodyView)) bodyView = views[0];
  const bar = el('div', { className: 'views' });
  for (const v of views) {
    const b = el('button', { className: v === bodyView ? 'secondary active' : 'secondary', text: VIEW_LABEL[v] });
    b.dataset.view = v;
    b.addEventListener('click', () => { bodyView = v; renderDetail(); });
    bar.append(b);
  }
  detailBox.append(bar);
  const current = body;
  bodyEl = renderBody(detailBox, d, current, bodyView, () => post({ type: 'getBody', id: d.id, offset: current.loaded, length: NEXT_SLICE }), () => report());
  report();
}

// ------------------------------------------------------------------ reporting (the tests read it)
/** The first 2,000 characters of the detail pane's text, without reading a whole big body. */
function detailSummary(): string {
  let out = '';
  const walker = document.createTreeWalker(detailPane, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && out.length < 2000; n = walker.nextNode()) out += (n.nodeValue ?? '').slice(0, 2000 - out.length);
  return out;
}

let reportFrame = 0;
function report(): void {
  if (reportFrame) return;
  reportFrame = requestAnimationFrame(() => {
    reportFrame = 0;
    const state: CapturesPanelState = {
      selectedId, activeTab, bodyView: activeTab === 'body' ? bodyView : undefined,
      rowCount: view.length, renderedRows: list.renderedCount,
      bodyText: bodyEl ? painted.head : '',
      bodyLength: bodyEl ? painted.length : 0,
      bodyComplete: !!body && body.complete,
      previewImages: [...detailPane.querySelectorAll<HTMLImageElement>('img[data-own="preview"]')].filter((i) => i.complete && i.naturalWidth > 0).length,
      detailText: detailSummary(),
      // our own image preview and the Discord rendering are marked data-own; anything else would be injected
      imgCount: detailPane.querySelectorAll('img:not([data-own]):not([data-own] img)').length,
      scriptCount: detailPane.querySelectorAll('script').length + list.root.querySelectorAll('script, img').length,
      filter: filterText,
    };
    post({ type: 'state', state });
  });
}

// ------------------------------------------------------------------ messages from the extension
let pendingSelect: { id: string; tab?: DetailTab } | undefined;
window.addEventListener('message', (e: MessageEvent<ToCapturesWebview>) => {
  const m = e.data;
  switch (m.type) {
    case 'init':
      all.length = 0; byId.clear(); listener = m.listener; renderListener();
      if (m.selectId) pendingSelect = { id: m.selectId, tab: m.tab };
      rebuildView();
      break;
    case 'page':
      for (const r of m.rows) { all.push(r); byId.set(r.id, r); }
      if (m.last) {
        rebuildView();
        const want = pendingSelect ?? (selectedId && byId.has(selectedId) ? { id: selectedId } : undefined);
        pendingSelect = undefined;
        if (want) { const keep = selectedId; selectedId = undefined; if (keep !== want.id) body = undefined; select(want.id, want.tab); } else renderDetail();
      }
      break;
    case 'append': {
      const fresh: CaptureRow[] = [];
      for (const r of m.rows) { all.push(r); byId.set(r.id, r); if (localMatch(r)) fresh.push(r); }
      if (fresh.length) { view = [...fresh.reverse(), ...view]; list.setItems(view); }
      if (hostMatches && filterText) onFilterChange();
      updateCount();
      if (pendingSelect && byId.has(pendingSelect.id)) { const want = pendingSelect; pendingSelect = undefined; select(want.id, want.tab); } else if (!selectedId) renderDetail();
      break;
    }
    case 'update': {
      const i = all.findIndex((r) => r.id === m.row.id);
      if (i >= 0) all[i] = m.row;
      byId.set(m.row.id, m.row);
      rebuildView();
      if (m.row.id === selectedId) post({ type: 'getDetail', id: m.row.id });
      break;
    }
    case 'remove': {
      const gone = new Set(m.ids);
      for (let i = all.length - 1; i >= 0; i--) if (gone.has(all[i].id)) all.splice(i, 1);
      for (const id of m.ids) byId.delete(id);
      if (selectedId && gone.has(selectedId)) { selectedId = undefined; detail = undefined; body = undefined; }
      rebuildView(); renderDetail();
      break;
    }
    case 'clear':
      all.length = 0; byId.clear(); selectedId = undefined; detail = undefined; body = undefined; rebuildView(); renderDetail();
      break;
    case 'listener': listener = m.listener; renderListener(); break;
    case 'select': if (byId.has(m.id)) select(m.id, m.tab); else pendingSelect = { id: m.id, tab: m.tab }; break;
    case 'detail':
      if (m.detail.id === selectedId) {
        detail = m.detail;
        if (activeTab !== 'body' && (!body || body.id !== detail.id) && detail.bodySize > 0 && detail.bodySize <= PEEK_MAX && /json/i.test(detail.contentType ?? '')) {
          body = new BodyBuffer(detail.id, detail.bodySize);
          post({ type: 'getBody', id: detail.id, offset: 0, length: FIRST_SLICE });
        }
        renderDetail();
      }
      break;
    case 'detailMissing': if (m.id === selectedId) { detailBox.replaceChildren(el('p', { className: 'muted', text: `Capture #${m.id} is no longer stored.` })); report(); } break;
    case 'body':
      if (body && body.id === m.id) {
        body.add(m.offset, base64ToBytes(m.base64));
        if (m.id === selectedId) {
          // "Show all" keeps fetching until complete, then paints once.
          if (m.offset > 0 && !body.complete) post({ type: 'getBody', id: m.id, offset: body.loaded, length: NEXT_SLICE });
          else if (activeTab === 'body' || activeTab === 'discord' || discordPayload() !== undefined) renderDetail();
        }
      }
      break;
    case 'showAll':
      (detailBox.querySelector('button[data-action="show-all"]') as HTMLButtonElement | null)?.click();
      break;
    case 'setFilter':
      fieldSel.value = m.field;
      input.value = m.text;
      onFilterChange();
      break;
    case 'filterResult':
      if (m.reqId === filterReq) { hostMatches = new Set(m.ids); rebuildView(); report(); }
      break;
  }
});

renderListener();
renderDetail();
post({ type: 'ready' });
