/**
 * A responder decides how the listener answers one request. The listener asks its responders in
 * order (e.g. the Discord emulator first, then the configured rules, then the default reply); the
 * first that returns a reply wins. Every request is captured whatever answers it.
 */
export interface IncomingRequestView {
  method: string;
  /** path and query as received, e.g. `/api/webhooks/1/abc?wait=true` */
  url: string;
  /** raw header pairs as received: [name, value, name, value, …] like node's `rawHeaders` */
  rawHeaders: string[];
  /** exact body bytes */
  body: Buffer;
  /** time received, ms since epoch */
  receivedAt: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** wait this long before answering */
  delayMs?: number;
  /** a short label of who answered, shown with the capture, e.g. 'discord-emulator', 'rule:/github' */
  source?: string;
  /** the listener's own JSON reply (`builtinReplyBody`) with its content type, nothing else: set by the rules only */
  builtin?: boolean;
}

export type Responder = (req: IncomingRequestView) => Reply | undefined | Promise<Reply | undefined>;
