/** Which request a line points at, and how to ask the runner for exactly that one. No `vscode` import. */
import type { HttpDocument, RequestBlock } from '../../core/http/model';

/** The request whose block holds `line`, else the nearest one above it, else the first below it. */
export function requestAt(doc: HttpDocument, line: number): RequestBlock | undefined {
  let best: RequestBlock | undefined;
  for (const r of doc.requests) {
    if (line >= r.range.startLine && line <= r.range.endLine) return r;
    if (r.range.startLine <= line) best = r;
  }
  return best ?? doc.requests[0];
}

/**
 * The runner runs one request by `@name` or `###` title. When the block's name does not pick it out
 * alone (no name, or shared with another request's name or title), this gives a copy of the document
 * in which the block has a unique title, plus that title to ask for. The block keeps its name, so
 * chaining still works.
 */
export function runnerTarget(doc: HttpDocument, block: RequestBlock): { document: HttpDocument; name: string } {
  const matches = (name: string) => doc.requests.filter((r) => r.name === name || r.title === name).length;
  if (block.name && matches(block.name) === 1) return { document: doc, name: block.name };
  if (!block.name && block.title && matches(block.title) === 1) return { document: doc, name: block.title };
  let unique = `apihook-target-line-${block.requestLine + 1}`;
  while (matches(unique) > 0) unique += '-';
  return { document: { ...doc, requests: doc.requests.map((r) => (r === block ? { ...r, title: unique } : r)) }, name: unique };
}
