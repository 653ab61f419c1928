/**
 * Turns a `curl …` command (as pasted into a .http file, possibly over several `\`-continued lines) into
 * the parts of a request: method, URL, headers and body. Shell quoting ('…', "…", $'…', backslashes) is
 * honoured; options that do not change the request (-s, -v, -k, -L, --compressed, …) are accepted quietly.
 */
import type { BodySource } from './model';

export interface CurlRequest {
  method: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  body: BodySource;
  /** problems, e.g. an unknown option or a missing URL */
  warnings: string[];
}

/** Splits a shell command into words. Never throws; an unclosed quote runs to the end. */
export function shellWords(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const n = cmd.length;
  while (i < n) {
    const c = cmd[i];
    if (c === '\\' && (cmd[i + 1] === '\n' || (cmd[i + 1] === '\r' && cmd[i + 2] === '\n'))) {
      i += cmd[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) { out.push(cur); cur = ''; inWord = false; }
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const e = cmd.indexOf("'", i + 1);
      cur += e < 0 ? cmd.slice(i + 1) : cmd.slice(i + 1, e);
      i = e < 0 ? n : e + 1;
    } else if (c === '$' && cmd[i + 1] === "'") {
      i += 2;
      while (i < n && cmd[i] !== "'") {
        if (cmd[i] === '\\' && i + 1 < n) {
          const e = cmd[i + 1];
          cur += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
        } else cur += cmd[i++];
      }
      i++;
    } else if (c === '"') {
      i++;
      while (i < n && cmd[i] !== '"') {
        if (cmd[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(cmd[i + 1])) {
          if (cmd[i + 1] !== '\n') cur += cmd[i + 1];
          i += 2;
        } else cur += cmd[i++];
      }
      i++;
    } else if (c === '\\' && i + 1 < n) {
      cur += cmd[i + 1];
      i += 2;
    } else {
      cur += c;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

const DATA_OPTS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const IGNORED_FLAGS = new Set(['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-k', '--insecure', '-L', '--location', '--compressed', '-i', '--include', '-f', '--fail', '--http1.1', '--http2', '-#', '--progress-bar', '-N', '--no-buffer']);
const IGNORED_WITH_ARG = new Set(['-o', '--output', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '--retry', '-x', '--proxy', '--cacert', '--cert', '--key', '-c', '--cookie-jar']);

export const CURL_BOUNDARY = '----ApiHookCurlFormBoundary';

/** Reads the words of a curl command (the first word must be `curl`). */
export function curlToRequest(command: string): CurlRequest {
  const words = shellWords(command);
  const warnings: string[] = [];
  const headers: CurlRequest['headers'] = [];
  const data: string[] = [];
  const forms: string[] = [];
  let method: string | undefined;
  let url = '';
  let getMode = false;
  let json = false;
  let dataFile: string | undefined;
  for (let i = 1; i < words.length; i++) {
    let w = words[i];
    let val: string | undefined;
    if (w.startsWith('--') && w.includes('=')) { val = w.slice(w.indexOf('=') + 1); w = w.slice(0, w.indexOf('=')); }
    const next = (): string => val ?? words[++i] ?? '';
    if (w === '-X' || w === '--request') method = next().toUpperCase();
    else if (w.startsWith('-X') && w.length > 2 && !w.startsWith('--')) method = w.slice(2).toUpperCase();
    else if (w === '-H' || w === '--header') {
      const h = next();
      const c = h.indexOf(':');
      if (c > 0) headers.push({ name: h.slice(0, c).trim(), value: h.slice(c + 1).trim() });
      else warnings.push(`curl header '${h}' has no colon`);
    } else if (DATA_OPTS.has(w)) {
      const d = next();
      if (w === '--json') json = true;
      if (d.startsWith('@') && w !== '--data-raw') dataFile = d.slice(1);
      else data.push(d);
    } else if (w === '-F' || w === '--form' || w === '--form-string') forms.push(next());
    else if (w === '-u' || w === '--user') headers.push({ name: 'Authorization', value: `Basic ${next()}` });
    else if (w === '-A' || w === '--user-agent') headers.push({ name: 'User-Agent', value: next() });
    else if (w === '-e' || w === '--referer') headers.push({ name: 'Referer', value: next() });
    else if (w === '-b' || w === '--cookie') headers.push({ name: 'Cookie', value: next() });
    else if (w === '--url') url = next();
    else if (w === '-G' || w === '--get') getMode = true;
    else if (w === '-I' || w === '--head') method = 'HEAD';
    else if (IGNORED_FLAGS.has(w)) continue;
    else if (IGNORED_WITH_ARG.has(w)) next();
    else if (w.startsWith('-') && w.length > 1) warnings.push(`curl option ${w} is not supported and was ignored`);
    else if (!url) url = w;
    else warnings.push(`unexpected curl argument '${w}'`);
  }
  if (!url) warnings.push('the curl command has no URL');
  const hasHeader = (n: string) => headers.some((h) => h.name.toLowerCase() === n);
  let body: BodySource = { kind: 'none' };
  const range = { startLine: 0, endLine: 0 };
  if (getMode && data.length) {
    url += (url.includes('?') ? '&' : '?') + data.join('&');
    method = method ?? 'GET';
  } else if (forms.length) {
    if (!hasHeader('content-type')) headers.push({ name: 'Content-Type', value: `multipart/form-data; boundary=${CURL_BOUNDARY}` });
    const parts: Extract<BodySource, { kind: 'mixed' }>['parts'] = [];
    for (const f of forms) {
      const eq = f.indexOf('=');
      const name = eq < 0 ? f : f.slice(0, eq);
      const v = eq < 0 ? '' : f.slice(eq + 1);
      if (v.startsWith('@') || v.startsWith('<')) {
        const path = v.slice(1).split(';')[0];
        const fileName = path.split(/[\\/]/).pop() ?? path;
        parts.push({ kind: 'text', text: `--${CURL_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\n\r\n` });
        parts.push({ kind: 'file', path, substitute: false });
        parts.push({ kind: 'text', text: '\r\n' });
      } else {
        parts.push({ kind: 'text', text: `--${CURL_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n` });
      }
    }
    parts.push({ kind: 'text', text: `--${CURL_BOUNDARY}--\r\n` });
    body = { kind: 'mixed', parts, range };
    method = method ?? 'POST';
  } else if (dataFile !== undefined) {
    body = { kind: 'file', path: dataFile, substitute: false, range };
    method = method ?? 'POST';
  } else if (data.length) {
    body = { kind: 'text', text: data.join('&'), range };
    method = method ?? 'POST';
  }
  if (json) {
    if (!hasHeader('content-type')) headers.push({ name: 'Content-Type', value: 'application/json' });
    if (!hasHeader('accept')) headers.push({ name: 'Accept', value: 'application/json' });
  } else if (body.kind === 'text' && !hasHeader('content-type')) {
    headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  }
  return { method: method ?? 'GET', url, headers, body, warnings };
}
