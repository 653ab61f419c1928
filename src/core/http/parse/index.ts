/** The .http parser: `parseHttp(text)` and a per-version cache for the editor. */
export { parseHttp } from './parser';
export { createParseCache, type ParseCache } from './cache';
export { KNOWN_METHODS } from './requestLine';
export { headerValue } from './bodyKind';
