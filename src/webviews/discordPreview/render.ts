import { link, renderMarkdown } from './mdDom';

/**
 * Renders a Discord Execute Webhook payload the way the Discord client shows the message: avatar and
 * name, content with markdown, embeds (colour bar, author, title link, description, inline field grid,
 * thumbnail, image, footer and timestamp), attachments and poll. Pure DOM (createElement/textContent):
 * the payload is untrusted and checked field by field, so any JSON renders without throwing.
 * Also used by the webhook capture panel for Discord-shaped captures; style it with media/discord.css.
 */

export interface RenderOptions {
  /** files sent with the message (multipart `files[n]`); `dataUri` shows images and resolves `attachment://` */
  attachments?: Array<{ filename: string; dataUri?: string }>;
  /** name shown when the payload sets no `username` (default "Webhook") */
  defaultUsername?: string;
  /** when the message is shown as sent (default now) */
  sentAt?: Date;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const SUPPRESS_EMBEDS = 1 << 2;
const SUPPRESS_NOTIFICATIONS = 1 << 12;
/**
 * Text longer than Discord ever shows is cut (with a note) so a huge captured body cannot stall the
 * panel: twice Discord's own limits, so over-long text still shows as over-long.
 */
const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters not shown)` : s);

function h<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An image that turns into a labelled box when it cannot load (offline, blocked host). */
function img(className: string, src: string, fallback: string): HTMLElement {
  const e = h('img', className);
  e.alt = '';
  e.addEventListener('error', () => {
    const box = h('div', `${className} dc-img-blocked`, fallback);
    box.title = src.startsWith('data:') ? 'inline image' : src;
    e.replaceWith(box);
  }, { once: true });
  e.src = src;
  return e;
}

export function renderDiscordMessage(container: HTMLElement, payload: unknown, opts: RenderOptions = {}): void {
  container.replaceChildren();
  const p: Obj = isObj(payload) ? payload : {};
  const files = opts.attachments ?? [];
  const fileUri = (url: string) => (url.startsWith('attachment://') ? files.find((f) => f.filename === url.slice(13))?.dataUri : undefined);
  const imgSrc = (v: unknown): string | undefined => {
    const url = str(v);
    if (!url) return undefined;
    if (url.startsWith('attachment://')) return fileUri(url);
    return /^(https:\/\/|data:image\/)/i.test(url) ? url : undefined;
  };

  const msg = h('div', 'dc-message');
  const username = str(p.username)?.trim() ?? opts.defaultUsername ?? 'Webhook';
  const avatar = imgSrc(p.avatar_url);
  if (avatar) {
    const fallbackLetter = [...username][0]?.toUpperCase() ?? '?';
    const a = img('dc-avatar', avatar, fallbackLetter);
    a.addEventListener('error', () => msg.querySelector('.dc-img-blocked.dc-avatar')?.classList.add('dc-avatar-fallback'));
    msg.append(a);
  } else {
    msg.append(h('div', 'dc-avatar dc-avatar-fallback', [...username][0]?.toUpperCase() ?? '?'));
  }

  const body = h('div', 'dc-body');
  const header = h('div', 'dc-header');
  header.append(h('span', 'dc-username', username), h('span', 'dc-app-tag', 'APP'), h('span', 'dc-time', formatSentAt(opts.sentAt ?? new Date())));
  body.append(header);

  const flags = typeof p.flags === 'number' ? p.flags : 0;
  const notes: string[] = [];
  if (flags & SUPPRESS_NOTIFICATIONS) notes.push('@silent: delivered without a notification');
  if (str(p.thread_name)) notes.push(`Creates a forum post titled “${String(p.thread_name)}”`);
  if (p.tts === true) notes.push('Read aloud (text-to-speech)');
  if (isObj(p.allowed_mentions) && Array.isArray(p.allowed_mentions.parse) && p.allowed_mentions.parse.length === 0) notes.push('Mentions ping nobody (allowed_mentions)');
  for (const n of notes) body.append(h('div', 'dc-note', n));

  if (typeof p.content === 'string' && p.content !== '') {
    const content = h('div', 'dc-content');
    content.append(renderMarkdown(clip(p.content, 4000), { maskedLinks: true }));
    body.append(content);
  }

  const embeds = Array.isArray(p.embeds) && !(flags & SUPPRESS_EMBEDS) ? p.embeds.slice(0, 20).filter(isObj) : [];
  if (embeds.length) {
    const list = h('div', 'dc-embeds');
    for (const e of embeds) list.append(renderEmbed(e, imgSrc));
    body.append(list);
  }

  const usedInEmbeds = new Set(embeds.flatMap((e) => [e.image, e.thumbnail]).filter(isObj).map((m) => str(m.url)).filter((u): u is string => !!u?.startsWith('attachment://')).map((u) => u.slice(13)));
  const declared = Array.isArray(p.attachments) ? p.attachments.filter(isObj).map((a) => str(a.filename)).filter((f): f is string => !!f) : [];
  const names = [...new Set([...files.map((f) => f.filename), ...declared])].filter((n) => !usedInEmbeds.has(n));
  if (names.length) {
    const list = h('div', 'dc-attachments');
    for (const name of names) {
      const uri = files.find((f) => f.filename === name)?.dataUri;
      const item = h('div', 'dc-attachment');
      if (uri && /^data:image\//.test(uri)) {
        item.append(img('dc-attachment-image', uri, name));
      } else {
        item.append(h('span', 'dc-attachment-icon', '📄'), h('span', 'dc-attachment-name', name));
      }
      list.append(item);
    }
    body.append(list);
  }

  if (isObj(p.poll)) body.append(renderPoll(p.poll));
  if (Array.isArray(p.components) && p.components.length) body.append(h('div', 'dc-note', `${p.components.length} component row(s) (buttons, menus) not shown in the preview`));
  if (body.childElementCount === 1 + notes.length) body.append(h('div', 'dc-note dc-empty', 'Nothing to show: Discord refuses an empty message (50006).'));

  msg.append(body);
  container.append(msg);
}

function renderEmbed(e: Obj, imgSrc: (v: unknown) => string | undefined): HTMLElement {
  const embed = h('article', 'dc-embed');
  if (typeof e.color === 'number' && Number.isInteger(e.color) && e.color >= 0 && e.color <= 0xffffff) {
    embed.style.borderLeftColor = `#${e.color.toString(16).padStart(6, '0')}`;
    embed.dataset.color = String(e.color);
  }
  const grid = h('div', 'dc-embed-grid');
  const thumb = isObj(e.thumbnail) ? imgSrc(e.thumbnail.url) : undefined;

  if (isObj(e.author) && str(e.author.name)) {
    const author = h('div', 'dc-embed-author');
    const icon = imgSrc(e.author.icon_url);
    if (icon) author.append(img('dc-embed-author-icon', icon, ''));
    const name = String(e.author.name);
    const url = str(e.author.url);
    author.append(url ? link(url, name) : h('span', '', name));
    author.lastElementChild?.classList.add('dc-embed-author-name');
    grid.append(author);
  }
  if (str(e.title)) {
    const title = h('div', 'dc-embed-title');
    const url = str(e.url);
    const text = renderMarkdown(clip(String(e.title), 512));
    title.append(url ? link(url, text) : text);
    grid.append(title);
  }
  if (str(e.description)) {
    const d = h('div', 'dc-embed-description');
    d.append(renderMarkdown(clip(String(e.description), 8192), { maskedLinks: true }));
    grid.append(d);
  }
  const fields = Array.isArray(e.fields) ? e.fields.slice(0, 50).filter(isObj) : [];
  if (fields.length) grid.append(renderFields(fields, !!thumb));
  if (thumb) {
    grid.append(img('dc-embed-thumbnail', thumb, 'thumbnail'));
  } else if (isObj(e.thumbnail) && str(e.thumbnail.url)) {
    grid.append(h('div', 'dc-embed-thumbnail dc-img-blocked', 'thumbnail'));
  }
  if (isObj(e.image) && str(e.image.url)) {
    const src = imgSrc(e.image.url);
    if (src) grid.append(img('dc-embed-image', src, 'image (not loaded)'));
    else grid.append(h('div', 'dc-embed-image dc-img-blocked', `image: ${String(e.image.url)}`));
  }
  const footerText = isObj(e.footer) ? str(e.footer.text) : undefined;
  const ts = str(e.timestamp) ? new Date(String(e.timestamp)) : undefined;
  if (footerText || (ts && !Number.isNaN(ts.getTime()))) {
    const footer = h('div', 'dc-embed-footer');
    const icon = isObj(e.footer) ? imgSrc(e.footer.icon_url) : undefined;
    if (icon && footerText) footer.append(img('dc-embed-footer-icon', icon, ''));
    const parts = [footerText, ts && !Number.isNaN(ts.getTime()) ? formatSentAt(ts) : undefined].filter(Boolean);
    footer.append(h('span', 'dc-embed-footer-text', parts.join(' • ')));
    grid.append(footer);
  }
  embed.append(grid);
  return embed;
}

/** Discord's field grid: inline fields share a row, up to 3 (2 beside a thumbnail); others take a row. */
function renderFields(fields: Obj[], hasThumbnail: boolean): HTMLElement {
  const box = h('div', 'dc-embed-fields');
  const perRow = hasThumbnail ? 2 : 3;
  let run: Obj[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += perRow) {
      const row = run.slice(i, i + perRow);
      const span = 12 / row.length;
      row.forEach((f, k) => box.append(renderField(f, `${1 + k * span} / ${1 + (k + 1) * span}`)));
    }
    run = [];
  };
  for (const f of fields) {
    if (f.inline === true) { run.push(f); continue; }
    flush();
    box.append(renderField(f, '1 / 13'));
  }
  flush();
  return box;
}

function renderField(f: Obj, column: string): HTMLElement {
  const field = h('div', 'dc-embed-field');
  field.style.gridColumn = column;
  const name = h('div', 'dc-embed-field-name');
  name.append(renderMarkdown(typeof f.name === 'string' ? clip(f.name, 512) : ''));
  const value = h('div', 'dc-embed-field-value');
  value.append(renderMarkdown(typeof f.value === 'string' ? clip(f.value, 2048) : '', { maskedLinks: true }));
  field.append(name, value);
  return field;
}

function renderPoll(poll: Obj): HTMLElement {
  const box = h('div', 'dc-poll');
  const q = isObj(poll.question) ? str(poll.question.text) : undefined;
  box.append(h('div', 'dc-poll-question', q ?? '(no question)'));
  box.append(h('div', 'dc-poll-hint', poll.allow_multiselect === true ? 'Select one or more answers' : 'Select one answer'));
  const answers = Array.isArray(poll.answers) ? poll.answers.slice(0, 20).filter(isObj) : [];
  for (const a of answers) {
    const media = isObj(a.poll_media) ? a.poll_media : {};
    const row = h('div', 'dc-poll-answer');
    const emoji = isObj(media.emoji) ? str(media.emoji.name) : undefined;
    if (emoji) row.append(h('span', 'dc-poll-emoji', emoji));
    row.append(h('span', 'dc-poll-text', str(media.text) ?? ''));
    box.append(row);
  }
  const hours = typeof poll.duration === 'number' ? poll.duration : 24;
  box.append(h('div', 'dc-poll-footer', `${answers.length} answers · ${hours}h left`));
  return box;
}

function formatSentAt(d: Date): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(d);
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return `Today at ${time}`;
  return `${new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)} ${time}`;
}

/** What a render produced, read back from the DOM (the panel reports it; tests assert on it). */
export function readRenderedMessage(container: HTMLElement): {
  username: string; embedCount: number; titles: string[]; fieldCount: number; authorName?: string;
  colorBars: string[]; contentText: string; hasPoll: boolean; attachmentCount: number;
} {
  const embeds = [...container.querySelectorAll<HTMLElement>('.dc-embed')];
  const author = container.querySelector('.dc-embed-author-name')?.textContent ?? undefined;
  return {
    username: container.querySelector('.dc-username')?.textContent ?? '',
    embedCount: embeds.length,
    titles: [...container.querySelectorAll('.dc-embed-title')].map((t) => t.textContent ?? ''),
    fieldCount: container.querySelectorAll('.dc-embed-field').length,
    ...(author ? { authorName: author } : {}),
    colorBars: embeds.map((e) => e.style.borderLeftColor),
    contentText: container.querySelector('.dc-content')?.textContent ?? '',
    hasPoll: !!container.querySelector('.dc-poll'),
    attachmentCount: container.querySelectorAll('.dc-attachment').length,
  };
}
