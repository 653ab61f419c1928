/** A request while the parser is still reading it, and how it becomes a finished `RequestBlock`. */
import type { BodySource, RequestBlock, ScriptBlock } from '../model';
import { detectBodyKind } from './bodyKind';
import { firstNonSpace, type LineSource } from './lineScan';

export type BodyItem =
  | { kind: 'text'; from: number; to: number }
  | { kind: 'file'; from: number; to: number; path: string; substitute: boolean; encoding?: string };

export interface Draft {
  title?: string;
  name?: string;
  /** first line that belongs to the block (comment, directive, script or request line), -1 while none */
  startLine: number;
  lastLine: number;
  requestLine: number;
  method: string;
  url: string;
  httpVersion?: string;
  headers: RequestBlock['headers'];
  directives: RequestBlock['directives'];
  preScripts: ScriptBlock[];
  handlers: ScriptBlock[];
  redirects: RequestBlock['redirects'];
  assertions: RequestBlock['assertions'];
  body: BodyItem[];
  /** a comment line was seen inside the body since the last body item */
  bodyCommentGap: boolean;
  curlBody?: BodySource;
}

/**
 * Most requests have no directives, scripts, redirects or assertions: they all share this frozen empty
 * array instead of allocating their own (a parse of 10,000 requests makes 50,000 fewer objects).
 */
export const EMPTY_LIST: never[] = Object.freeze([]) as unknown as never[];

export type ListKey = 'directives' | 'preScripts' | 'handlers' | 'redirects' | 'assertions';

export function addTo<K extends ListKey>(d: Draft, key: K, item: Draft[K][number]): void {
  let list = d[key] as Array<Draft[K][number]>;
  if (list === EMPTY_LIST) { list = []; (d as unknown as Record<ListKey, unknown>)[key] = list; }
  list.push(item);
}

export function newDraft(title?: string): Draft {
  return {
    title, startLine: -1, lastLine: -1, requestLine: -1, method: 'GET', url: '',
    headers: [], directives: EMPTY_LIST, preScripts: EMPTY_LIST, handlers: EMPTY_LIST, redirects: EMPTY_LIST, assertions: EMPTY_LIST,
    body: [], bodyCommentGap: false,
  };
}

/** Marks line `i` as belonging to the draft's block. */
export function touch(d: Draft, i: number): void {
  if (d.startLine < 0) d.startLine = i;
  if (i > d.lastLine) d.lastLine = i;
}

export function addBodyText(d: Draft, i: number): void {
  const last = d.body.length ? d.body[d.body.length - 1] : undefined;
  if (last && last.kind === 'text' && !d.bodyCommentGap) last.to = i;
  else d.body.push({ kind: 'text', from: i, to: i });
  d.bodyCommentGap = false;
  touch(d, i);
}

function isBlank(line: string): boolean {
  return firstNonSpace(line) === line.length;
}

/** Newlines between two body items: one for the line break, one more per blank line between them. */
function gap(src: LineSource, from: number, to: number): string {
  let s = '\n';
  for (let i = from + 1; i < to; i++) if (isBlank(src.line(i))) s += '\n';
  return s;
}

function textOf(src: LineSource, item: { from: number; to: number }): string {
  return src.text(item.from, item.to);
}

function buildBody(d: Draft, src: LineSource): BodySource {
  if (d.curlBody) return d.curlBody;
  const items = d.body;
  if (items.length === 0) return { kind: 'none' };
  const range = { startLine: items[0].from, endLine: items[items.length - 1].to };
  if (items.length === 1) {
    const it = items[0];
    if (it.kind === 'file') return { kind: 'file', path: it.path, substitute: it.substitute, encoding: it.encoding, range };
  }
  let onlyText = true;
  for (const it of items) if (it.kind === 'file') { onlyText = false; break; }
  if (onlyText) {
    let text = textOf(src, items[0]);
    for (let k = 1; k < items.length; k++) text += gap(src, items[k - 1].to, items[k].from) + textOf(src, items[k]);
    return { kind: 'text', text, range };
  }
  const parts: Extract<BodySource, { kind: 'mixed' }>['parts'] = [];
  let pending = '';
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (k > 0) pending += gap(src, items[k - 1].to, it.from);
    if (it.kind === 'text') pending += textOf(src, it);
    else {
      if (pending) parts.push({ kind: 'text', text: pending });
      pending = '';
      parts.push({ kind: 'file', path: it.path, substitute: it.substitute, encoding: it.encoding });
    }
  }
  if (pending) parts.push({ kind: 'text', text: pending });
  return { kind: 'mixed', parts, range };
}

export function finishDraft(d: Draft, src: LineSource, fromCurl: boolean): RequestBlock {
  const body = buildBody(d, src);
  const block: RequestBlock = {
    method: d.method,
    url: d.url,
    headers: d.headers,
    body,
    bodyKind: detectBodyKind(d.method, d.headers, body),
    directives: d.directives,
    preScripts: d.preScripts,
    handlers: d.handlers,
    redirects: d.redirects,
    assertions: d.assertions,
    range: { startLine: d.startLine < 0 ? d.requestLine : d.startLine, endLine: Math.max(d.lastLine, d.requestLine) },
    requestLine: d.requestLine,
  };
  if (d.name !== undefined) block.name = d.name;
  if (d.title !== undefined) block.title = d.title;
  if (d.httpVersion !== undefined) block.httpVersion = d.httpVersion;
  if (fromCurl) block.fromCurl = true;
  return block;
}
