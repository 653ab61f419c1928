// The body of a response, shown in pieces: the first piece comes with the state, "Show more" asks for
// the next. Pretty-printing runs per piece (see formatters.ts), so a 10 MB body never blocks the panel.
import type { ResponseViewState } from '../../shared/protocol/response';
import { el } from '../state';
import { createJsonFormatter, createPlainFormatter, createXmlFormatter, type IncrementalFormatter } from './formatters';

const MAX_FILTER_LINES = 5000;

export class BodyView {
  private loaded = 0;
  private waiting = false;
  private readonly formatter: IncrementalFormatter;
  private readonly formattedParts: string[] = [];
  private readonly pretty = el('pre', { className: 'body mono' });
  private readonly raw = el('pre', { className: 'body mono' });
  private readonly filtered = el('pre', { className: 'body mono filtered' });
  private readonly filterInfo = el('span', { className: 'muted' });
  private readonly filterInput = el('input');
  private readonly moreButtons: HTMLButtonElement[] = [];
  private filterTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: ResponseViewState, private readonly requestMore: (offset: number) => void, private readonly changed: () => void) {
    const view = state.body.view;
    this.formatter = view === 'json' ? createJsonFormatter() : view === 'xml' ? createXmlFormatter() : createPlainFormatter();
    const head = [`HTTP/${state.httpVersion} ${state.statusText}`, ...state.headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\n');
    this.raw.append(document.createTextNode(state.status !== undefined ? head : ''));
    this.filterInput.type = 'search';
    this.filterInput.placeholder = 'Filter lines…';
    this.filterInput.setAttribute('aria-label', 'Show only body lines that contain this text');
    this.filterInput.addEventListener('input', () => {
      if (this.filterTimer) clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => this.applyFilter(), 150);
    });
    this.add(state.body.firstChunk, state.body.firstChunk.length >= state.body.totalChars);
  }

  /** characters of body text loaded into the panel */
  get shownChars(): number { return this.loaded; }

  append(offset: number, text: string, done: boolean): void {
    if (offset !== this.loaded) return;
    this.waiting = false;
    this.add(text, done);
    this.changed();
  }

  private add(text: string, done: boolean): void {
    this.loaded += text.length;
    this.raw.append(document.createTextNode(text));
    let formatted = this.formatter.push(text);
    if (done || this.loaded >= this.state.body.totalChars) formatted += this.formatter.end();
    if (formatted) {
      this.formattedParts.push(formatted);
      this.pretty.append(document.createTextNode(formatted));
    }
    this.updateMore();
    if (this.filterInput.value) this.applyFilter();
  }

  private remaining(): number { return this.state.body.totalChars - this.loaded; }

  private updateMore(): void {
    for (const b of this.moreButtons) {
      b.hidden = this.remaining() <= 0;
      b.disabled = this.waiting;
      b.textContent = `Show more (${Math.round(this.loaded / 1024)} of ${Math.round(this.state.body.totalChars / 1024)} KB shown)`;
    }
  }

  private moreButton(): HTMLButtonElement {
    const b = el('button', { className: 'secondary more' });
    b.addEventListener('click', () => this.showMore());
    this.moreButtons.push(b);
    this.updateMore();
    return b;
  }

  /** asks the extension for the next piece of the body */
  showMore(): void {
    if (this.waiting || this.remaining() <= 0) return;
    this.waiting = true;
    this.updateMore();
    this.requestMore(this.loaded);
  }

  private applyFilter(): void {
    const q = this.filterInput.value.toLowerCase();
    this.filtered.replaceChildren();
    if (!q) { this.filterInfo.textContent = ''; this.pretty.hidden = false; this.filtered.hidden = true; return; }
    const lines = this.formattedParts.join('').split('\n');
    const hits: string[] = [];
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.toLowerCase().includes(q)) continue;
      count++;
      if (hits.length < MAX_FILTER_LINES) hits.push(`${String(i + 1).padStart(6)}  ${lines[i]}`);
    }
    this.filtered.textContent = hits.join('\n');
    this.filterInfo.textContent = `${count} matching line${count === 1 ? '' : 's'}${this.remaining() > 0 ? ' in the part shown' : ''}`;
    this.pretty.hidden = true;
    this.filtered.hidden = false;
  }

  /** The body tab (pretty, with filter) or the raw tab (status line, headers, body as received). */
  element(rawView: boolean): HTMLElement {
    this.moreButtons.length = 0;
    const s = this.state;
    const box = el('div', { className: 'body-box' });
    if (rawView) {
      box.append(this.raw, this.moreButton());
      return box;
    }
    if (s.body.note) box.append(el('p', { className: 'muted', text: s.body.note }));
    if (s.body.view === 'image' && s.body.imageDataUri) {
      const img = el('img', { className: 'body-image', title: `${s.contentType}, ${s.body.size} bytes` });
      img.src = s.body.imageDataUri;
      img.alt = 'Response image';
      box.append(img);
      return box;
    }
    if (s.body.view === 'empty') {
      if (s.status !== undefined) box.append(el('p', { className: 'muted', text: 'No body.' }));
      return box;
    }
    if (s.body.view === 'binary') return box;
    if (s.body.view === 'html') box.append(el('p', { className: 'muted', text: 'HTML is shown as source (the panel never runs received pages).' }));
    box.append(el('div', { className: 'filter' }, this.filterInput, this.filterInfo), this.pretty, this.filtered, this.moreButton());
    this.filtered.hidden = !this.filterInput.value;
    this.pretty.hidden = !!this.filterInput.value;
    return box;
  }
}
