/** Reading a request line: `[METHOD] URL [HTTP/x]`. */
import { isSpace, lastNonSpaceEnd, tokenEnd } from './lineScan';

/** Methods of HTTP (RFC 9110 + WebDAV + PATCH) and the pseudo-methods of httpYac and JetBrains. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'CHECKOUT', 'CHECKIN', 'REPORT',
  'MERGE', 'MKACTIVITY', 'MKWORKSPACE', 'VERSION-CONTROL', 'BASELINE-CONTROL', 'SEARCH', 'PURGE', 'QUERY', 'LINK', 'UNLINK',
  'GRAPHQL', 'WEBSOCKET', 'WS', 'SSE', 'EVENTSOURCE', 'GRPC', 'MQTT', 'AMQP',
]);

export interface RequestLine {
  method: string;
  /** true when the line named its method; false when it defaulted to GET */
  explicitMethod: boolean;
  /** true when the first word looked like a method (upper case) but is not one we know */
  unknownMethod: boolean;
  url: string;
  urlColumn: number;
  httpVersion?: string;
}

/** First word upper-cased when it is a known method, else undefined. Cheap: no allocation for long words. */
export function methodAt(line: string, start: number): { method: string; end: number } | undefined {
  const end = tokenEnd(line, start);
  const len = end - start;
  if (len < 2 || len > 16) return undefined;
  const c = line.charCodeAt(start);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return undefined;
  const word = line.slice(start, end).toUpperCase();
  return KNOWN_METHODS.has(word) ? { method: word, end } : undefined;
}

/** URL-looking first token: scheme://, /path, {{var}}, host:port or host.tld. One regex, run only on candidate lines. */
const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/|\{\{|localhost\b|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)*:\d+|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/|$|\?))/i;

export function looksLikeUrl(token: string): boolean {
  return URL_START.test(token);
}

function isUpperWord(line: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c === 45 || c === 95)) return false;
  }
  return true;
}

/** Splits a trailing ` HTTP/1.1` off the URL part. */
function splitVersion(line: string, from: number, end: number): { urlEnd: number; version?: string } {
  // scan back for the last space-separated token
  let s = end;
  while (s > from && !isSpace(line.charCodeAt(s - 1))) s--;
  if (s > from && end - s >= 6 && line.startsWith('HTTP/', s)) {
    let ue = s;
    while (ue > from && isSpace(line.charCodeAt(ue - 1))) ue--;
    return { urlEnd: ue, version: line.slice(s + 5, end) };
  }
  return { urlEnd: end };
}

/**
 * Reads `line` (first non-space at `start`) as a request line. Returns undefined when the line is not one:
 * neither a known method nor something shaped like a URL nor an upper-case word followed by a URL.
 */
export function parseRequestLine(line: string, start: number): RequestLine | undefined {
  const end = lastNonSpaceEnd(line);
  const m = methodAt(line, start);
  if (m) {
    let u = m.end;
    while (u < end && isSpace(line.charCodeAt(u))) u++;
    const v = splitVersion(line, u, end);
    return { method: m.method, explicitMethod: true, unknownMethod: false, url: line.slice(u, v.urlEnd), urlColumn: u, httpVersion: v.version };
  }
  const firstEnd = tokenEnd(line, start);
  const first = line.slice(start, firstEnd);
  if (looksLikeUrl(first)) {
    const v = splitVersion(line, start, end);
    return { method: 'GET', explicitMethod: false, unknownMethod: false, url: line.slice(start, v.urlEnd), urlColumn: start, httpVersion: v.version };
  }
  if (isUpperWord(line, start, firstEnd)) {
    let u = firstEnd;
    while (u < end && isSpace(line.charCodeAt(u))) u++;
    const rest = line.slice(u, tokenEnd(line, u));
    if (rest && looksLikeUrl(rest)) {
      const v = splitVersion(line, u, end);
      return { method: first, explicitMethod: true, unknownMethod: true, url: line.slice(u, v.urlEnd), urlColumn: u, httpVersion: v.version };
    }
  }
  return undefined;
}

/** After a method word ending at `methodEnd`: is there a URL-looking token, so the line is a request line? */
export function isRequestLineAfter(line: string, methodEnd: number): boolean {
  let u = methodEnd;
  while (u < line.length && isSpace(line.charCodeAt(u))) u++;
  if (u === methodEnd || u >= line.length) return false;
  let e = u;
  while (e < line.length && !isSpace(line.charCodeAt(e))) e++;
  return looksLikeUrl(line.slice(u, e));
}
