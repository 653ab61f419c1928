/** Small text formatters for captured bodies. Pure functions: no DOM, no HTML, text in, text out. */

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `ab 0f …` lines of 16 bytes with an offset and a printable-ASCII column. */
export function hexDump(bytes: Uint8Array, max = 64 * 1024): string {
  const n = Math.min(bytes.length, max);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (off + i < n) {
        const b = bytes[off + i];
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += '   ';
      if (i === 7) hex += ' ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} ${ascii}`);
  }
  return lines.join('\n');
}

export function isJsonType(ct: string | undefined, text: string): boolean {
  if (ct && /[/+]json\b/i.test(ct)) return true;
  return /^\s*[[{]/.test(text.slice(0, 64));
}

export function isXmlType(ct: string | undefined, text: string): boolean {
  if (ct && /[/+]xml\b/i.test(ct)) return true;
  return /^\s*<\?xml/.test(text.slice(0, 64));
}

export function isFormType(ct: string | undefined): boolean {
  return !!ct && /^application\/x-www-form-urlencoded/i.test(ct);
}

/** Image types shown as a preview (SVG is not: it is a document, not a picture). */
export function imageType(ct: string | undefined): string | undefined {
  const m = ct && /^image\/(png|jpeg|gif|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)\b/i.exec(ct);
  return m ? `image/${m[1].toLowerCase()}` : undefined;
}

/** Does this look like text (valid UTF-8 without NULs and few control characters)? */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  try { new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample); } catch { return false; }
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= sample.length / 100;
}

function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i];
    if ((c & 0xc0) === 0xc0) { end -= i; break; }
    if ((c & 0x80) === 0) break;
  }
  return b.subarray(0, end);
}

export function prettyJson(text: string): string | undefined {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return undefined; }
}

/** Indents XML by element depth; leaves text content as it is. Never throws. */
export function prettyXml(text: string): string {
  const tokens = text.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/);
  let depth = 0;
  const out: string[] = [];
  for (const t of tokens) {
    if (!t.trim()) continue;
    if (/^<\//.test(t)) depth = Math.max(0, depth - 1);
    out.push('  '.repeat(depth) + t.trim());
    if (/^<[^!?/][^>]*[^/]>$/.test(t) || /^<[^!?/>]>$/.test(t)) depth++;
  }
  // Join an opening tag, its text and its closing tag on one line: <a>text</a>
  const joined: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const a = out[i]; const b = out[i + 1]; const c = out[i + 2];
    if (b !== undefined && c !== undefined && /^\s*<[^/!?][^>]*>$/.test(a) && !/^\s*</.test(b) && /^\s*<\//.test(c)) {
      joined.push(a + b.trim() + c.trim()); i += 2;
    } else joined.push(a);
  }
  return joined.join('\n');
}

export function formPairs(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text)];
}

export function queryPairs(url: string): Array<[string, string]> {
  const q = url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1))];
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
