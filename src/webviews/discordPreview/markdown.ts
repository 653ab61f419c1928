/**
 * The subset of Discord's markdown a webhook message shows, as a small tokenizer producing a tree of
 * nodes (no DOM here, so it is unit-tested in plain Node; `mdDom.ts` turns the nodes into elements).
 * Blocks: code fences, `> ` quotes, `>>> ` quote-to-end, `#`/`##`/`###` headings. Inline: bold,
 * italic, underline, strike, spoiler, inline code, masked and bare links, user/channel/role
 * mentions, @everyone/@here, timestamps `<t:…>`, custom emoji, backslash escapes.
 */

export type MdNode =
  | { t: 'text'; text: string }
  | { t: 'br' }
  | { t: 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler'; children: MdNode[] }
  | { t: 'code'; text: string }
  | { t: 'codeblock'; lang?: string; text: string }
  | { t: 'quote'; children: MdNode[] }
  | { t: 'heading'; level: 1 | 2 | 3; children: MdNode[] }
  | { t: 'link'; href: string; children: MdNode[] }
  | { t: 'mention'; kind: 'user' | 'channel' | 'role' | 'everyone' | 'here'; id?: string }
  | { t: 'timestamp'; unix: number; style: string }
  | { t: 'emoji'; name: string; id: string; animated: boolean };

export interface MdOptions {
  /** masked links `[text](url)`: Discord shows them in embeds and webhook messages */
  maskedLinks?: boolean;
}

const PAIRS: ReadonlyArray<{ delim: string; t: 'bold' | 'underline' | 'strike' | 'spoiler' }> = [
  { delim: '**', t: 'bold' },
  { delim: '__', t: 'underline' },
  { delim: '~~', t: 'strike' },
  { delim: '||', t: 'spoiler' },
];

/** Parses a message's text into nodes. Never throws; whatever is not markdown stays text. */
export function parseMarkdown(text: string, options: MdOptions = {}): MdNode[] {
  const out: MdNode[] = [];
  const fence = /```/g;
  let pos = 0;
  for (;;) {
    fence.lastIndex = pos;
    const open = fence.exec(text);
    const close = open ? text.indexOf('```', open.index + 3) : -1;
    if (!open || close < 0) {
      out.push(...parseBlocks(text.slice(pos), options));
      break;
    }
    if (open.index > pos) out.push(...parseBlocks(trimOneNewline(text.slice(pos, open.index), 'end'), options));
    out.push(codeBlock(text.slice(open.index + 3, close)));
    pos = close + 3;
    if (text[pos] === '\n') pos++;
  }
  return out;
}

function trimOneNewline(s: string, where: 'end'): string {
  return where === 'end' && s.endsWith('\n') ? s.slice(0, -1) : s;
}

function codeBlock(inner: string): MdNode {
  const m = /^([A-Za-z0-9_+#.-]+)\n/.exec(inner);
  const body = m ? inner.slice(m[0].length) : inner.replace(/^\n/, '');
  return { t: 'codeblock', ...(m ? { lang: m[1] } : {}), text: body.replace(/\n$/, '') };
}

/** Lines outside code fences: quotes, headings, and paragraphs joined by line breaks. */
function parseBlocks(text: string, options: MdOptions): MdNode[] {
  if (!text) return [];
  const lines = text.split('\n');
  const out: MdNode[] = [];
  let para: string[] = [];
  const flush = () => {
    if (!para.length) return;
    if (out.length && out[out.length - 1].t !== 'quote' && out[out.length - 1].t !== 'heading') out.push({ t: 'br' });
    out.push(...parseInline(para.join('\n'), options));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('>>> ')) {
      flush();
      out.push({ t: 'quote', children: parseInline([line.slice(4), ...lines.slice(i + 1)].join('\n'), options) });
      return out;
    }
    if (line.startsWith('> ') || line === '>') {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && (lines[i].startsWith('> ') || lines[i] === '>')) quoted.push(lines[i++].slice(2));
      i--;
      out.push({ t: 'quote', children: parseInline(quoted.join('\n'), options) });
      continue;
    }
    const h = /^(#{1,3}) (\S.*)$/.exec(line);
    if (h) {
      flush();
      out.push({ t: 'heading', level: h[1].length as 1 | 2 | 3, children: parseInline(h[2], options) });
      continue;
    }
    para.push(line);
  }
  flush();
  return out;
}

/** Inline markdown of one paragraph. */
export function parseInline(s: string, options: MdOptions = {}): MdNode[] {
  const out: MdNode[] = [];
  let text = '';
  const pushText = () => {
    if (text) out.push({ t: 'text', text });
    text = '';
  };
  const emit = (node: MdNode) => {
    pushText();
    out.push(node);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && /[\\*_~`|<>[\]()#@:-]/.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') { emit({ t: 'br' }); i++; continue; }
    if (c === '`') {
      const ticks = s.startsWith('``', i) ? 2 : 1;
      const end = s.indexOf('`'.repeat(ticks), i + ticks);
      if (end > i) {
        const inner = s.slice(i + ticks, end);
        if (inner.trim()) { emit({ t: 'code', text: ticks === 2 ? inner.trim() : inner }); i = end + ticks; continue; }
      }
    }
    const pair = PAIRS.find((p) => s.startsWith(p.delim, i));
    if (pair) {
      const end = findClose(s, pair.delim, i + 2);
      if (end > i + 2) {
        emit({ t: pair.t, children: parseInline(s.slice(i + 2, end), options) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && s[i + 1] !== c && s[i + 1] !== undefined && !/\s/.test(s[i + 1])) {
      const wordChar = c === '_' && i > 0 && /[A-Za-z0-9]/.test(s[i - 1]);
      const end = wordChar ? -1 : findClose(s, c, i + 1);
      if (end > i + 1 && !/\s/.test(s[end - 1]) && !(c === '_' && /[A-Za-z0-9]/.test(s[end + 1] ?? ''))) {
        emit({ t: 'italic', children: parseInline(s.slice(i + 1, end), options) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[' && options.maskedLinks) {
      const m = /^\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/.exec(s.slice(i));
      if (m) { emit({ t: 'link', href: m[2], children: parseInline(m[1], options) }); i += m[0].length; continue; }
    }
    if (c === '<') {
      const node = angle(s.slice(i));
      if (node) { emit(node.node); i += node.length; continue; }
    }
    if (c === 'h' && (s.startsWith('https://', i) || s.startsWith('http://', i)) && (i === 0 || !/[A-Za-z0-9]/.test(s[i - 1]))) {
      const m = /^https?:\/\/[^\s<]+[^\s<.,:;"')\]!?]/.exec(s.slice(i));
      if (m) { emit({ t: 'link', href: m[0], children: [{ t: 'text', text: m[0] }] }); i += m[0].length; continue; }
    }
    if (c === '@' && (s.startsWith('@everyone', i) || s.startsWith('@here', i))) {
      const kind = s.startsWith('@everyone', i) ? 'everyone' : 'here';
      emit({ t: 'mention', kind });
      i += kind.length + 1;
      continue;
    }
    text += c;
    i++;
  }
  pushText();
  return out;
}

/** `<@id>`, `<@!id>`, `<#id>`, `<@&id>`, `<t:unix[:style]>`, `<:name:id>`, `<a:name:id>`, `<https://…>`. */
function angle(s: string): { node: MdNode; length: number } | undefined {
  let m = /^<@!?(\d{1,20})>/.exec(s);
  if (m) return { node: { t: 'mention', kind: 'user', id: m[1] }, length: m[0].length };
  if ((m = /^<#(\d{1,20})>/.exec(s))) return { node: { t: 'mention', kind: 'channel', id: m[1] }, length: m[0].length };
  if ((m = /^<@&(\d{1,20})>/.exec(s))) return { node: { t: 'mention', kind: 'role', id: m[1] }, length: m[0].length };
  if ((m = /^<t:(-?\d{1,13})(?::([tTdDfFR]))?>/.exec(s))) return { node: { t: 'timestamp', unix: Number(m[1]), style: m[2] ?? 'f' }, length: m[0].length };
  if ((m = /^<(a?):(\w{2,32}):(\d{1,20})>/.exec(s))) return { node: { t: 'emoji', animated: m[1] === 'a', name: m[2], id: m[3] }, length: m[0].length };
  if ((m = /^<(https?:\/\/[^\s>]+)>/.exec(s))) return { node: { t: 'link', href: m[1], children: [{ t: 'text', text: m[1] }] }, length: m[0].length };
  return undefined;
}

/**
 * Where `delim` closes, searching from `from`: skips inline code spans, and for a one-character
 * delimiter skips doubled runs (`**` inside `*…*`), so `*a **b** c*` closes at the last `*`.
 */
function findClose(s: string, delim: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    if (s[j] === '\\') { j++; continue; }
    if (s[j] === '`') {
      const end = s.indexOf('`', j + 1);
      if (end > 0) { j = end; continue; }
    }
    if (!s.startsWith(delim, j)) continue;
    if (delim.length === 1) {
      if (s[j + 1] === delim) { j++; while (s[j + 1] === delim) j++; continue; }
      return j;
    }
    // a longer run (`***`) closes at its last two characters
    while (s[j + delim.length] === delim[0]) j++;
    return j;
  }
  return -1;
}
