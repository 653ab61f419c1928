/**
 * Messages between the response panel (src/webviews/response) and the extension
 * (src/vscode/http/responsePanel.ts). Handshake: the webview posts `ready`; the extension answers with
 * `show`. Body text arrives in pieces: the first with `show`, more on `moreBody`.
 */

/** How the body is shown. */
export type BodyView = 'json' | 'xml' | 'html' | 'image' | 'text' | 'binary' | 'empty';

/** One bar of the timing breakdown, in ms. */
export interface TimingPhase {
  name: 'dns' | 'connect' | 'tls' | 'wait' | 'download';
  label: string;
  ms: number;
}

export interface ResponseBodyState {
  view: BodyView;
  /** body bytes */
  size: number;
  /** characters of text the extension can send in pieces (0 for images and binary) */
  totalChars: number;
  /** the first piece of text */
  firstChunk: string;
  /** an image's bytes as a data: URI, for `image` */
  imageDataUri?: string;
  /** why the body is not (fully) shown, e.g. binary, or not kept in history */
  note?: string;
}

export interface AssertionState {
  text: string;
  passed: boolean;
  skipped: boolean;
  message: string;
}

/** Everything the panel shows for one exchange. */
export interface ResponseViewState {
  /** exchange id, echoed back in `moreBody` */
  id: number;
  /** the request's name or title, else `METHOD url` */
  title: string;
  method: string;
  /** URL with secrets masked */
  url: string;
  status?: number;
  statusText: string;
  httpVersion: string;
  durationMs: number;
  contentType: string;
  /** response headers in order */
  headers: Array<[string, string]>;
  /** sent headers, secrets masked */
  requestHeaders: Array<[string, string]>;
  timings: TimingPhase[];
  totalMs: number;
  redirects: Array<{ status: number; url: string }>;
  assertions: AssertionState[];
  body: ResponseBodyState;
  /** why the request failed, when it did (no response) */
  error?: string;
  /** shown from history: the body was not kept, re-send to see it */
  fromHistory?: boolean;
  /** a send of this request is in flight */
  busy?: boolean;
}

export type ToResponseWebview =
  | { type: 'show'; state: ResponseViewState }
  | { type: 'bodyChunk'; id: number; offset: number; text: string; done: boolean }
  | { type: 'busy'; busy: boolean }
  /** load the next piece of the body, as the "Show more" button does */
  | { type: 'showMore' };

/** What the webview says it rendered, for tests and the panel's log. */
export interface RenderedSummary {
  id: number;
  title: string;
  statusText: string;
  headerCount: number;
  bodyView: BodyView;
  /** characters of body text on screen */
  bodyChars: number;
  tab: ResponseTab;
}

export type ResponseTab = 'body' | 'headers' | 'raw' | 'timing' | 'request';

export type FromResponseWebview =
  | { type: 'ready' }
  | { type: 'rendered'; summary: RenderedSummary }
  | { type: 'moreBody'; id: number; offset: number }
  | { type: 'copyBody' }
  | { type: 'saveBody' }
  | { type: 'saveFull' }
  | { type: 'copyCurl' }
  | { type: 'rerun' };
