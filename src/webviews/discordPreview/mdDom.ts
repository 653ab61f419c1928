import { parseMarkdown, type MdNode, type MdOptions } from './markdown';

/**
 * Turns markdown nodes into DOM nodes with createElement/textContent only: message text is
 * untrusted, so nothing here ever goes through innerHTML.
 */

const TAG = { bold: 'strong', italic: 'em', underline: 'u', strike: 's', spoiler: 'span' } as const;

export function renderMarkdown(text: string, options: MdOptions = {}): DocumentFragment {
  return renderNodes(parseMarkdown(text, options));
}

export function renderNodes(nodes: readonly MdNode[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const n of nodes) frag.append(renderNode(n));
  return frag;
}

function renderNode(n: MdNode): Node {
  switch (n.t) {
    case 'text': return document.createTextNode(n.text);
    case 'br': return document.createElement('br');
    case 'bold': case 'italic': case 'underline': case 'strike': case 'spoiler': {
      const e = document.createElement(TAG[n.t]);
      if (n.t === 'spoiler') {
        e.className = 'dc-spoiler';
        e.title = 'Spoiler (click to reveal)';
        e.addEventListener('click', () => e.classList.add('revealed'));
      }
      e.append(renderNodes(n.children));
      return e;
    }
    case 'code': {
      const e = document.createElement('code');
      e.className = 'dc-inline-code';
      e.textContent = n.text;
      return e;
    }
    case 'codeblock': {
      const pre = document.createElement('pre');
      pre.className = 'dc-codeblock';
      const code = document.createElement('code');
      if (n.lang) code.dataset.lang = n.lang;
      code.textContent = n.text;
      pre.append(code);
      return pre;
    }
    case 'quote': {
      const q = document.createElement('blockquote');
      q.className = 'dc-quote';
      q.append(renderNodes(n.children));
      return q;
    }
    case 'heading': {
      const h = document.createElement(`h${n.level}`);
      h.className = 'dc-heading';
      h.append(renderNodes(n.children));
      return h;
    }
    case 'link': return link(n.href, renderNodes(n.children));
    case 'mention': return mention(n.kind, n.id);
    case 'timestamp': {
      const e = document.createElement('span');
      e.className = 'dc-timestamp';
      e.textContent = formatDiscordTimestamp(n.unix, n.style);
      e.title = new Date(n.unix * 1000).toString();
      return e;
    }
    case 'emoji': {
      const e = document.createElement('span');
      e.className = 'dc-emoji';
      e.textContent = `:${n.name}:`;
      e.title = `Custom emoji ${n.name} (${n.id})`;
      return e;
    }
  }
}

/** A link that only ever points at http(s); the panel turns clicks into "open externally". */
export function link(href: string, content: Node | string): HTMLAnchorElement {
  const a = document.createElement('a');
  if (/^https?:\/\//i.test(href)) a.href = href;
  a.title = href;
  a.rel = 'noreferrer noopener';
  a.append(content);
  return a;
}

function mention(kind: 'user' | 'channel' | 'role' | 'everyone' | 'here', id?: string): HTMLElement {
  const e = document.createElement('span');
  e.className = `dc-mention dc-mention-${kind}`;
  const label = { user: '@user', channel: '#channel', role: '@role', everyone: '@everyone', here: '@here' }[kind];
  e.textContent = label;
  e.title = id ? `${kind} ${id}` : `mentions ${kind}`;
  if (id) e.dataset.id = id;
  return e;
}

/** Discord's timestamp styles: t, T, d, D, f (default), F, R. */
export function formatDiscordTimestamp(unix: number, style: string, now = Date.now()): string {
  const d = new Date(unix * 1000);
  if (Number.isNaN(d.getTime())) return String(unix);
  const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(undefined, o).format(d);
  switch (style) {
    case 't': return f({ hour: '2-digit', minute: '2-digit' });
    case 'T': return f({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
    case 'd': return f({ year: 'numeric', month: '2-digit', day: '2-digit' });
    case 'D': return f({ year: 'numeric', month: 'long', day: 'numeric' });
    case 'F': return f({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    case 'R': return relative(d.getTime() - now);
    default: return f({ year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
}

function relative(ms: number): string {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const abs = Math.abs(ms);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['year', 31536e6], ['month', 2592e6], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];
  for (const [unit, size] of units) if (abs >= size) return rtf.format(Math.round(ms / size), unit);
  return rtf.format(Math.round(ms / 1000), 'second');
}
