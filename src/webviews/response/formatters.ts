/**
 * Incremental pretty-printers for the response panel: text arrives in pieces ("Show more") and each
 * piece is indented as it comes, with the state carried over, so a 10 MB body is never parsed whole.
 * Malformed input still comes out readable (nothing is dropped). No DOM: unit-tested in plain Node.
 */

export interface IncrementalFormatter {
  /** formats the next piece of text */
  push(chunk: string): string;
  /** what is still held back (an unfinished tag) */
  end(): string;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Indents JSON by its brackets, commas and colons; strings are copied exactly. */
export function createJsonFormatter(indent = '  '): IncrementalFormatter {
  let depth = 0;
  let inString = false;
  let escape = false;
  let justOpened = false;
  const pad = (d: number) => '\n' + indent.repeat(Math.max(0, d));
  return {
    push(chunk) {
      const out: string[] = [];
      let i = 0;
      const n = chunk.length;
      while (i < n) {
        if (inString) {
          // copy a run of plain string characters at once
          let j = i;
          while (j < n) {
            const c = chunk[j];
            if (escape) { escape = false; j++; continue; }
            if (c === '\\') { escape = true; j++; continue; }
            if (c === '"') { inString = false; j++; break; }
            j++;
          }
          out.push(chunk.slice(i, j));
          i = j;
          continue;
        }
        const c = chunk[i]!;
        i++;
        if (WS.has(c)) continue;
        if (justOpened) {
          justOpened = false;
          if (c === '}' || c === ']') { depth--; out.push(c); continue; }
          out.push(pad(depth));
        }
        switch (c) {
          case '{': case '[': out.push(c); depth++; justOpened = true; break;
          case '}': case ']': depth--; out.push(pad(depth), c); break;
          case ',': out.push(',', pad(depth)); break;
          case ':': out.push(': '); break;
          case '"': inString = true; out.push(c); break;
          default: {
            // a run of a literal (number, true, false, null)
            let j = i;
            while (j < n && !WS.has(chunk[j]!) && !'{}[],:"'.includes(chunk[j]!)) j++;
            out.push(c, chunk.slice(i, j));
            i = j;
          }
        }
      }
      return out.join('');
    },
    end: () => '',
  };
}

/** Puts each XML tag on its own line, indented by nesting; `<a>text</a>` stays on one line. */
export function createXmlFormatter(indent = '  '): IncrementalFormatter {
  let depth = 0;
  let rest = '';
  let first = true;
  /** 'open' right after a start tag, 'text' right after text that followed a start tag */
  let last: 'open' | 'text' | 'other' = 'other';
  const line = (d: number) => (first ? ((first = false), '') : '\n') + indent.repeat(Math.max(0, d));
  const tagEnd = (s: string, at: number): number => {
    if (s.startsWith('<!--', at)) { const e = s.indexOf('-->', at + 4); return e < 0 ? -1 : e + 3; }
    if (s.startsWith('<![CDATA[', at)) { const e = s.indexOf(']]>', at + 9); return e < 0 ? -1 : e + 3; }
    let q: string | undefined;
    for (let i = at + 1; i < s.length; i++) {
      const c = s[i];
      if (q) { if (c === q) q = undefined; continue; }
      if (c === '"' || c === "'") q = c;
      else if (c === '>') return i + 1;
    }
    return -1;
  };
  const run = (s: string, final: boolean): string => {
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      const textEnd = lt < 0 ? s.length : lt;
      if (lt < 0 && !final) { rest = s.slice(i); return out.join(''); }
      const text = s.slice(i, textEnd).trim();
      if (text) {
        if (last === 'open') { out.push(text); last = 'text'; } else { out.push(line(depth), text); last = 'other'; }
      }
      if (lt < 0) { i = s.length; break; }
      const end = tagEnd(s, lt);
      if (end < 0) {
        if (!final) { rest = s.slice(lt); return out.join(''); }
        out.push(line(depth), s.slice(lt));
        break;
      }
      const tag = s.slice(lt, end);
      if (tag.startsWith('</')) {
        depth--;
        if (last === 'text' || last === 'open') out.push(tag); else out.push(line(depth), tag);
        last = 'other';
      } else if (tag.startsWith('<?') || tag.startsWith('<!') || tag.endsWith('/>')) {
        out.push(line(depth), tag);
        last = 'other';
      } else {
        out.push(line(depth), tag);
        depth++;
        last = 'open';
      }
      i = end;
    }
    rest = '';
    return out.join('');
  };
  return {
    push: (chunk) => run(rest + chunk, false),
    end: () => (rest ? run(rest, true) : ''),
  };
}

/** Copies text as it is. */
export function createPlainFormatter(): IncrementalFormatter {
  return { push: (c) => c, end: () => '' };
}
