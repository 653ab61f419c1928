import type { FilterField } from '../../shared/protocol/captures';

export interface Searchable {
  meta: { id: string; method: string; url: string; rawHeaders: string[] };
  body: Buffer;
}

/** Bodies larger than this are searched in their first part only. */
const BODY_SEARCH_CAP = 16 * 1024 * 1024;

/**
 * Does a capture match a filter text (case-insensitive)? `method` is exact, `path` and `header`
 * (name or value, or `name: value`) are substrings, `body` searches the body as UTF-8 text.
 */
export function matches(c: Searchable, field: FilterField, needle: string): boolean {
  const n = needle.toLowerCase();
  if (!n) return true;
  const { meta } = c;
  const method = (): boolean => meta.method.toLowerCase() === n;
  const path = (): boolean => meta.url.toLowerCase().includes(n);
  const header = (): boolean => {
    for (let i = 0; i + 1 < meta.rawHeaders.length; i += 2) {
      const name = meta.rawHeaders[i].toLowerCase();
      const value = meta.rawHeaders[i + 1].toLowerCase();
      if (name.includes(n) || value.includes(n) || `${name}: ${value}`.includes(n)) return true;
    }
    return false;
  };
  const body = (): boolean => {
    if (c.body.length === 0) return false;
    const text = c.body.subarray(0, BODY_SEARCH_CAP).toString('utf8');
    return text.toLowerCase().includes(n);
  };
  switch (field) {
    case 'method': return method();
    case 'path': return path();
    case 'header': return header();
    case 'body': return body();
    default: return method() || path() || header() || body();
  }
}

/** Needs the body bytes for this field? (method/path/header searches read metadata only.) */
export function needsBodies(field: FilterField): boolean {
  return field === 'body' || field === 'any';
}
