import type { BodyView, CaptureDetail } from '../../shared/protocol/captures';
import { el } from '../state';
import { formPairs, formatBytes, hexDump, imageType, isFormType, isJsonType, isXmlType, looksLikeText, prettyJson, prettyXml } from './format';

/** Bytes fetched first; "Show all" fetches the rest in slices of this size. */
export const FIRST_SLICE = 512 * 1024;
export const NEXT_SLICE = 1024 * 1024;
/** Pretty-printing only for bodies up to this size (fully loaded). */
const PRETTY_MAX = 2 * 1024 * 1024;
/** Text is appended to the DOM in pieces of this many characters, one per frame. */
const PAINT_PIECE = 256 * 1024;

/** The body bytes of one capture as fetched so far. */
export class BodyBuffer {
  private chunks: Uint8Array[] = [];
  loaded = 0;
  constructor(readonly id: string, readonly total: number) {}
  add(offset: number, bytes: Uint8Array): void {
    if (offset !== this.loaded) return; // out of order: ignore, the next request asks again
    this.chunks.push(bytes);
    this.loaded += bytes.length;
  }
  get complete(): boolean { return this.loaded >= this.total; }
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.loaded);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    this.chunks = [out];
    return out;
  }
}

export function availableViews(detail: CaptureDetail, buf: BodyBuffer): BodyView[] {
  const bytes = buf.bytes();
  const text = looksLikeText(bytes);
  const views: BodyView[] = [];
  const head = text ? new TextDecoder().decode(bytes.subarray(0, 64)) : '';
  if (text && (isJsonType(detail.contentType, head) || isXmlType(detail.contentType, head))) views.push('pretty');
  if (text && isFormType(detail.contentType)) views.push('form');
  if (imageType(detail.contentType)) views.push('image');
  if (text) views.push('raw');
  views.push('hex');
  return views;
}

let painting = 0;

/** What the body view holds now (read by the state report without touching a 5 MB text node). */
export const painted = { head: '', length: 0 };

function setPainted(text: string): void {
  painted.head = text.slice(0, 200);
  painted.length = text.length;
}

/**
 * Appends long text piece by piece across frames, each piece its own block (cut at a line end when
 * there is one), so the page never lays out one giant text node again and a 5 MB body never blocks.
 */
function paintText(pre: HTMLElement, text: string, done: () => void): void {
  const token = ++painting;
  painted.head = text.slice(0, 200);
  painted.length = 0;
  let pos = 0;
  const step = (): void => {
    if (token !== painting) return;
    let end = Math.min(text.length, pos + PAINT_PIECE);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > pos) end = nl + 1;
    }
    pre.append(el('span', { className: 'piece', text: text.slice(pos, end) }));
    painted.length += end - pos;
    pos = end;
    if (pos < text.length) requestAnimationFrame(step); else done();
  };
  step();
}

/**
 * Renders a body in one view into `host` (text nodes only). Returns the element holding the body
 * text. `more` asks for the rest of the bytes; `rendered` runs once the text is fully painted.
 */
export function renderBody(host: HTMLElement, detail: CaptureDetail, buf: BodyBuffer, view: BodyView, more: () => void, rendered: () => void): HTMLElement {
  painting++;
  setPainted('');
  const bar = el('div', { className: 'body-bar muted' });
  const out = el('pre', { className: 'body-text' });
  host.append(bar, out);
  const size = `${formatBytes(buf.total)}${detail.contentType ? ` · ${detail.contentType}` : ''}`;
  bar.append(el('span', { text: buf.complete ? size : `${size} · showing the first ${formatBytes(buf.loaded)}` }));
  if (!buf.complete) {
    const all = el('button', { className: 'secondary', text: `Show all ${formatBytes(buf.total)}` });
    all.dataset.action = 'show-all';
    all.addEventListener('click', () => { all.disabled = true; all.textContent = 'Loading…'; more(); });
    bar.append(all);
  }
  const bytes = buf.bytes();
  if (view === 'hex') {
    const dump = hexDump(bytes);
    if (bytes.length > 64 * 1024) bar.append(el('span', { text: ` · hex of the first 64 KB` }));
    out.textContent = dump;
    setPainted(dump);
    rendered();
    return out;
  }
  if (view === 'image') {
    const type = imageType(detail.contentType);
    setPainted('');
    if (!buf.complete) { out.textContent = 'The preview needs the whole image: choose "Show all".'; rendered(); return out; }
    const img = document.createElement('img');
    img.dataset.own = 'preview';
    img.className = 'preview';
    img.alt = 'preview of the captured image';
    img.addEventListener('load', rendered, { once: true });
    img.src = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    host.append(img);
    rendered();
    return out;
  }
  const text = new TextDecoder().decode(bytes);
  if (view === 'form') {
    const table = el('table', { className: 'kv' });
    for (const [k, v] of formPairs(text)) table.append(el('tr', {}, el('td', { text: k }), el('td', { text: v })));
    out.replaceWith(table);
    setPainted(table.textContent ?? '');
    rendered();
    return table;
  }
  if (view === 'pretty') {
    if (!buf.complete || buf.total > PRETTY_MAX) {
      bar.append(el('span', { text: ' · too large to pretty-print: raw text' }));
    } else {
      const pretty = isXmlType(detail.contentType, text.slice(0, 64)) && !isJsonType(detail.contentType, text.slice(0, 64)) ? prettyXml(text) : prettyJson(text);
      if (pretty !== undefined) { paintText(out, pretty, rendered); return out; }
      bar.append(el('span', { text: ' · not valid JSON: raw text' }));
    }
  }
  paintText(out, text, rendered);
  return out;
}
