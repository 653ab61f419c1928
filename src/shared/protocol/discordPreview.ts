/**
 * Messages between the Discord preview panel (src/webviews/discordPreview) and the extension
 * (src/vscode/discord/previewPanel.ts). Imports nothing: both sides compile it.
 */

/** A file that goes with the message (multipart `files[n]`), for the attachments list and `attachment://` images. */
export interface PreviewAttachment {
  filename: string;
  /** a `data:` URI of the file's bytes, when it is an image small enough to show */
  dataUri?: string;
  size?: number;
}

/** One validation problem, shown under the message. */
export interface PreviewIssue {
  path: string;
  message: string;
}

/** What the panel shows: a payload, where it came from, and what is wrong with it. */
export interface DiscordPreviewContent {
  /** the Execute Webhook JSON body (may be anything: it is rendered defensively) */
  payload: unknown;
  /** e.g. "Sample: Rich embed" or "requests.http, line 12" */
  source: string;
  attachments?: PreviewAttachment[];
  issues?: PreviewIssue[];
  /** set when the body could not be read as JSON */
  parseError?: string;
}

/** What the panel reports after each render: read back from the DOM it built. */
export interface DiscordPreviewRenderState {
  /** username shown on the message */
  username: string;
  embedCount: number;
  /** the text of every embed title, in order */
  titles: string[];
  fieldCount: number;
  /** the first embed's author name, if any */
  authorName?: string;
  /** the colour bar of each embed, as CSS `rgb(…)` or '' when the embed has none */
  colorBars: string[];
  /** text of the message content as shown */
  contentText: string;
  hasPoll: boolean;
  attachmentCount: number;
  issueCount: number;
  source: string;
}

export type ToDiscordPreview = { type: 'show'; content: DiscordPreviewContent };

export type FromDiscordPreview =
  | { type: 'ready' }
  | { type: 'rendered'; state: DiscordPreviewRenderState };
