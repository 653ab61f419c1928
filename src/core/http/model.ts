/**
 * The shapes that cross between the .http parser, the variable resolver, the sender, assertions and
 * the editor. The parser produces `HttpDocument` (text still holding {{variables}}); the resolver turns
 * one `RequestBlock` into an `OutgoingRequest`; the sender returns an `HttpResponse`.
 * Lines and columns are 0-based; line ranges are inclusive.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface Diagnostic {
  severity: Severity;
  message: string;
  line: number;
  startColumn: number;
  endColumn: number;
  /** stable id, e.g. 'unresolved-variable', 'invalid-header', 'missing-url' */
  code: string;
}

/** The body of a request as written, before variables are substituted. */
export type BodySource =
  | { kind: 'none' }
  | { kind: 'text'; text: string; range: LineRange }
  /** `< ./file` (raw) or `<@ ./file` (variables substituted in the file's text); encoding from `<@latin1` */
  | { kind: 'file'; path: string; substitute: boolean; encoding?: string; range: LineRange }
  /** body text mixing text lines and `< ./file` lines, e.g. multipart with file parts */
  | { kind: 'mixed'; parts: Array<{ kind: 'text'; text: string } | { kind: 'file'; path: string; substitute: boolean; encoding?: string }>; range: LineRange };

export type BodyKind = 'none' | 'json' | 'xml' | 'form' | 'multipart' | 'graphql' | 'text' | 'file';

/** A JetBrains response handler `> {% … %}` / `> ./file.js`, or a pre-request script `< {% … %}`. */
export interface ScriptBlock {
  kind: 'inline' | 'file';
  /** script source for inline, path for file */
  source: string;
  range: LineRange;
}

/** `>> ./file` (keep existing: add a suffix) or `>>! ./file` (overwrite). */
export interface ResponseRedirect {
  path: string;
  overwrite: boolean;
  range: LineRange;
}

/** httpYac-style assertion line `?? status == 200`. */
export interface AssertionLine {
  /** text after `??`, trimmed */
  text: string;
  line: number;
}

export interface RequestBlock {
  /** `# @name x` / `// @name x`, or undefined */
  name?: string;
  /** text after `###` on the separator line, trimmed, or undefined */
  title?: string;
  method: string;
  /** URL as written, variables not yet resolved, multi-line query joined */
  url: string;
  httpVersion?: string;
  headers: Array<{ name: string; value: string; line: number }>;
  body: BodySource;
  bodyKind: BodyKind;
  /** directives such as no-redirect, no-cookie-jar, note, timeout, prompt: name → values in order */
  directives: Array<{ name: string; value: string; line: number }>;
  preScripts: ScriptBlock[];
  handlers: ScriptBlock[];
  redirects: ResponseRedirect[];
  assertions: AssertionLine[];
  /** the whole block, from its first comment/directive line to its last non-blank line */
  range: LineRange;
  /** the request line (method + URL) */
  requestLine: number;
  /** set when the request came from a `curl …` command */
  fromCurl?: boolean;
}

export interface FileVariable {
  name: string;
  /** raw value, may contain {{other}} */
  value: string;
  line: number;
}

export interface HttpDocument {
  requests: RequestBlock[];
  fileVariables: FileVariable[];
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------- sending

export type OutgoingBody =
  | { kind: 'buffer'; data: Buffer }
  | { kind: 'file'; path: string }
  | { kind: 'multipart'; boundary: string; parts: Array<{ kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string }> };

/** A request with every variable resolved, ready to send. */
export interface OutgoingRequest {
  method: string;
  url: string;
  /** in order, duplicates allowed */
  headers: Array<[string, string]>;
  body?: OutgoingBody;
  httpVersion?: '1.1' | '2';
}

/**
 * Milliseconds. `dns`, `connect`, `tls` and `firstByte` are measured from the start of the final hop
 * (undefined where the phase did not happen: a reused connection, plain http, a proxy); `download`
 * runs from the first byte to the end of the body; `total` is the whole send, redirects included.
 */
export interface Timings {
  dns?: number;
  connect?: number;
  tls?: number;
  firstByte: number;
  download: number;
  total: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  /** in order as received, duplicates kept */
  headers: Array<[string, string]>;
  /** body bytes (decoded from gzip/br/deflate), or where it was streamed to disk above the threshold */
  body: { kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string; size: number };
  /** final URL after redirects */
  url: string;
  redirects: Array<{ status: number; url: string }>;
  timings: Timings;
  /** what was actually sent (after auth, cookies) — secrets masked only when displayed */
  request: OutgoingRequest;
}
