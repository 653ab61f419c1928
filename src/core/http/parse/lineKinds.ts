/** Readers for the special lines of a request block: directives, scripts, redirects, file bodies. */
import {
  CH_AT, CH_BANG, CH_EQ, CH_GT, CH_LBRACE, CH_LT, CH_PERCENT, CH_SPACE, CH_TAB,
  commentTextStart, firstNonSpace, isSpace, lastNonSpaceEnd, wordEnd,
} from './lineScan';

/** `# @name value`, `// @name=value`; undefined for a plain comment. */
export function readDirective(line: string, at: number): { name: string; value: string } | undefined {
  const t = commentTextStart(line, at);
  if (t < 0) return undefined;
  let i = t;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== CH_AT) return undefined;
  const ne = wordEnd(line, i + 1);
  if (ne === i + 1) return undefined;
  const name = line.slice(i + 1, ne);
  let v = ne;
  while (v < line.length && isSpace(line.charCodeAt(v))) v++;
  if (line.charCodeAt(v) === CH_EQ) {
    v++;
    while (v < line.length && isSpace(line.charCodeAt(v))) v++;
  } else if (v === ne && v < line.length) {
    return undefined; // `# @foo!` — not a directive
  }
  return { name, value: line.slice(v, lastNonSpaceEnd(line)) };
}

/** `@name = value` at `at`: a file variable (value may be empty). */
export function readFileVariable(line: string, at: number): { name: string; value: string; ok: boolean } {
  let i = at + 1;
  const n = line.length;
  while (i < n && !isSpace(line.charCodeAt(i)) && line.charCodeAt(i) !== CH_EQ) i++;
  const name = line.slice(at + 1, i);
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== CH_EQ || !name) return { name, value: '', ok: false };
  i++;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return { name, value: line.slice(i, lastNonSpaceEnd(line)), ok: true };
}

/** Where `{%` opens after `>`/`<` at `at`, or -1. */
export function inlineScriptOpen(line: string, at: number): number {
  let i = at + 1;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return line.charCodeAt(i) === CH_LBRACE && line.charCodeAt(i + 1) === CH_PERCENT ? i + 2 : -1;
}

/** Index of `%}` that ends the line (ignoring trailing blanks), or -1. */
export function inlineScriptClose(line: string): number {
  const e = lastNonSpaceEnd(line);
  return e >= 2 && line.charCodeAt(e - 2) === CH_PERCENT && line.charCodeAt(e - 1) === 125 ? e - 2 : -1;
}

/** A `>` line: `>> path`, `>>! path`, `> {% … %}`, `> path`. */
export type GtLine =
  | { kind: 'redirect'; path: string; overwrite: boolean }
  | { kind: 'inline'; codeStart: number }
  | { kind: 'file'; path: string };

export function readGtLine(line: string, at: number): GtLine | undefined {
  if (line.charCodeAt(at) !== CH_GT) return undefined;
  const end = lastNonSpaceEnd(line);
  if (line.charCodeAt(at + 1) === CH_GT) {
    const overwrite = line.charCodeAt(at + 2) === CH_BANG;
    const p = firstNonSpaceFrom(line, at + (overwrite ? 3 : 2));
    return { kind: 'redirect', path: line.slice(p, end), overwrite };
  }
  const open = inlineScriptOpen(line, at);
  if (open >= 0) return { kind: 'inline', codeStart: open };
  const p = firstNonSpaceFrom(line, at + 1);
  if (p >= end) return undefined;
  return { kind: 'file', path: line.slice(p, end) };
}

function firstNonSpaceFrom(line: string, i: number): number {
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return i;
}

/** `< path`, `<@ path`, `<@latin1 path` — a body read from a file. `<>` (response reference) and `<tag` are not. */
export function readFileRef(line: string, at: number): { path: string; substitute: boolean; encoding?: string } | undefined {
  if (line.charCodeAt(at) !== CH_LT) return undefined;
  const c = line.charCodeAt(at + 1);
  const end = lastNonSpaceEnd(line);
  if (c === CH_SPACE || c === CH_TAB) {
    const p = firstNonSpaceFrom(line, at + 1);
    return p < end ? { path: line.slice(p, end), substitute: false } : undefined;
  }
  if (c === CH_AT) {
    const we = wordEnd(line, at + 2);
    const encoding = we > at + 2 ? line.slice(at + 2, we) : undefined;
    if (we < end && !isSpace(line.charCodeAt(we))) return undefined;
    const p = firstNonSpaceFrom(line, we);
    return p < end ? { path: line.slice(p, end), substitute: true, encoding } : undefined;
  }
  return undefined;
}

/** `<> path`: JetBrains' reference to a saved response. */
export function readResponseRef(line: string, at: number): string | undefined {
  if (line.charCodeAt(at) !== CH_LT || line.charCodeAt(at + 1) !== CH_GT) return undefined;
  return line.slice(firstNonSpace(line.slice(at + 2)) + at + 2, lastNonSpaceEnd(line));
}

/** httpYac script block opener: a line that is `{{` or `{{@event` alone. */
export function isYacScriptOpen(line: string, at: number): boolean {
  if (line.charCodeAt(at) !== CH_LBRACE || line.charCodeAt(at + 1) !== CH_LBRACE) return false;
  const end = lastNonSpaceEnd(line);
  if (end === at + 2) return true;
  if (line.charCodeAt(at + 2) !== CH_AT) return false;
  return wordEnd(line, at + 3) === end;
}

/** A header name (before the colon at `colon`): a non-empty token without blanks, quotes or separators. */
export function validHeaderName(line: string, from: number, colon: number): boolean {
  let e = colon;
  while (e > from && isSpace(line.charCodeAt(e - 1))) e--;
  if (e === from) return false;
  for (let k = from; k < e; k++) {
    const ch = line.charCodeAt(k);
    if (ch <= 32 || ch === 34 || ch === 40 || ch === 41 || ch === 44 || ch === 59 || ch === 60 || ch === 62 || ch === 91 || ch === 93 || ch === 123 || ch === 125) return false;
  }
  return true;
}

export function hasSpaceBetween(line: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isSpace(line.charCodeAt(k))) return true;
  return false;
}
