import type { OutgoingRequest } from '../model';

const MASK = '••••••';
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const SECRET_NAME = /token|secret|key|password|passwd|pwd|signature|auth|credential|session/i;
const SECRET_HEADER_NAME = /token|secret|key|password|signature/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_NAME.test(name);
}

/** Keeps the scheme of an Authorization value (`Bearer ••••••`) so the reader still sees the kind. */
function maskHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = /^\s*([A-Za-z0-9-]+)\s+\S/.exec(value);
    if (scheme) return `${scheme[1]} ${MASK}`;
  }
  if (lower === 'cookie') {
    return value.split(';').map((c) => {
      const eq = c.indexOf('=');
      return eq < 0 ? c : `${c.slice(0, eq)}=${MASK}`;
    }).join(';');
  }
  if (lower === 'set-cookie') {
    const eq = value.indexOf('=');
    const semi = value.indexOf(';');
    return eq < 0 ? MASK : `${value.slice(0, eq)}=${MASK}${semi > eq ? value.slice(semi) : ''}`;
  }
  return MASK;
}

/** The URL with userinfo and secret-looking query values replaced; unparsable text is returned as is. */
export function maskUrl(url: string): string {
  let u: URL;
  try { u = new URL(url); } catch { return url; }
  let changed = false;
  if (u.username || u.password) {
    u.username = u.username ? MASK : '';
    u.password = u.password ? MASK : '';
    changed = true;
  }
  const query = u.search.replace(/^\?/, '');
  if (query) {
    const parts = query.split('&').map((p) => {
      const eq = p.indexOf('=');
      if (eq < 0) return p;
      let name = p.slice(0, eq);
      try { name = decodeURIComponent(name); } catch { /* keep raw */ }
      if (!SECRET_NAME.test(name)) return p;
      changed = true;
      return `${p.slice(0, eq)}=${encodeURIComponent(MASK)}`;
    });
    if (changed) u.search = `?${parts.join('&')}`;
  }
  return changed ? u.toString() : url;
}

/** A copy of the request fit for display and history: credentials in headers and URL masked. */
export function maskSecrets(request: OutgoingRequest): OutgoingRequest {
  return {
    ...request,
    url: maskUrl(request.url),
    headers: request.headers.map(([n, v]) => [n, isSecretHeader(n) ? maskHeaderValue(n, v) : v] as [string, string]),
  };
}

/** Header list with secrets masked (for responses: Set-Cookie and the like). */
export function maskHeaders(headers: Array<[string, string]>): Array<[string, string]> {
  return headers.map(([n, v]) => [n, isSecretHeader(n) ? maskHeaderValue(n, v) : v]);
}
