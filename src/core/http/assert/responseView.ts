import type { HttpResponse } from '../model';

/**
 * A read-only view of a response that assertions and scripts share: header lookup, the body as bytes,
 * text and (when it is JSON) a parsed value, each computed once on first use.
 */
export interface ResponseView {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<[string, string]>;
  /** all values of a header (case-insensitive), in order */
  headerValues(name: string): string[];
  /** the values of a header joined with ', ', or undefined when absent */
  header(name: string): string | undefined;
  readonly bytes: Buffer;
  readonly text: string;
  /** true when the content type is JSON (application/json, +json) or the body parses as JSON */
  readonly isJson: boolean;
  /** the parsed body when it is JSON, else undefined */
  readonly json: unknown;
  /** lower-case mime type without parameters, '' when absent */
  readonly mimeType: string;
  readonly charset: string | undefined;
  /** total time in ms */
  readonly duration: number;
  readonly url: string;
}

const UNPARSED = Symbol('unparsed');

/** Builds a view of `response` whose body bytes are `bytes` (read by the caller when the sender streamed it to a file). */
export function createResponseView(response: HttpResponse, bytes: Buffer): ResponseView {
  const contentType = lookup(response.headers, 'content-type')[0] ?? '';
  const mimeType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const charsetMatch = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  const charset = charsetMatch?.[1]?.toLowerCase();
  let text: string | undefined;
  let parsed: unknown = UNPARSED;
  const jsonType = /[/+]json$/.test(mimeType) || mimeType === 'application/json';

  const view: ResponseView = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    headerValues: (name) => lookup(response.headers, name),
    header: (name) => {
      const values = lookup(response.headers, name);
      return values.length ? values.join(', ') : undefined;
    },
    bytes,
    get text() {
      if (text === undefined) text = decode(bytes, charset);
      return text;
    },
    get json() {
      if (parsed === UNPARSED) parsed = tryParseJson(view.text, jsonType);
      return parsed;
    },
    get isJson() {
      return view.json !== undefined;
    },
    mimeType,
    charset,
    duration: response.timings.total,
    url: response.url,
  };
  return view;
}

function lookup(headers: ReadonlyArray<[string, string]>, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

function decode(bytes: Buffer, charset: string | undefined): string {
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // unknown charset label: fall back to UTF-8
    }
  }
  return bytes.toString('utf8');
}

function tryParseJson(text: string, declared: boolean): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!declared && !/^[[{]/.test(trimmed)) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}
