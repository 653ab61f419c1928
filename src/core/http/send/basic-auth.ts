/**
 * REST Client's Basic forms: `Basic user:pass` and `Basic user pass` are encoded to base64; a value
 * that is already base64 (no colon, no space) is left alone.
 */
export function encodeBasicAuthorization(value: string): string {
  const m = /^\s*basic\s+(.*)$/i.exec(value);
  if (!m) return value;
  const credentials = m[1].trim();
  let user: string;
  let pass: string;
  const colon = credentials.indexOf(':');
  const space = credentials.search(/\s/);
  if (colon >= 0 && (space < 0 || colon < space)) {
    user = credentials.slice(0, colon);
    pass = credentials.slice(colon + 1);
  } else if (space >= 0) {
    user = credentials.slice(0, space);
    pass = credentials.slice(space).trim();
  } else {
    return value;
  }
  return `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
}
