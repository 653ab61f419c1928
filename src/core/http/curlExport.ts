import { isUtf8 } from 'node:buffer';
import type { OutgoingRequest } from './model';

export interface CurlOptions {
  /** one option per line with ` \` continuations (default true) */
  multiline?: boolean;
}

/** Quotes a string for a POSIX shell: single quotes, with each `'` written as `'\''`. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `$'…'` quoting (bash, zsh, ksh) for bytes that are not plain text; cannot hold NUL. */
function ansiCQuote(data: Buffer): string {
  let out = "$'";
  for (const b of data) {
    if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out + "'";
}

/** A `printf` format string that writes exactly these bytes (octal escapes; works with any POSIX printf). */
function printfBytes(data: Buffer): string {
  let fmt = '';
  for (const b of data) {
    if (b === 0x25) fmt += '%%';
    else if (b === 0x5c) fmt += '\\\\';
    else if (b >= 0x20 && b < 0x7f && b !== 0x27) fmt += String.fromCharCode(b);
    else fmt += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `printf '${fmt}'`;
}

/** The body as a curl argument; `pipe` when the bytes must come through stdin (`--data-binary @-`). */
function bodyArgs(req: OutgoingRequest): { args: string[]; pipe?: string; note?: string } {
  const body = req.body;
  if (!body) return { args: [] };
  if (body.kind === 'file') return { args: ['--data-binary', shellQuote(`@${body.path}`)] };
  if (body.kind === 'multipart') {
    const files = body.parts.filter((p) => p.kind === 'file').map((p) => (p as { path: string }).path);
    if (files.length === 0) return bodyArgs({ ...req, body: { kind: 'buffer', data: Buffer.concat(body.parts.map((p) => (p as { data: Buffer }).data)) } });
    return { args: ['--data-binary', '@-'], note: `# the multipart body includes the files ${files.join(', ')}: pipe the assembled body into this command` };
  }
  const data = body.data;
  if (data.length === 0) return { args: ['--data-binary', "''"] };
  const text = isUtf8(data) && !data.includes(0);
  // eslint-disable-next-line no-control-regex
  if (text && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(data.toString('utf8'))) return { args: ['--data-binary', shellQuote(data.toString('utf8'))] };
  if (!data.includes(0)) return { args: ['--data-binary', ansiCQuote(data)] };
  return { args: ['--data-binary', '@-'], pipe: printfBytes(data) };
}

/**
 * A curl command that sends this request: method, URL, headers in their order (duplicates kept) and
 * the exact body bytes. Text bodies are single-quoted; other bytes use `$'…'`, or `printf … |` with
 * `--data-binary @-` when they hold NUL bytes.
 */
export function toCurl(req: OutgoingRequest, opts: CurlOptions = {}): string {
  const method = req.method.toUpperCase();
  const args: string[] = [];
  if (method === 'HEAD') args.push('--head');
  else if (!(method === 'GET' && !req.body) && !(method === 'POST' && req.body)) args.push('-X', shellQuote(method));
  if (req.httpVersion === '2') args.push('--http2');
  for (const [name, value] of req.headers) args.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  const body = bodyArgs(req);
  args.push(...body.args);
  const url = shellQuote(req.url);
  const parts = [`curl ${url}`, ...pairUp(args)];
  const cmd = opts.multiline === false ? parts.join(' ') : parts.join(' \\\n  ');
  const withPipe = body.pipe ? `${body.pipe} | ${cmd}` : cmd;
  return body.note ? `${body.note}\n${withPipe}` : withPipe;
}

/** Keeps each option with its value so a multi-line command reads one option per line. */
function pairUp(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('-') && i + 1 < args.length && !args[i + 1].startsWith('-')) { out.push(`${args[i]} ${args[i + 1]}`); i++; }
    else out.push(args[i]);
  }
  return out;
}
