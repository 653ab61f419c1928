/** Redirect rules: 303 turns into GET, 301/302 turn POST into GET (as browsers do), 307/308 keep method and body. */
export interface NextHop {
  url: URL;
  method: string;
  /** the body is dropped along with its Content-* headers */
  dropBody: boolean;
  /** credentials written for the first origin are not sent to another one */
  crossOrigin: boolean;
}

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function nextHop(status: number, location: string | undefined, current: URL, method: string): NextHop | undefined {
  if (!isRedirectStatus(status) || !location) return undefined;
  let url: URL;
  try { url = new URL(location, current); } catch { return undefined; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  let next = method;
  if (status === 303 && method !== 'HEAD') next = 'GET';
  else if ((status === 301 || status === 302) && method === 'POST') next = 'GET';
  return { url, method: next, dropBody: next !== method, crossOrigin: url.origin !== current.origin };
}

const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding']);
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Headers for the next hop: without body headers when the body is dropped, without credentials across origins. */
export function headersForHop(headers: Array<[string, string]>, hop: NextHop): Array<[string, string]> {
  if (!hop.dropBody && !hop.crossOrigin) return headers;
  return headers.filter(([name]) => {
    const n = name.toLowerCase();
    if (hop.dropBody && BODY_HEADERS.has(n)) return false;
    if (hop.crossOrigin && CREDENTIAL_HEADERS.has(n)) return false;
    return true;
  });
}
