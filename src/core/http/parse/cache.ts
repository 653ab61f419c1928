/** Parse results kept per document version, so the editor's providers can ask on every keystroke for free. */
import type { HttpDocument } from '../model';
import { parseHttp } from './parser';

export interface ParseCache {
  /** the parse of `text`, reused when (uri, version) was parsed before; pass a function to read the text only on a miss */
  get(uri: string, version: number, text: string | (() => string)): HttpDocument;
  /** forget a document (closed or deleted) */
  delete(uri: string): void;
  clear(): void;
  readonly size: number;
}

/** A cache of the latest parse per URI; `maxEntries` bounds memory (least recently used goes first). */
export function createParseCache(maxEntries = 200): ParseCache {
  const entries = new Map<string, { version: number; doc: HttpDocument }>();
  return {
    get(uri, version, text) {
      const hit = entries.get(uri);
      if (hit && hit.version === version) {
        entries.delete(uri);
        entries.set(uri, hit);
        return hit.doc;
      }
      const doc = parseHttp(typeof text === 'function' ? text() : text);
      entries.delete(uri);
      entries.set(uri, { version, doc });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return doc;
    },
    delete(uri) { entries.delete(uri); },
    clear() { entries.clear(); },
    get size() { return entries.size; },
  };
}
