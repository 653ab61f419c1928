import { isUtf8 } from 'node:buffer';
import type { CaptureMeta } from '../types';
import { captureToOutgoing } from './outgoing';

export interface HttpExport {
  /** the `.http` request text */
  text: string;
  /** set when the body cannot be written inline; the text refers to it as `< ./name` */
  bodyFile?: { name: string; data: Buffer };
}

/** Body lines the .http syntax would read as something else (separator, file include, script, redirect). */
const SPECIAL_LINE = /^(###|<\s|<@|>\s*\{%|>>|>\s+\S)/m;

function inlineable(body: Buffer): boolean {
  if (!isUtf8(body)) return false;
  const text = body.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) return false;
  if (text.includes('\r')) return false;
  if (text.includes('{{')) return false;
  if (/^\s|\s$/.test(text)) return false;
  return !SPECIAL_LINE.test(text);
}

/**
 * A capture as a `.http` request: the request line with the full URL, the headers as received (minus
 * host and hop-by-hop ones, which the sender recomputes), a blank line and the body. A body that the
 * format could not carry byte for byte (binary, CR, `{{`, leading/trailing blanks, lines the parser
 * treats specially) goes to a side file referenced with `< ./name`.
 */
export function toHttpText(meta: CaptureMeta, body: Buffer, opts: { baseUrl?: string } = {}): HttpExport {
  const req = captureToOutgoing(meta, body, opts.baseUrl);
  const when = new Date(meta.receivedAt).toISOString();
  const lines = [`### ${meta.method} ${meta.url.split('?')[0]} (capture ${meta.id}, ${when})`, `${req.method} ${req.url}`];
  for (const [n, v] of req.headers) lines.push(`${n}: ${v}`);
  if (body.length === 0) return { text: lines.join('\n') + '\n' };
  lines.push('');
  if (inlineable(body)) {
    lines.push(body.toString('utf8'));
    return { text: lines.join('\n') + '\n' };
  }
  const name = `capture-${meta.id}.body`;
  lines.push(`< ./${name}`);
  return { text: lines.join('\n') + '\n', bodyFile: { name, data: body } };
}
