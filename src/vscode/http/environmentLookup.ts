/** Where environments are looked up for a document, and how settings objects merge. No `vscode` import. */
import * as path from 'node:path';

/** Merges two REST Client environment objects section by section; `b` wins. */
export function mergeEnvironmentObjects(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObject(prev) && isObject(v) ? { ...prev, ...v } : v;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Folders from `start` up to `root` (inclusive); `start` then `root` when start is outside root. */
export function candidateDirs(start: string | undefined, root: string | undefined): string[] {
  if (!start) return root ? [root] : [];
  const out: string[] = [];
  let dir = path.resolve(start);
  const top = root ? path.resolve(root) : undefined;
  for (let i = 0; i < 64; i++) {
    out.push(dir);
    if (dir === top) return out;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return top ? [path.resolve(start), top] : [path.resolve(start)];
}
