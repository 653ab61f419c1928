import type { DiscordMessage, Embed, WebhookFile, WebhookPayload } from './types';

/**
 * The emulator's memory of sent messages: builds message objects shaped like Discord's (ids are real
 * snowflakes from the injected clock), keeps the newest `capacity` per emulator, and applies edits.
 */

const DISCORD_EPOCH = 1420070400000n;

export class SnowflakeMaker {
  private increment = 0n;
  constructor(private readonly now: () => number) {}
  next(): string {
    const ms = BigInt(Math.max(Number(DISCORD_EPOCH), Math.floor(this.now())));
    const id = ((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | (this.increment++ & 0xfffn);
    return id.toString();
  }
}

export interface StoredMessage {
  webhookId: string;
  token: string;
  message: DiscordMessage;
  files: WebhookFile[];
}

export class EmulatorMessageStore {
  private readonly byId = new Map<string, StoredMessage>();

  constructor(private readonly capacity: number) {}

  add(entry: StoredMessage): void {
    this.byId.set(entry.message.id, entry);
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value as string;
      this.byId.delete(oldest);
    }
  }

  get(webhookId: string, token: string, messageId: string): StoredMessage | undefined {
    const e = this.byId.get(messageId);
    return e && e.webhookId === webhookId && e.token === token ? e : undefined;
  }

  delete(messageId: string): void {
    this.byId.delete(messageId);
  }

  all(): StoredMessage[] {
    return [...this.byId.values()];
  }

  get size(): number { return this.byId.size; }
}

/** A channel id for a webhook: stable per webhook, so messages of one webhook share a channel. */
export function channelIdFor(webhookId: string): string {
  let h = 0n;
  for (const ch of webhookId) h = (h * 31n + BigInt(ch.charCodeAt(0))) & ((1n << 56n) - 1n);
  return (h + 100000000000000000n).toString();
}

export interface BuildInput {
  id: string;
  webhookId: string;
  payload: WebhookPayload;
  files: WebhookFile[];
  threadId?: string;
  now: number;
  baseUrl: string;
  attachmentIds: () => string;
}

export function buildMessage(input: BuildInput): DiscordMessage {
  const { payload: p, files } = input;
  const meta = Array.isArray(p.attachments) ? p.attachments : [];
  const channelId = input.threadId ?? channelIdFor(input.webhookId);
  const message: DiscordMessage = {
    type: 0,
    id: input.id,
    channel_id: channelId,
    content: typeof p.content === 'string' ? p.content.trim() : '',
    author: { id: input.webhookId, username: typeof p.username === 'string' ? p.username.trim() : 'Captain Hook', avatar: null, discriminator: '0000', bot: true },
    attachments: files.map((f, i) => {
      const id = input.attachmentIds();
      const m = meta.find((a) => String(a.id) === String(i));
      return {
        id,
        filename: m?.filename ?? f.name,
        size: f.data.length,
        content_type: f.contentType,
        ...(m?.description ? { description: m.description } : {}),
        url: `${input.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(m?.filename ?? f.name)}`,
      };
    }),
    embeds: (Array.isArray(p.embeds) ? p.embeds : []).map(normaliseEmbed),
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: p.tts === true,
    timestamp: discordTime(input.now),
    edited_timestamp: null,
    flags: typeof p.flags === 'number' ? p.flags : 0,
    components: Array.isArray(p.components) ? p.components : [],
    webhook_id: input.webhookId,
  };
  if (p.poll && typeof p.poll === 'object') {
    const hours = typeof p.poll.duration === 'number' ? p.poll.duration : 24;
    message.poll = {
      question: p.poll.question,
      answers: p.poll.answers.map((a, i) => ({ answer_id: i + 1, poll_media: a.poll_media })),
      expiry: discordTime(input.now + hours * 3600_000),
      allow_multiselect: p.poll.allow_multiselect === true,
      layout_type: p.poll.layout_type ?? 1,
      results: { is_finalized: false, answer_counts: [] },
    };
  }
  return message;
}

/** Applies a PATCH: only the fields present change; new files are appended. */
export function applyEdit(stored: StoredMessage, edit: WebhookPayload, files: WebhookFile[], built: DiscordMessage, now: number): void {
  const m = stored.message;
  if ('content' in edit) m.content = typeof edit.content === 'string' ? edit.content.trim() : '';
  if ('embeds' in edit) m.embeds = built.embeds;
  if ('flags' in edit) m.flags = built.flags;
  if ('components' in edit) m.components = built.components;
  if ('attachments' in edit && Array.isArray(edit.attachments)) {
    const keep = new Set(edit.attachments.map((a) => String(a.id)));
    m.attachments = m.attachments.filter((a) => keep.has(a.id));
  }
  m.attachments.push(...built.attachments);
  stored.files.push(...files);
  m.edited_timestamp = discordTime(now);
}

function normaliseEmbed(e: Embed): Embed {
  const out: Embed = { type: 'rich', ...e };
  for (const key of ['title', 'description'] as const) if (typeof out[key] === 'string') out[key] = out[key].trim();
  return out;
}

/** Discord's timestamp form: 2017-07-11T17:27:07.299000+00:00 */
export function discordTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
