/**
 * Character-level helpers for the .http parser: every test looks at char codes, so classifying a line
 * costs a few comparisons and allocates nothing.
 */

export const CH_TAB = 9;
export const CH_SPACE = 32;
export const CH_HASH = 35; // #
export const CH_SLASH = 47; // /
export const CH_AT = 64; // @
export const CH_LT = 60; // <
export const CH_GT = 62; // >
export const CH_QUESTION = 63; // ?
export const CH_AMP = 38; // &
export const CH_LBRACE = 123; // {
export const CH_RBRACE = 125; // }
export const CH_LBRACKET = 91; // [
export const CH_COLON = 58; // :
export const CH_EQ = 61; // =
export const CH_PERCENT = 37; // %
export const CH_BANG = 33; // !

export function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === 13 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;
}

/** Index of the first non-space character, or `line.length` when the line is blank. */
export function firstNonSpace(line: string): number {
  let i = 0;
  const n = line.length;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-space character. */
export function lastNonSpaceEnd(line: string): number {
  let e = line.length;
  while (e > 0 && isSpace(line.charCodeAt(e - 1))) e--;
  return e;
}

/** True when the line (from `i`) starts with `###`. */
export function isSeparatorAt(line: string, i: number): boolean {
  return line.charCodeAt(i) === CH_HASH && line.charCodeAt(i + 1) === CH_HASH && line.charCodeAt(i + 2) === CH_HASH;
}

/** Start of the text of a `#` or `//` comment starting at `i`, or -1 when the line is no comment there. */
export function commentTextStart(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c === CH_HASH) return i + 1;
  if (c === CH_SLASH && line.charCodeAt(i + 1) === CH_SLASH) return i + 2;
  return -1;
}

/** The lines of a document, and the text of a run of lines (sliced from the source when it has no CR). */
export interface LineSource {
  lines: string[];
  /** lines `from`..`to` (inclusive) joined with LF */
  text(from: number, to: number): string;
}

/** Splits text into lines on LF, dropping one trailing CR from each; a leading BOM is removed. */
export function splitLines(text: string): LineSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  if (text.indexOf('\r') >= 0) {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    return { lines, text: (from, to) => (from === to ? lines[from] : lines.slice(from, to + 1).join('\n')) };
  }
  let offsets: Int32Array | undefined;
  const src = text;
  return {
    lines,
    text(from, to) {
      if (from === to) return lines[from];
      if (!offsets) {
        offsets = new Int32Array(lines.length + 1);
        for (let i = 0; i < lines.length; i++) offsets[i + 1] = offsets[i] + lines[i].length + 1;
      }
      return src.slice(offsets[from], offsets[to] + lines[to].length);
    },
  };
}

/** End index of an identifier-like word (letters, digits, `_`, `-`, `.`, `$`) starting at `i`. */
export function wordEnd(line: string, i: number): number {
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 36;
    if (!ok) break;
    i++;
  }
  return i;
}

/** End index of the run of non-space characters starting at `i`. */
export function tokenEnd(line: string, i: number): number {
  const n = line.length;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  return i;
}

/** True when `line` from `i` holds nothing but `s` and surrounding blanks. */
export function trimmedEquals(line: string, i: number, s: string): boolean {
  return line.startsWith(s, i) && lastNonSpaceEnd(line) === i + s.length;
}
