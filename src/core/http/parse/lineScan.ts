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

/** The lines of a document, read on demand from the source text (no array of 100,000 strings to keep alive). */
export interface LineSource {
  readonly count: number;
  /** line `i` without its line break (and without a trailing CR) */
  line(i: number): string;
  /** lines `from`..`to` (inclusive) joined with LF */
  text(from: number, to: number): string;
  /** char code of the first non-blank character of line `i`, -1 for a blank line; allocates nothing */
  firstCode(i: number): number;
}

/** Indexes the line starts of `text` (LF, CRLF); a leading BOM is removed. */
export function splitLines(text: string): LineSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let count = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) count++;
  const starts = new Int32Array(count + 1);
  let k = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) starts[k++] = p + 1;
  starts[count] = text.length + 1;
  const hasCR = text.indexOf('\r') >= 0;
  const src = text;
  const lineEnd = (i: number) => {
    let e = starts[i + 1] - 1;
    if (hasCR && e > starts[i] && src.charCodeAt(e - 1) === 13) e--;
    return e;
  };
  return {
    count,
    line: (i) => src.slice(starts[i], lineEnd(i)),
    text(from, to) {
      const s = src.slice(starts[from], lineEnd(to));
      return hasCR ? s.replace(/\r\n/g, '\n') : s;
    },
    firstCode(i) {
      const e = starts[i + 1] - 1;
      for (let k = starts[i]; k < e; k++) {
        const c = src.charCodeAt(k);
        if (!isSpace(c)) return c;
      }
      return -1;
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

/** A body line starting with this character is plain text: not a comment, script, file, assertion, `{{` or request line. */
export function isPlainBodyStart(c: number): boolean {
  if (c < 0) return false;
  if (c === 35 || c === 47 || c === 62 || c === 60 || c === 63 || c === 123) return false; // # / > < ? {
  return !((c >= 65 && c <= 90) || (c >= 97 && c <= 122)); // letters may start a request line
}

/** A shell command continued with `\` at line ends, from line `i` (whose text from the command start is `first`). */
export function joinContinuation(src: LineSource, i: number, first: string): { cmd: string; end: number } {
  let end = i;
  let cmd = first;
  while (end + 1 < src.count && cmd.charCodeAt(cmd.length - 1) === 92) {
    end++;
    const next = src.line(end);
    cmd += '\n' + next.slice(0, lastNonSpaceEnd(next));
  }
  return { cmd, end };
}
