/**
 * Which requests of a file a test run sends: the selected ones plus every named request they refer
 * to (transitively), in file order, so each runs once in one `runDocument`. No `vscode` import.
 */
import type { HttpDocument, RequestBlock } from '../../core/http/model';
import { requestDependencies } from '../../core/http/run/dependencies';

/**
 * A copy of `document` holding only the requests to send for `selected` (request lines), or the
 * document itself when every request is needed.
 */
export function planDocument(document: HttpDocument, selected: ReadonlySet<number>): HttpDocument {
  const keep = new Set<RequestBlock>();
  const byName = new Map<string, RequestBlock>();
  for (const r of document.requests) if (r.name && !byName.has(r.name)) byName.set(r.name, r); // the runner takes the first
  const visit = (block: RequestBlock) => {
    if (keep.has(block)) return;
    keep.add(block);
    for (const dep of requestDependencies(document, block)) {
      const target = byName.get(dep);
      if (target) visit(target);
    }
  };
  for (const block of document.requests) if (selected.has(block.requestLine)) visit(block);
  if (keep.size === document.requests.length) return document;
  return { ...document, requests: document.requests.filter((r) => keep.has(r)) };
}
