/**
 * The capture panel's message protocol (extension host ⟷ webview). Everything in these messages
 * that came from a captured request is untrusted: the webview renders it as text only.
 * Flow: the webview posts `ready`; the host answers `init` (listener state, total) and then
 * `page`s of summaries, oldest first; afterwards new captures arrive as `append` (those of the
 * last few milliseconds together, so a burst of thousands stays a few hundred messages).
 * Details and body bytes are fetched on demand (`getDetail`, `getBody` in chunks).
 */

export type SignatureState = { provider: string; valid: boolean | null; reason?: string };

/** One list row. */
export interface CaptureRow {
  id: string;
  method: string;
  url: string;
  receivedAt: number;
  status: number;
  bodySize: number;
  rejected: boolean;
  signature?: SignatureState;
  endpoint?: string;
}

/** What the listener answered. Small reply bodies are kept as text (or base64 when not UTF-8). */
export interface ReplySent {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  bodyEncoding?: 'base64';
  bodySize: number;
  /** who answered: a responder's label, 'rule:…', 'endpoint:…', 'default', 'limit' */
  source: string;
}

/** The outcome of sending a capture to an app (auto-forward or replay). */
export interface SendOutcome {
  url: string;
  at: number;
  ok: boolean;
  status?: number;
  headers?: Array<[string, string]>;
  /** response body as text (UTF-8) or base64, cut at 64 KB */
  body?: string;
  bodyEncoding?: 'base64';
  bodySize?: number;
  timeMs: number;
  error?: string;
}

/** What arrived: one captured request's facts, without its body bytes. */
export interface ReceivedRequest {
  id: string;
  method: string;
  /** path and query exactly as received */
  url: string;
  /** header pairs as received: [name, value, name, value, …] */
  rawHeaders: string[];
  httpVersion: string;
  remoteAddress: string;
  remotePort?: number;
  /** ms since epoch */
  receivedAt: number;
  /** from the first byte received to the reply handed to the socket */
  durationMs: number;
  /** bytes of body kept (the exact bytes received) */
  bodySize: number;
}

/** Everything about one capture except its body bytes. */
export interface CaptureDetail extends ReceivedRequest {
  contentType?: string;
  rejected?: { reason: string; receivedBytes: number; limit: number };
  endpoint?: string;
  reply: ReplySent;
  signature?: SignatureState;
  forward?: SendOutcome;
  replay?: SendOutcome;
}

export type DetailTab = 'overview' | 'headers' | 'query' | 'body' | 'signature' | 'response' | 'replay' | 'discord';

export type FilterField = 'any' | 'method' | 'path' | 'header' | 'body';

export interface ListenerInfo {
  running: boolean;
  url?: string;
  forwardTo?: string;
}

export type ToCapturesWebview =
  | { type: 'init'; listener: ListenerInfo; total: number; selectId?: string; tab?: DetailTab }
  | { type: 'page'; rows: CaptureRow[]; last: boolean }
  /** new captures since the last message, oldest first (one per burst, never the whole list) */
  | { type: 'append'; rows: CaptureRow[] }
  | { type: 'update'; row: CaptureRow }
  | { type: 'remove'; ids: string[] }
  | { type: 'clear' }
  | { type: 'listener'; listener: ListenerInfo }
  | { type: 'select'; id: string; tab?: DetailTab }
  | { type: 'detail'; detail: CaptureDetail }
  | { type: 'detailMissing'; id: string }
  /** a slice of the body's exact bytes, base64 */
  | { type: 'body'; id: string; offset: number; base64: string; total: number }
  | { type: 'filterResult'; reqId: number; ids: string[] }
  /** sets the filter box (e.g. "captures with this header"); the webview runs it as if typed */
  | { type: 'setFilter'; field: FilterField; text: string }
  /** the "Show all" button of the body tab, pressed from the extension */
  | { type: 'showAll' };

export type BodyView = 'pretty' | 'raw' | 'hex' | 'form' | 'image';

/** What the webview reports after each render; the integration tests read it. */
export interface CapturesPanelState {
  selectedId?: string;
  activeTab: DetailTab;
  bodyView?: BodyView;
  /** rows in the (filtered) list */
  rowCount: number;
  /** rows currently in the DOM (the list is virtualized) */
  renderedRows: number;
  /** the first 200 characters of the body text as rendered */
  bodyText: string;
  /** characters of body text in the DOM */
  bodyLength: number;
  /** whole body fetched */
  bodyComplete: boolean;
  /** the text of the detail pane (first 2,000 characters) */
  detailText: string;
  /** image previews shown and decoded (the body's Image view) */
  previewImages: number;
  /** elements that must never appear inside the detail pane from captured data */
  imgCount: number;
  scriptCount: number;
  filter: string;
}

export type FromCapturesWebview =
  | { type: 'ready' }
  | { type: 'getDetail'; id: string }
  | { type: 'getBody'; id: string; offset: number; length: number }
  | { type: 'filter'; reqId: number; field: FilterField; text: string }
  | { type: 'action'; action: 'replay' | 'exportHttp' | 'copyCurl' | 'delete' | 'setSecret'; id: string }
  | { type: 'state'; state: CapturesPanelState }
  /** only sent if something injected into the page ran (the tests assert it never arrives) */
  | { type: 'scriptExecuted' };
