/**
 * Shapes of a Discord "Execute Webhook" request and of the message Discord sends back, as documented in
 * discord/discord-api-docs (resources/webhook, resources/message, resources/poll). Only the fields a
 * webhook may set are typed; anything else passes through untouched (Discord ignores unknown fields).
 */

export interface EmbedFooter { text: string; icon_url?: string }
export interface EmbedMedia { url: string }
export interface EmbedAuthor { name: string; url?: string; icon_url?: string }
export interface EmbedField { name: string; value: string; inline?: boolean }

export interface Embed {
  title?: string;
  type?: 'rich';
  description?: string;
  url?: string;
  /** ISO8601 timestamp shown in the footer */
  timestamp?: string;
  /** 0xRRGGBB as an integer */
  color?: number;
  footer?: EmbedFooter;
  image?: EmbedMedia;
  thumbnail?: EmbedMedia;
  author?: EmbedAuthor;
  fields?: EmbedField[];
}

export interface AllowedMentions {
  parse?: Array<'roles' | 'users' | 'everyone'>;
  roles?: string[];
  users?: string[];
  replied_user?: boolean;
}

export interface PollMedia { text?: string; emoji?: { id?: string; name?: string } }
export interface PollCreate {
  question: PollMedia;
  answers: Array<{ poll_media: PollMedia }>;
  /** hours, up to 32 days; Discord's default is 24 */
  duration?: number;
  allow_multiselect?: boolean;
  layout_type?: number;
}

export interface AttachmentRequest { id: number | string; filename?: string; description?: string }

/** The JSON body of Execute Webhook (sent as is, or as `payload_json` next to `files[n]`). */
export interface WebhookPayload {
  content?: string;
  username?: string;
  avatar_url?: string;
  tts?: boolean;
  embeds?: Embed[];
  allowed_mentions?: AllowedMentions;
  components?: unknown[];
  attachments?: AttachmentRequest[];
  flags?: number;
  thread_name?: string;
  applied_tags?: string[];
  poll?: PollCreate;
  [other: string]: unknown;
}

/** A file sent as `files[n]` in a multipart request. */
export interface WebhookFile {
  name: string;
  contentType: string;
  data: Buffer;
}

/** A payload and the files that go with it: what a sample builds and what the sender sends. */
export interface OutgoingMessage {
  payload: WebhookPayload;
  files?: WebhookFile[];
  /** post into this thread (sent as the `thread_id` query parameter, not in the body) */
  threadId?: string;
}

/** The message object Discord returns for `?wait=true`, GET and PATCH (the fields ApiHook reads). */
export interface DiscordMessage {
  id: string;
  channel_id: string;
  timestamp: string;
  edited_timestamp: string | null;
  content: string;
  webhook_id?: string;
  author: { id: string; username: string; avatar: string | null; bot?: boolean; discriminator?: string };
  embeds: Embed[];
  attachments: Array<{ id: string; filename: string; size: number; content_type?: string; description?: string; url: string }>;
  flags?: number;
  [other: string]: unknown;
}

/** Message flags a webhook may set (resources/message "Message Flags"). */
export const MessageFlags = {
  SUPPRESS_EMBEDS: 1 << 2,
  SUPPRESS_NOTIFICATIONS: 1 << 12,
  IS_COMPONENTS_V2: 1 << 15,
} as const;
